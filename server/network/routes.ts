import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { IdParam, page } from '../../shared/common'
import { Element, ElementCreate, ElementQuery, ElementUpdate, SiteDependenciesPut, SiteDependency } from '../../shared/element'
import type { Deps } from '../context'
import { requireActor } from '../http/guard'
import { created, jsonBody, newRouter, ok } from '../http/openapi'
import {
  createElement,
  getElement,
  getSiteDependencies,
  listElements,
  setSiteDependencies,
  updateElement,
} from './service'

export function networkRoutes(deps: Deps) {
  const r = newRouter()
  const tags = ['Network']
  r.openapi(
    createRoute({ method: 'get', path: '/elements', tags, request: { query: ElementQuery }, responses: ok(page(Element)) }),
    (c) => c.json(listElements(deps, requireActor(c), c.req.valid('query')), 200),
  )
  r.openapi(
    createRoute({ method: 'get', path: '/elements/{id}', tags, request: { params: IdParam }, responses: ok(Element) }),
    (c) => c.json(getElement(deps, requireActor(c), c.req.valid('param').id), 200),
  )
  r.openapi(
    createRoute({ method: 'post', path: '/elements', tags, request: { body: jsonBody(ElementCreate) }, responses: created(Element) }),
    async (c) => c.json(await createElement(deps, requireActor(c), c.req.valid('json')), 201),
  )
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/elements/{id}',
      tags,
      request: { params: IdParam, body: jsonBody(ElementUpdate) },
      responses: ok(Element),
    }),
    async (c) => c.json(await updateElement(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  r.openapi(
    createRoute({
      method: 'get',
      path: '/sites/{id}/dependencies',
      tags,
      request: { params: IdParam },
      responses: ok(z.array(SiteDependency)),
    }),
    (c) => c.json(getSiteDependencies(deps, requireActor(c), c.req.valid('param').id), 200),
  )
  r.openapi(
    createRoute({
      method: 'put',
      path: '/sites/{id}/dependencies',
      tags,
      request: { params: IdParam, body: jsonBody(SiteDependenciesPut) },
      responses: ok(z.array(SiteDependency)),
    }),
    async (c) => c.json(await setSiteDependencies(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  return r
}
