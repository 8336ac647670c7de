import { createRoute } from '@hono/zod-openapi'
import { IdParam, page } from '../../shared/common'
import { Incident, IncidentCreate, IncidentQuery, IncidentStatusChange, IncidentUpdate } from '../../shared/incident'
import { IncidentDetail } from '../../shared/incident-detail'
import type { Deps } from '../context'
import { requireActor } from '../http/guard'
import { created, jsonBody, newRouter, ok } from '../http/openapi'
import { changeIncidentStatus, getIncident, listIncidents, reportIncident, updateIncident } from './service'

const tags = ['Incidents']

export function incidentRoutes(deps: Deps) {
  const r = newRouter()
  r.openapi(
    createRoute({ method: 'get', path: '/incidents', tags, request: { query: IncidentQuery }, responses: ok(page(Incident)) }),
    (c) => c.json(listIncidents(deps, requireActor(c), c.req.valid('query')), 200),
  )
  r.openapi(
    createRoute({ method: 'get', path: '/incidents/{id}', tags, request: { params: IdParam }, responses: ok(IncidentDetail) }),
    (c) => c.json(getIncident(deps, requireActor(c), c.req.valid('param').id), 200),
  )
  r.openapi(
    createRoute({ method: 'post', path: '/incidents', tags, request: { body: jsonBody(IncidentCreate) }, responses: created(Incident) }),
    async (c) => c.json(await reportIncident(deps, requireActor(c), c.req.valid('json')), 201),
  )
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/incidents/{id}',
      tags,
      request: { params: IdParam, body: jsonBody(IncidentUpdate) },
      responses: ok(Incident),
    }),
    async (c) => c.json(await updateIncident(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/status',
      tags,
      request: { params: IdParam, body: jsonBody(IncidentStatusChange) },
      responses: ok(Incident),
    }),
    async (c) => c.json(await changeIncidentStatus(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  return r
}
