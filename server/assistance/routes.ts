import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { Assistance, AssistanceCreate, AssistanceStatusChange } from '../../shared/assistance'
import { IdParam } from '../../shared/common'
import type { Deps } from '../context'
import { requireActor } from '../http/guard'
import { created, jsonBody, newRouter, ok } from '../http/openapi'
import { changeAssistanceStatus, listAssistance, requestAssistance } from './service'

const tags = ['Assistance']

export function assistanceRoutes(deps: Deps) {
  const r = newRouter()
  r.openapi(createRoute({ method: 'get', path: '/assistance', tags, responses: ok(z.array(Assistance)) }), (c) =>
    c.json(listAssistance(deps, requireActor(c)), 200),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/assistance',
      tags,
      description: 'An enterprise asks the authority for help (generator, fuel, site access, escort, national roaming, frequency) for an incident or a site.',
      request: { body: jsonBody(AssistanceCreate) },
      responses: created(Assistance),
    }),
    async (c) => c.json(await requestAssistance(deps, requireActor(c), c.req.valid('json')), 201),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/assistance/{id}/status',
      tags,
      description:
        'requested → approved (optionally with the dispatchId that delivers) | declined (with a reason) | cancelled; ' +
        'approved → fulfilled | cancelled. Cancelling is the requester\'s; the rest is the authority\'s.',
      request: { params: IdParam, body: jsonBody(AssistanceStatusChange) },
      responses: ok(Assistance),
    }),
    async (c) => c.json(await changeAssistanceStatus(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  return r
}
