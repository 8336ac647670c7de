import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { IdParam, Position } from '../../shared/common'
import { Crew, CrewCreate, CrewStatusChange, CrewUpdate } from '../../shared/crew'
import { Resource, ResourceCreate, ResourceStatusChange, ResourceUpdate } from '../../shared/resource'
import type { Deps } from '../context'
import { requireActor } from '../http/guard'
import { created, jsonBody, newRouter, ok } from '../http/openapi'
import {
  createCrew,
  createResource,
  getCrew,
  getResource,
  listCrews,
  listResources,
  moveCrew,
  moveResource,
  setCrewStatus,
  setResourceStatus,
  updateCrew,
  updateResource,
} from './service'

export function crewRoutes(deps: Deps) {
  const r = newRouter()
  const tags = ['Crews']
  r.openapi(createRoute({ method: 'get', path: '/crews', tags, responses: ok(z.array(Crew)) }), (c) =>
    c.json(listCrews(deps, requireActor(c)), 200),
  )
  r.openapi(createRoute({ method: 'get', path: '/crews/{id}', tags, request: { params: IdParam }, responses: ok(Crew) }), (c) =>
    c.json(getCrew(deps, requireActor(c), c.req.valid('param').id), 200),
  )
  r.openapi(
    createRoute({ method: 'post', path: '/crews', tags, request: { body: jsonBody(CrewCreate) }, responses: created(Crew) }),
    async (c) => c.json(await createCrew(deps, requireActor(c), c.req.valid('json')), 201),
  )
  r.openapi(
    createRoute({ method: 'patch', path: '/crews/{id}', tags, request: { params: IdParam, body: jsonBody(CrewUpdate) }, responses: ok(Crew) }),
    async (c) => c.json(await updateCrew(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/crews/{id}/status',
      tags,
      request: { params: IdParam, body: jsonBody(CrewStatusChange) },
      responses: ok(Crew),
    }),
    async (c) => c.json(await setCrewStatus(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  r.openapi(
    createRoute({ method: 'post', path: '/crews/{id}/position', tags, request: { params: IdParam, body: jsonBody(Position) }, responses: ok(Crew) }),
    async (c) => c.json(await moveCrew(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  return r
}

export function resourceRoutes(deps: Deps) {
  const r = newRouter()
  const tags = ['Resources']
  r.openapi(createRoute({ method: 'get', path: '/resources', tags, responses: ok(z.array(Resource)) }), (c) =>
    c.json(listResources(deps, requireActor(c)), 200),
  )
  r.openapi(
    createRoute({ method: 'get', path: '/resources/{id}', tags, request: { params: IdParam }, responses: ok(Resource) }),
    (c) => c.json(getResource(deps, requireActor(c), c.req.valid('param').id), 200),
  )
  r.openapi(
    createRoute({ method: 'post', path: '/resources', tags, request: { body: jsonBody(ResourceCreate) }, responses: created(Resource) }),
    async (c) => c.json(await createResource(deps, requireActor(c), c.req.valid('json')), 201),
  )
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/resources/{id}',
      tags,
      request: { params: IdParam, body: jsonBody(ResourceUpdate) },
      responses: ok(Resource),
    }),
    async (c) => c.json(await updateResource(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/resources/{id}/status',
      tags,
      request: { params: IdParam, body: jsonBody(ResourceStatusChange) },
      responses: ok(Resource),
    }),
    async (c) => c.json(await setResourceStatus(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/resources/{id}/position',
      tags,
      request: { params: IdParam, body: jsonBody(Position) },
      responses: ok(Resource),
    }),
    async (c) => c.json(await moveResource(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  return r
}
