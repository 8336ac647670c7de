import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { IdParam } from '../../shared/common'
import { Checkin, CheckinFile, Rollcall, RollcallBoard, RollcallBoardQuery, RollcallClose, RollcallOpen } from '../../shared/rollcall'
import type { Deps } from '../context'
import { requireActor } from '../http/guard'
import { created, jsonBody, newRouter, ok } from '../http/openapi'
import { closeRollcall, fileCheckin, getBoard, listRollcalls, openRollcall } from './service'

const tags = ['Roll-calls']

export function rollcallRoutes(deps: Deps) {
  const r = newRouter()
  r.openapi(createRoute({ method: 'get', path: '/rollcalls', tags, responses: ok(z.array(Rollcall)) }), (c) =>
    c.json(listRollcalls(deps, requireActor(c)), 200),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/rollcalls',
      tags,
      description: 'Opens a roll-call: daily at dueMinute (local time) or hourly; by default every telecom and postal enterprise is called.',
      request: { body: jsonBody(RollcallOpen) },
      responses: created(Rollcall),
    }),
    async (c) => c.json(await openRollcall(deps, requireActor(c), c.req.valid('json')), 201),
  )
  r.openapi(
    createRoute({
      method: 'get',
      path: '/rollcalls/{id}/board',
      tags,
      description: 'Per enterprise, area and period: on_time, late, missing or pending (not yet due).',
      request: { params: IdParam, query: RollcallBoardQuery },
      responses: ok(RollcallBoard),
    }),
    (c) => c.json(getBoard(deps, requireActor(c), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/rollcalls/{id}/close',
      tags,
      request: { params: IdParam, body: jsonBody(RollcallClose) },
      responses: ok(Rollcall),
    }),
    async (c) => c.json(await closeRollcall(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/rollcalls/{id}/checkins',
      tags,
      description:
        'Files the check-in of one area for the current period (or, when the last period was missed, for that one, late). ' +
        'noChange: true repeats the numbers of the last check-in for the area.',
      request: { params: IdParam, body: jsonBody(CheckinFile) },
      responses: created(Checkin),
    }),
    async (c) => c.json(await fileCheckin(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  return r
}
