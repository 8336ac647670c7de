// Duplicate proposals and cross-operator correlation for one incident, by the shared rules of
// shared/correlation.ts, over the open incidents near it in place and time that the reader may see.
import { and, eq, gte, inArray, lte } from 'drizzle-orm'
import { incidents } from '../../db/schema'
import { correlatedWith, duplicateCandidates, type IncidentCorrelation, type Thresholds } from '../../shared/correlation'
import { OPEN_INCIDENT_STATUSES } from '../../shared/enums'
import { bboxAround } from '../../shared/geo'
import { inScope } from '../../shared/permissions'
import { assertInScope, authorize } from '../auth/authorize'
import type { Config } from '../config'
import type { Actor, Deps } from '../context'
import { notFound } from '../errors'
import { incidentRow, presentIncident, withElements, type IncidentRow } from './present'
import { incidentOwner } from './service'

export function thresholdsOf(config: Config): Thresholds {
  return {
    duplicate: { metres: config.DEDUP_METRES, minutes: config.DEDUP_MINUTES },
    correlate: { metres: config.CORRELATE_METRES, minutes: config.CORRELATE_MINUTES },
  }
}

export function incidentCorrelation(deps: Deps, actor: Actor, id: number): IncidentCorrelation {
  authorize(actor, 'incident.read')
  const row = incidentRow(deps.db, id)
  if (!row) throw notFound('Incident')
  assertInScope(actor, 'incident.read', incidentOwner(deps.db, row), 'Incident')
  const t = thresholdsOf(deps.config)
  const windowMs = Math.max(t.duplicate.minutes, t.correlate.minutes) * 60_000
  const box = bboxAround(row, Math.max(t.duplicate.metres, t.correlate.metres))
  const visible = (r: IncidentRow) => inScope(actor, 'incident.read', incidentOwner(deps.db, r))
  const nearby = withElements(
    deps.db,
    deps.db
      .select()
      .from(incidents)
      .where(
        and(
          inArray(incidents.status, [...OPEN_INCIDENT_STATUSES]),
          gte(incidents.createdAt, row.createdAt - windowMs),
          lte(incidents.createdAt, row.createdAt + windowMs),
          gte(incidents.lat, box.minLat),
          lte(incidents.lat, box.maxLat),
          gte(incidents.lng, box.minLng),
          lte(incidents.lng, box.maxLng),
        ),
      )
      .all(),
  )
    .filter(visible)
    .map(presentIncident)
  const incident = presentIncident(row)
  const { masters, duplicates } = duplicateCandidates(incident, nearby, t.duplicate)
  const merged = withElements(deps.db, deps.db.select().from(incidents).where(eq(incidents.duplicateOf, id)).orderBy(incidents.id).all())
    .filter(visible)
    .map(presentIncident)
  return { masters, duplicates, correlated: correlatedWith(incident, nearby, t.correlate), merged }
}
