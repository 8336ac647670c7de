import { and, asc, eq, gt, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import { dispatches, incidents, organizations } from '../../db/schema'
import { OPEN_INCIDENT_STATUSES, isOneOf, type IncidentStatus } from '../../shared/enums'
import type {
  Incident,
  IncidentCreate,
  IncidentQuery,
  IncidentStatusChange,
  IncidentUpdate,
} from '../../shared/incident'
import { canSeeEvent, type Action } from '../../shared/permissions'
import type { Site } from '../../shared/site'
import { INCIDENT_TRANSITIONS } from '../../shared/transitions'
import { assertInScope, authorize } from '../auth/authorize'
import type { Actor, Deps } from '../context'
import { conflict, forbidden, invalid, notFound } from '../errors'
import { areaFor } from '../directory/areas'
import { incidentEvents, toWire } from '../events/log'
import { listSites } from '../sites/present'
import { incidentAffects, recomputeSites, siteIdsWithin } from '../sites/status'
import type { WriteScope } from '../writer'
import { incidentRow, presentIncident, type IncidentRow } from './present'
import type { DeskEvent } from '../../shared/events'
import type { Db } from '../../db/client'

type Parsed<T extends z.ZodType> = z.output<T>

const STATUS_ACTION: Record<IncidentStatus, Action | null> = {
  reported: null,
  acknowledged: 'incident.acknowledge',
  responding: 'incident.respond',
  mitigated: 'incident.mitigate',
  resolved: 'incident.resolve',
  closed: 'incident.close',
  cancelled: 'incident.cancel',
}

export const isOpen = (s: IncidentStatus) => isOneOf(OPEN_INCIDENT_STATUSES, s)

/** The crews that have (or had) a dispatch to the incident: a crew user sees only those. */
export function crewsOfIncident(db: Db, incidentId: number): number[] {
  return db
    .selectDistinct({ crewId: dispatches.crewId })
    .from(dispatches)
    .where(eq(dispatches.incidentId, incidentId))
    .all()
    .map((r) => r.crewId)
}

export function incidentOwner(db: Db, row: IncidentRow) {
  return { organizationId: row.organizationId, crewIds: crewsOfIncident(db, row.id) }
}

/** The audience of an incident's events: its organisation and the crews sent to it. */
export function incidentAudience(db: Db, row: IncidentRow) {
  return { orgIds: [row.organizationId], crewIds: crewsOfIncident(db, row.id) }
}

function visibleIncident(deps: Deps, actor: Actor, id: number): IncidentRow {
  authorize(actor, 'incident.read')
  const row = incidentRow(deps.db, id)
  if (!row) throw notFound('Incident')
  assertInScope(actor, 'incident.read', incidentOwner(deps.db, row), 'Incident')
  return row
}

export function reportIncident(deps: Deps, actor: Actor, input: Parsed<typeof IncidentCreate>): Promise<Incident> {
  const scope = authorize(actor, 'incident.create')
  let organizationId = input.organizationId ?? null
  if (scope === 'org') {
    if (input.organizationId != null && input.organizationId !== actor.organizationId) {
      throw forbidden('incident.create for another organisation')
    }
    organizationId = actor.organizationId
  }
  return deps.writer.run(actor.userId, (w) => {
    if (organizationId !== null && !w.db.select().from(organizations).where(eq(organizations.id, organizationId)).get()) {
      throw invalid(['organizationId'], 'No such organisation')
    }
    const row = w.db
      .insert(incidents)
      .values({
        organizationId,
        kind: input.kind,
        cause: input.cause,
        severity: input.severity,
        status: 'reported',
        title: input.title,
        description: input.description,
        services: input.services,
        lat: input.lat,
        lng: input.lng,
        radiusM: input.radiusM,
        areaId: areaFor(w.db, input),
        source: input.source ?? (input.drill ? 'drill' : 'form'),
        impact: input.impact,
        estimatedRestoreAt: input.estimatedRestoreAt ?? null,
        drill: input.drill,
        reportedBy: actor.userId,
        createdAt: w.now,
        updatedAt: w.now,
        statusChangedAt: w.now,
      })
      .returning()
      .get()
    const incident = presentIncident(row)
    w.append({
      type: 'incident.reported',
      entityType: 'incident',
      entityId: row.id,
      incidentId: row.id,
      orgIds: [row.organizationId],
      drill: row.drill,
      data: { incident },
    })
    w.later(() => recomputeSites(w, siteIdsWithin(w.db, row, row.radiusM), row.drill))
    return incident
  })
}

export function updateIncident(
  deps: Deps,
  actor: Actor,
  id: number,
  patch: Parsed<typeof IncidentUpdate>,
): Promise<Incident> {
  authorize(actor, 'incident.update')
  return deps.writer.run(actor.userId, (w) => {
    const before = incidentRow(w.db, id)
    if (!before) throw notFound('Incident')
    assertInScope(actor, 'incident.read', incidentOwner(w.db, before), 'Incident')
    assertInScope(actor, 'incident.update', incidentOwner(w.db, before), 'Incident')
    if (!isOpen(before.status)) throw conflict('incident_not_open', `The incident is ${before.status}`)
    const moved = patch.lat !== undefined || patch.lng !== undefined
    const row = w.db
      .update(incidents)
      .set({
        ...patch,
        ...(moved ? { areaId: areaFor(w.db, { lat: patch.lat ?? before.lat, lng: patch.lng ?? before.lng }) } : {}),
        updatedAt: w.now,
      })
      .where(and(eq(incidents.id, id), eq(incidents.updatedAt, before.updatedAt)))
      .returning()
      .get()
    if (!row) throw conflict('conflict', 'The incident changed meanwhile; reload and try again')
    const incident = presentIncident(row)
    w.append({
      type: 'incident.updated',
      entityType: 'incident',
      entityId: id,
      incidentId: id,
      ...incidentAudience(w.db, row),
      drill: row.drill,
      data: { incident },
    })
    w.later(() =>
      recomputeSites(
        w,
        [...siteIdsWithin(w.db, before, before.radiusM), ...siteIdsWithin(w.db, row, row.radiusM)],
        row.drill,
      ),
    )
    return incident
  })
}

/**
 * Moves an incident inside an open write: the conditional update makes a stale move a 409.
 * Shared with the dispatch and link services, whose steps move incidents too.
 */
export function moveIncident(
  w: WriteScope,
  before: IncidentRow,
  to: IncidentStatus,
  extra: { statusNote?: string | null; duplicateOf?: number | null } = {},
): IncidentRow {
  if (!INCIDENT_TRANSITIONS[before.status].includes(to)) {
    throw conflict('invalid_transition', `An incident cannot go from ${before.status} to ${to}`, {
      from: before.status,
      to,
    })
  }
  const row = w.db
    .update(incidents)
    .set({
      status: to,
      statusChangedAt: w.now,
      updatedAt: w.now,
      ...(to === 'resolved' ? { restoredAt: w.now } : {}),
      ...extra,
    })
    .where(and(eq(incidents.id, before.id), eq(incidents.status, before.status)))
    .returning()
    .get()
  if (!row) throw conflict('invalid_transition', 'The incident changed meanwhile; reload and try again')
  if (isOpen(before.status) !== isOpen(to)) {
    w.later(() => recomputeSites(w, siteIdsWithin(w.db, row, row.radiusM), row.drill))
  }
  return row
}

export function changeIncidentStatus(
  deps: Deps,
  actor: Actor,
  id: number,
  input: Parsed<typeof IncidentStatusChange>,
): Promise<Incident> {
  const action: Action | null =
    input.duplicateOf !== undefined ? 'incident.mark_duplicate' : STATUS_ACTION[input.status]
  if (!action) throw conflict('invalid_transition', `No incident goes back to ${input.status}`)
  authorize(actor, action)
  return deps.writer.run(actor.userId, (w) => {
    const before = incidentRow(w.db, id)
    if (!before) throw notFound('Incident')
    assertInScope(actor, 'incident.read', incidentOwner(w.db, before), 'Incident')
    assertInScope(actor, action, incidentOwner(w.db, before), 'Incident')
    if (input.duplicateOf !== undefined) {
      const master = incidentRow(w.db, input.duplicateOf)
      if (!master || input.duplicateOf === id) throw invalid(['duplicateOf'], 'No such other incident')
      if (master.status === 'cancelled') throw invalid(['duplicateOf'], 'That incident is itself cancelled')
    }
    const row = moveIncident(w, before, input.status, {
      statusNote: input.note ?? null,
      duplicateOf: input.duplicateOf ?? null,
    })
    const incident = presentIncident(row)
    w.append({
      type: 'incident.status_changed',
      entityType: 'incident',
      entityId: id,
      incidentId: id,
      ...incidentAudience(w.db, row),
      drill: row.drill,
      data: { incident, from: before.status, to: row.status, ...(input.note ? { note: input.note } : {}) },
    })
    return incident
  })
}

export interface IncidentDetail {
  incident: Incident
  affectedSites: Site[]
  timeline: DeskEvent[]
}

export function getIncident(deps: Deps, actor: Actor, id: number): IncidentDetail {
  const row = visibleIncident(deps, actor, id)
  const incident = presentIncident(row)
  return {
    incident,
    affectedSites: affectedSites(deps.db, row),
    timeline: incidentEvents(deps.db, id)
      .filter((e) => canSeeEvent(actor, e))
      .map(toWire),
  }
}

export function affectedSites(db: Db, row: IncidentRow): Site[] {
  const near = new Set(siteIdsWithin(db, row, row.radiusM))
  if (near.size === 0) return []
  return listSites(db).filter((s) => near.has(s.id) && incidentAffects(row, s, s.services))
}

export function listIncidents(
  deps: Deps,
  actor: Actor,
  q: Parsed<typeof IncidentQuery>,
): { items: Incident[]; next: number | null } {
  const scope = authorize(actor, 'incident.read')
  const where: SQL[] = []
  if (scope === 'org') where.push(eq(incidents.organizationId, actor.organizationId))
  if (scope === 'crew') {
    where.push(
      inArray(
        incidents.id,
        deps.db.select({ id: dispatches.incidentId }).from(dispatches).where(eq(dispatches.crewId, actor.crewId ?? -1)),
      ),
    )
  }
  if (q.status?.length) where.push(inArray(incidents.status, q.status))
  if (q.kind?.length) where.push(inArray(incidents.kind, q.kind))
  if (q.areaId) where.push(eq(incidents.areaId, q.areaId))
  if (q.organizationId) where.push(eq(incidents.organizationId, q.organizationId))
  if (q.updatedSince !== undefined) where.push(gte(incidents.updatedAt, q.updatedSince))
  if (q.bbox) {
    const [minLng, minLat, maxLng, maxLat] = q.bbox
    where.push(gte(incidents.lat, minLat), lte(incidents.lat, maxLat), gte(incidents.lng, minLng), lte(incidents.lng, maxLng))
  }
  if (q.after !== undefined) where.push(gt(incidents.id, q.after))
  const rows = deps.db
    .select()
    .from(incidents)
    .where(where.length ? and(...where) : sql`1`)
    .orderBy(asc(incidents.id))
    .limit(q.limit + 1)
    .all()
  const more = rows.length > q.limit
  const items = rows.slice(0, q.limit).map(presentIncident)
  return { items, next: more ? items[items.length - 1]!.id : null }
}
