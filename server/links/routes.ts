import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { IdParam } from '../../shared/common'
import { Link, LinkCreate, LinkStatusChange } from '../../shared/link'
import type { Deps } from '../context'
import { requireActor } from '../http/guard'
import { created, jsonBody, newRouter, ok } from '../http/openapi'
import { changeLinkStatus, createLink, listLinks } from './service'

const tags = ['Backup links']

export function linkRoutes(deps: Deps) {
  const r = newRouter()
  r.openapi(createRoute({ method: 'get', path: '/links', tags, responses: ok(z.array(Link)) }), (c) =>
    c.json(listLinks(deps, requireActor(c)), 200),
  )
  r.openapi(
    createRoute({ method: 'post', path: '/links', tags, request: { body: jsonBody(LinkCreate) }, responses: created(Link) }),
    async (c) => c.json(await createLink(deps, requireActor(c), c.req.valid('json')), 201),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/links/{id}/status',
      tags,
      request: { params: IdParam, body: jsonBody(LinkStatusChange) },
      responses: ok(Link),
    }),
    async (c) => c.json(await changeLinkStatus(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  return r
}
