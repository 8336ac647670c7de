import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { IdParam } from '../../shared/common'
import { ApiToken, ApiTokenCreate, ApiTokenCreated, ApiTokenRevoke } from '../../shared/token'
import type { Deps } from '../context'
import { requireActor } from '../http/guard'
import { created, jsonBody, newRouter, ok } from '../http/openapi'
import { createToken, listTokens, revokeToken } from './service'

const tags = ['API tokens']

export function tokenRoutes(deps: Deps) {
  const r = newRouter()
  r.openapi(createRoute({ method: 'get', path: '/tokens', tags, responses: ok(z.array(ApiToken)) }), (c) =>
    c.json(listTokens(deps, requireActor(c)), 200),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      tags,
      description: 'Creates an API token for an enterprise system. The answer is the only time the token is shown.',
      request: { body: jsonBody(ApiTokenCreate) },
      responses: created(ApiTokenCreated),
    }),
    async (c) => c.json(await createToken(deps, requireActor(c), c.req.valid('json')), 201),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/tokens/{id}/revoke',
      tags,
      description: 'Revokes a token at once: its next call is a 401.',
      request: { params: IdParam, body: jsonBody(ApiTokenRevoke) },
      responses: ok(ApiToken),
    }),
    async (c) => c.json(await revokeToken(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  return r
}
