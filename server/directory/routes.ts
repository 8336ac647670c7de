import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { Area } from '../../shared/area'
import { IdParam } from '../../shared/common'
import { Organization, OrganizationCreate, OrganizationUpdate } from '../../shared/organization'
import { Site, SiteCreate, SiteUpdate } from '../../shared/site'
import { User, UserCreate, UserUpdate } from '../../shared/user'
import type { Deps } from '../context'
import { requireActor } from '../http/guard'
import { created, jsonBody, newRouter, ok } from '../http/openapi'
import {
  createOrganization,
  createSite,
  createUser,
  getAreas,
  getOrganization,
  getOrganizations,
  getSite,
  getSites,
  getUsers,
  updateOrganization,
  updateSite,
  updateUser,
} from './service'

export function directoryRoutes(deps: Deps) {
  const r = newRouter()
  const orgTags = ['Organisations']
  r.openapi(createRoute({ method: 'get', path: '/organizations', tags: orgTags, responses: ok(z.array(Organization)) }), (c) =>
    c.json(getOrganizations(deps, requireActor(c)), 200),
  )
  r.openapi(
    createRoute({ method: 'get', path: '/organizations/{id}', tags: orgTags, request: { params: IdParam }, responses: ok(Organization) }),
    (c) => c.json(getOrganization(deps, requireActor(c), c.req.valid('param').id), 200),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/organizations',
      tags: orgTags,
      request: { body: jsonBody(OrganizationCreate) },
      responses: created(Organization),
    }),
    async (c) => c.json(await createOrganization(deps, requireActor(c), c.req.valid('json')), 201),
  )
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/organizations/{id}',
      tags: orgTags,
      request: { params: IdParam, body: jsonBody(OrganizationUpdate) },
      responses: ok(Organization),
    }),
    async (c) => c.json(await updateOrganization(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )

  r.openapi(createRoute({ method: 'get', path: '/areas', tags: ['Areas'], responses: ok(z.array(Area)) }), (c) =>
    c.json(getAreas(deps, requireActor(c)), 200),
  )

  const siteTags = ['Sites']
  r.openapi(createRoute({ method: 'get', path: '/sites', tags: siteTags, responses: ok(z.array(Site)) }), (c) =>
    c.json(getSites(deps, requireActor(c)), 200),
  )
  r.openapi(createRoute({ method: 'get', path: '/sites/{id}', tags: siteTags, request: { params: IdParam }, responses: ok(Site) }), (c) =>
    c.json(getSite(deps, requireActor(c), c.req.valid('param').id), 200),
  )
  r.openapi(
    createRoute({ method: 'post', path: '/sites', tags: siteTags, request: { body: jsonBody(SiteCreate) }, responses: created(Site) }),
    async (c) => c.json(await createSite(deps, requireActor(c), c.req.valid('json')), 201),
  )
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/sites/{id}',
      tags: siteTags,
      request: { params: IdParam, body: jsonBody(SiteUpdate) },
      responses: ok(Site),
    }),
    async (c) => c.json(await updateSite(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )

  const userTags = ['Users']
  r.openapi(createRoute({ method: 'get', path: '/users', tags: userTags, responses: ok(z.array(User)) }), (c) =>
    c.json(getUsers(deps, requireActor(c)), 200),
  )
  r.openapi(
    createRoute({ method: 'post', path: '/users', tags: userTags, request: { body: jsonBody(UserCreate) }, responses: created(User) }),
    async (c) => c.json(await createUser(deps, requireActor(c), c.req.valid('json')), 201),
  )
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      tags: userTags,
      request: { params: IdParam, body: jsonBody(UserUpdate) },
      responses: ok(User),
    }),
    async (c) => c.json(await updateUser(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  return r
}
