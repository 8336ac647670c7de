import { createRoute } from '@hono/zod-openapi'
import { IdParam, page } from '../../shared/common'
import { FinalReportFile, Incident, IncidentCreate, IncidentQuery, IncidentStatusChange, IncidentUpdate } from '../../shared/incident'
import { IncidentCorrelation } from '../../shared/correlation'
import { incidentCorrelation } from './correlation'
import { fileFinalReport } from './ladder'
import { IncidentDetail, IncidentPreview } from '../../shared/incident-detail'
import type { Deps } from '../context'
import { requireActor } from '../http/guard'
import { reply, requestKey } from '../http/idempotency'
import { created, idempotencyMismatch, IdempotencyHeaders, jsonBody, newRouter, ok } from '../http/openapi'
import { INTAKE } from '../intake/paths'
import { previewIncident } from './preview'
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
    createRoute({
      method: 'post',
      path: INTAKE.report,
      tags,
      description:
        'Reports an incident. Enterprise systems may call it with Authorization: Bearer <API token>. ' +
        'With an Idempotency-Key, a repeat of the same request answers as the first did (Idempotent-Replayed: true); ' +
        'the same key with another body is a 422.',
      request: { headers: IdempotencyHeaders, body: jsonBody(IncidentCreate) },
      responses: { ...created(Incident), 422: idempotencyMismatch },
    }),
    async (c) => {
      const input = c.req.valid('json')
      return reply(c, await reportIncident(deps, requireActor(c), input, requestKey(c, `POST ${INTAKE.report}`, input)))
    },
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/preview',
      tags,
      description: 'The sites an incident would put down or at risk, computed without saving it',
      request: { body: jsonBody(IncidentCreate) },
      responses: ok(IncidentPreview),
    }),
    (c) => c.json(previewIncident(deps, requireActor(c), c.req.valid('json')), 200),
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
  r.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/duplicates',
      tags,
      description:
        'Proposed duplicates (same organisation and kind, within DEDUP_METRES and DEDUP_MINUTES), reports already merged, ' +
        'and other operators\' reports near it (within CORRELATE_METRES and CORRELATE_MINUTES). Merge with POST /incidents/{id}/status ' +
        '{status: "cancelled", duplicateOf}.',
      request: { params: IdParam },
      responses: ok(IncidentCorrelation),
    }),
    (c) => c.json(incidentCorrelation(deps, requireActor(c), c.req.valid('param').id), 200),
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/final-report',
      tags,
      description: 'The final report of a resolved incident: root cause, contributing factors, actions taken. Filed once.',
      request: { params: IdParam, body: jsonBody(FinalReportFile) },
      responses: ok(Incident),
    }),
    async (c) => c.json(await fileFinalReport(deps, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  return r
}
