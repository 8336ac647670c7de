import { and, asc, eq, gt, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import { dispatches, incidents, organizations } from '../../db/schema'
import { OPEN_INCIDENT_STATUSES, isOneOf, type IncidentSource, type IncidentStatus } from '../../shared/enums'
import type {
  Incident,
  IncidentCreate,
  IncidentQuery,
  IncidentStatusChange,
  IncidentUpdate,
} from '../../shared/incident'
import { canSeeEvent, type Action, type Scope } from '../../shared/permissions'
import type { RuleContext } from '../../shared/intake-rules'
import type { Site } from '../../shared/site'
import { INCIDENT_TRANSITIONS } from '../../shared/transitions'
import { assertInScope, authorize } from '../auth/authorize'
import type { Actor, Deps } from '../context'
import { conflict, forbidden, invalid, notFound } from '../errors'
import { areaAmong, areaFor } from '../directory/areas'
import type { Area } from '../../shared/area'
import { incidentEvents, toWire, type StoredEvent } from '../events/log'
import { sitesDependingOn } from '../network/state'
import { dependencyStatus, incidentAffects, loadInputs, loadSites, recomputeSites, siteIdsWithin } from '../sites/status'
import type { WriteScope } from '../writer'
import { once, type Answer, type RequestKey } from '../intake/idempotency'
import { assertReportRules, reportRules } from './rules'
import { insertIncident, organizationExists } from './insert'
import { checkIncidentElements, setIncidentElements, sitesTouched } from './elements'
import { incidentRow, presentIncident, withElements, type IncidentRecord, type IncidentRow } from './present'
import { watchUnassigned } from './escalation'
import { activeDispatchesOf, moveDispatch } from '../dispatch/service'
import { startFinalReportClock } from './ladder'
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

function visibleIncident(deps: Deps, actor: Actor, id: number): IncidentRecord {
  authorize(actor, 'incident.read')
  const row = incidentRow(deps.db, id)
  if (!row) throw notFound('Incident')
  assertInScope(actor, 'incident.read', incidentOwner(deps.db, row), 'Incident')
  return row
}

export interface Reporter {
  scope: Scope
  organizationId: number | null
}

/** Who a report is filed for: the actor's own organisation, or for the authority the one it names. */
export function reporterOf(actor: Actor, named: number | null | undefined): Reporter {
  const scope = authorize(actor, 'incident.create')
  let organizationId = named ?? null
  if (scope === 'org') {
    if (named != null && named !== actor.organizationId) {
      throw forbidden('incident.create for another organisation')
    }
    organizationId = actor.organizationId
  }
  return { scope, organizationId }
}

/**
 * Reports one incident. With an Idempotency-Key, the same request again gets the first answer
 * (the key is recorded in the same write as the row and its event).
 */
export function reportIncident(
  deps: Deps,
  actor: Actor,
  input: Parsed<typeof IncidentCreate>,
  key: RequestKey | null = null,
): Promise<Answer<Incident>> {
  const reporter = reporterOf(actor, input.organizationId)
  return deps.writer.run(actor.userId, (w) =>
    once(w, actor.organizationId, key, 201, () => writeReport(w, deps, actor, reporter, input)),
  )
}

export interface WriteReportOptions {
  /** The channel, when the caller knows it better than the body: 'api' for a batch, 'csv' for a file. */
  source?: IncidentSource
  /** Read once for a bulk of reports. */
  rules?: RuleContext
  areas?: readonly Area[]
  /** A bulk of reports recomputes the sites it touches once, at the end, instead of per report. */
  sites?: { add(siteIds: number[], drill: boolean): void }
}

/** The one place an incident is created, inside an open write: checks, the row, its event. */
export function writeReport(
  w: WriteScope,
  deps: Deps,
  actor: Actor,
  reporter: Reporter,
  input: Parsed<typeof IncidentCreate>,
  opts: WriteReportOptions = {},
): Incident {
  const { scope, organizationId } = reporter
  assertReportRules(input, opts.rules ?? reportRules(w.db, w.now))
  if (organizationId !== null && !organizationExists(w.db, organizationId)) {
    throw invalid(['organizationId'], 'No such organisation')
  }
  // Checked in the order given, so a 400 names the caller's own index; stored by element id.
  checkIncidentElements(w.db, actor, scope, input.elements ?? [])
  const elements = byElement(input.elements ?? [])
  const inserted = insertIncident(w.db, {
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
    areaId: opts.areas ? areaAmong(opts.areas, input) : areaFor(w.db, input),
    source: opts.source ?? (actor.tokenId !== undefined ? 'api' : (input.source ?? (input.drill ? 'drill' : 'form'))),
    impact: input.impact,
    estimatedRestoreAt: input.estimatedRestoreAt ?? null,
    drill: input.drill,
    reportedBy: actor.userId,
    createdAt: w.now,
    updatedAt: w.now,
    statusChangedAt: w.now,
  })
  // A new incident has no element rows to replace.
  if (elements.length > 0) setIncidentElements(w, inserted.id, elements)
  const row: IncidentRecord = { ...inserted, elements }
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
  if (opts.sites) opts.sites.add(sitesTouched(w.db, row), row.drill)
  else w.later(() => recomputeSites(w, sitesTouched(w.db, row), row.drill))
  watchUnassigned(w, deps, row)
  return incident
}

export function updateIncident(
  deps: Deps,
  actor: Actor,
  id: number,
  patch: Parsed<typeof IncidentUpdate>,
): Promise<Incident> {
  const scope = authorize(actor, 'incident.update')
  const { elements, ...fields } = patch
  return deps.writer.run(actor.userId, (w) => {
    const before = incidentRow(w.db, id)
    if (!before) throw notFound('Incident')
    assertInScope(actor, 'incident.read', incidentOwner(w.db, before), 'Incident')
    assertInScope(actor, 'incident.update', incidentOwner(w.db, before), 'Incident')
    if (!isOpen(before.status)) throw conflict('incident_not_open', `The incident is ${before.status}`)
    assertReportRules(patch, reportRules(w.db, w.now, before.createdAt))
    const moved = patch.lat !== undefined || patch.lng !== undefined
    if (elements !== undefined) checkIncidentElements(w.db, actor, scope, elements)
    const named = elements === undefined ? before.elements : byElement(elements)
    const updated = w.db
      .update(incidents)
      .set({
        ...fields,
        ...(moved ? { areaId: areaFor(w.db, { lat: patch.lat ?? before.lat, lng: patch.lng ?? before.lng }) } : {}),
        updatedAt: w.now,
      })
      .where(and(eq(incidents.id, id), eq(incidents.updatedAt, before.updatedAt)))
      .returning()
      .get()
    if (!updated) throw conflict('conflict', 'The incident changed meanwhile; reload and try again')
    if (elements !== undefined) setIncidentElements(w, id, named)
    const row: IncidentRecord = { ...updated, elements: named }
    watchUnassigned(w, deps, row)
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
    w.later(() => recomputeSites(w, sitesTouched(w.db, before, row), row.drill))
    return incident
  })
}

/**
 * Moves an incident inside an open write: the conditional update makes a stale move a 409.
 * Shared with the dispatch and link services, whose steps move incidents too.
 */
export function moveIncident(
  w: WriteScope,
  before: IncidentRecord,
  to: IncidentStatus,
  extra: { statusNote?: string | null; duplicateOf?: number | null } = {},
): IncidentRecord {
  if (!INCIDENT_TRANSITIONS[before.status].includes(to)) {
    throw conflict('invalid_transition', `An incident cannot go from ${before.status} to ${to}`, {
      from: before.status,
      to,
    })
  }
  const updated = w.db
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
  if (!updated) throw conflict('invalid_transition', 'The incident changed meanwhile; reload and try again')
  const row: IncidentRecord = { ...updated, elements: before.elements }
  if (isOpen(before.status) !== isOpen(to)) {
    w.later(() => recomputeSites(w, sitesTouched(w.db, row), row.drill))
  }
  return row
}

/** Element naming in a stable order (by id), as it is read back. */
const byElement = <T extends { elementId: number }>(list: readonly T[]): T[] => [...list].sort((a, b) => a.elementId - b.elementId)

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
    startFinalReportClock(w, deps, row)
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
    // A false alarm or a duplicate needs no crew: its active dispatches end here, each with its
    // own event, and the crews and equipment are free again. (A closed incident's crews finish
    // their work and report done; their dispatches stop escalating, see dispatch/escalation.ts.)
    if (row.status === 'cancelled') {
      for (const d of activeDispatchesOf(w.db, id)) moveDispatch(w, deps, d, { status: 'cancelled', reason: 'incident_cancelled' })
    }
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
    timeline: timelineOf(deps.db, id)
      .filter((e) => canSeeEvent(actor, e))
      .map(toWire),
  }
}

