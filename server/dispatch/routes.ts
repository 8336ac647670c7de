import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { IdParam } from '../../shared/common'
import { Dispatch, DispatchCheckin, DispatchCreate, DispatchQuery, DispatchStatusChange } from '../../shared/dispatch'
import type { Deps } from '../context'
import { requireActor } from '../http/guard'
import { created, jsonBody, newRouter, ok } from '../http/openapi'
import { Recommendations, RecommendationQuery } from '../../shared/recommendation'
import { recommendCrews } from './recommend'
import { changeDispatchStatus, checkInDispatch, getDispatch, listDispatches, sendDispatch } from './service'

const tags = ['Dispatches']

export function dispatchRoutes(deps: Deps) {
  const r = newRouter()
  r.openapi(
    createRoute({ method: 'get', path: '/dispatches', tags, request: { query: DispatchQuery }, responses: ok(z.array(Dispatch)) }),
    (c) => c.json(listDispatches(deps, requireActor(c), c.req.valid('query')), 200),
  )
  r.openapi(
    createRoute({ method: 'get', path: '/dispatches/{id}', tags, request: { params: IdParam }, responses: ok(Dispatch) }),
    (c) => c.json(getDispatch(deps, requireActor(c), c.req.valid('param').id), 200),
  )
  r.openapi(
    createRoute({ method: 'post', path: '/dispatches', tags, request: { body: jsonBody(DispatchCreate) }, responses: created(Dispatch) }),
    async (c) => c.json(await sendDispatch(deps, requireActor(c), c.req.valid('json')), 201),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/dispatches/{id}/status',
      tags,
      request: { params: IdParam, body: jsonBody(DispatchStatusChange) },
      responses: ok(Dispatch),
    }),
    async (c) => c.json(await changeDispatchStatus(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  r.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/recommendations',
      tags,
      request: { params: IdParam, query: RecommendationQuery },
      responses: ok(Recommendations),
    }),
    (c) => c.json(recommendCrews(deps, requireActor(c), c.req.valid('param').id, c.req.valid('query').siteId), 200),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/dispatches/{id}/checkin',
      tags,
      request: { params: IdParam, body: jsonBody(DispatchCheckin) },
      responses: ok(Dispatch),
    }),
    async (c) => c.json(await checkInDispatch(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  return r
}