/** An incident's events and those of the reports merged into it as duplicates, in log order. */
function timelineOf(db: Db, id: number): StoredEvent[] {
  const merged = db.select({ id: incidents.id }).from(incidents).where(eq(incidents.duplicateOf, id)).all()
  if (merged.length === 0) return incidentEvents(db, id)
  return [id, ...merged.map((m) => m.id)].flatMap((i) => incidentEvents(db, i)).sort((a, b) => a.seq - b.seq)
}

/**
 * The sites the incident takes down: within its radius and losing a service it takes away, or
 * left with no working path by the elements it names (with whatever else is down meanwhile).
 */
export function affectedSites(db: Db, row: IncidentRecord): Site[] {
  const near = new Set(siteIdsWithin(db, row, row.radiusM))
  const dependent = new Set(sitesDependingOn(db, row.elements.map((e) => e.elementId)))
  if (near.size === 0 && dependent.size === 0) return []
  const inputs = dependent.size > 0 ? loadInputs(db, [...dependent], { elements: row.elements }) : null
  return loadSites(db, [...new Set([...near, ...dependent])]).filter(
    (s) =>
      (near.has(s.id) && incidentAffects(row, s, s.services)) ||
      (inputs !== null &&
        dependent.has(s.id) &&
        dependencyStatus(inputs.dependencies.get(s.id) ?? [], s.services, inputs.elements) === 'down'),
  )
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
  const items = withElements(deps.db, rows.slice(0, q.limit)).map(presentIncident)
  return { items, next: more ? items[items.length - 1]!.id : null }
}
