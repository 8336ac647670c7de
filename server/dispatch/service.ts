import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import type { Db } from '../../db/client'
import { crews, deadlines, dispatches, dispatchResources, resources, sites } from '../../db/schema'
import { ACTIVE_DISPATCH_STATUSES, isOneOf, type CrewStatus, type DispatchStatus } from '../../shared/enums'
import type { Dispatch, DispatchCheckin, DispatchCreate, DispatchQuery, DispatchStatusChange } from '../../shared/dispatch'
import { DISPATCH_TRANSITIONS } from '../../shared/transitions'
import { assertInScope, authorize } from '../auth/authorize'
import type { Actor, Deps } from '../context'
import { conflict, invalid, notFound } from '../errors'
import { positionColumns } from '../crews/position'
import { crewRow, loadResources, presentCrew } from '../crews/present'
import { isOpen, moveIncident } from '../incidents/service'
import { incidentRow, presentIncident } from '../incidents/present'
import { dispatchRow, presentDispatch, presentDispatches, type DispatchRow } from './present'
import { progressLevel } from './escalation'
import { cancelPending, schedule } from '../timers/deadlines'
import { escalationPolicy } from '../timers/policy'
import type { WriteScope } from '../writer'

type Parsed<T extends z.ZodType> = z.output<T>

/** Where the crew stands once its dispatch reaches a status. */
const CREW_STATUS_FOR: Record<DispatchStatus, CrewStatus> = {
  sent: 'dispatched',
  acknowledged: 'dispatched',
  en_route: 'en_route',
  on_site: 'on_site',
  completed: 'available',
  declined: 'available',
  cancelled: 'available',
}

export const isActiveDispatch = (s: DispatchStatus) => isOneOf(ACTIVE_DISPATCH_STATUSES, s)

function dispatchOwner(db: Db, row: DispatchRow) {
  const crew = crewRow(db, row.crewId)
  return { organizationId: crew?.organizationId ?? null, crewIds: [row.crewId] }
}

export function sendDispatch(deps: Deps, actor: Actor, input: Parsed<typeof DispatchCreate>): Promise<Dispatch> {
  authorize(actor, 'dispatch.create')
  const policy = escalationPolicy(deps.config)
  return deps.writer.run(actor.userId, (w) => {
    const incident = incidentRow(w.db, input.incidentId)
    if (!incident) throw invalid(['incidentId'], 'No such incident')
    if (!isOpen(incident.status)) throw conflict('incident_not_open', `The incident is ${incident.status}`)
    if (input.siteId != null && !w.db.select({ id: sites.id }).from(sites).where(eq(sites.id, input.siteId)).get()) {
      throw invalid(['siteId'], 'No such site')
    }
    const crew = w.db
      .update(crews)
      .set({ status: 'dispatched', statusChangedAt: w.now })
      .where(and(eq(crews.id, input.crewId), eq(crews.status, 'available')))
      .returning()
      .get()
    if (!crew) {
      const existing = crewRow(w.db, input.crewId)
      if (!existing) throw invalid(['crewId'], 'No such crew')
      throw conflict('crew_unavailable', `The crew is ${existing.status}`, { crewId: existing.id, status: existing.status })
    }
    input.resourceIds.forEach((rid, i) => {
      const taken = w.db
        .update(resources)
        .set({ status: 'assigned', statusChangedAt: w.now })
        .where(and(eq(resources.id, rid), eq(resources.status, 'available')))
        .returning({ id: resources.id })
        .get()
      if (taken) return
      const existing = w.db.select().from(resources).where(eq(resources.id, rid)).get()
      if (!existing) throw invalid(['resourceIds', i], 'No such resource')
      throw conflict('resource_unavailable', `${existing.name} is ${existing.status}`, { resourceId: rid, status: existing.status })
    })
    const row = w.db
      .insert(dispatches)
      .values({
        incidentId: incident.id,
        crewId: crew.id,
        siteId: input.siteId ?? null,
        task: input.task,
        status: 'sent',
        ackDeadlineAt: w.now + policy.ackMs(incident.severity),
        createdBy: actor.userId,
        createdAt: w.now,
        updatedAt: w.now,
        statusChangedAt: w.now,
      })
      .returning()
      .get()
    for (const resourceId of input.resourceIds) w.db.insert(dispatchResources).values({ dispatchId: row.id, resourceId }).run()
    schedule(w, { kind: 'dispatch_ack', entityType: 'dispatch', entityId: row.id, level: 1, dueAt: row.ackDeadlineAt })
    // The first dispatch puts the incident in response; one already further on stays where it is.
    const inc =
      incident.status === 'reported' || incident.status === 'acknowledged'
        ? moveIncident(w, incident, 'responding')
        : incident
    const dispatch = presentDispatch(row, [...input.resourceIds].sort((a, b) => a - b))
    const carried = loadResources(w.db, input.resourceIds)
    w.append({
      type: 'dispatch.sent',
      entityType: 'dispatch',
      entityId: row.id,
      incidentId: incident.id,
      orgIds: [inc.organizationId, crew.organizationId, ...carried.map((r) => r.organizationId)],
      crewIds: [crew.id],
      drill: inc.drill,
      data: {
        dispatch,
        crew: presentCrew(crew),
        resources: carried,
        incident: presentIncident(inc),
        ...(inc.status !== incident.status ? { from: incident.status, to: inc.status } : {}),
      },
    })
    return dispatch
  })
}

export function changeDispatchStatus(
  deps: Deps,
  actor: Actor,
  id: number,
  input: Parsed<typeof DispatchStatusChange>,
): Promise<Dispatch> {
  const action = input.status === 'cancelled' ? 'dispatch.cancel' : 'dispatch.progress'
  authorize(actor, action)
  return deps.writer.run(actor.userId, (w) => {
    const before = dispatchRow(w.db, id)
    if (!before) throw notFound('Dispatch')
    const owner = dispatchOwner(w.db, before)
    assertInScope(actor, 'dispatch.read', owner, 'Dispatch')
    assertInScope(actor, action, owner, 'Dispatch')
    return moveDispatch(w, deps, before, input)
  })
}

/**
 * Moves a dispatch inside an open write: the crew follows it, its equipment is freed when it ends,
 * its timers are set or cancelled, and one event tells it all. Shared with the incident service,
 * which cancels an incident's dispatches when the incident is cancelled or closed.
 */
export function moveDispatch(
  w: WriteScope,
  deps: Deps,
  before: DispatchRow,
  input: Parsed<typeof DispatchStatusChange>,
): Dispatch {
  const id = before.id
  if (!DISPATCH_TRANSITIONS[before.status].includes(input.status)) {
    throw conflict('invalid_transition', `A dispatch cannot go from ${before.status} to ${input.status}`, {
      from: before.status,
      to: input.status,
    })
  }
  const row = w.db
    .update(dispatches)
    .set({
      status: input.status,
      statusChangedAt: w.now,
      updatedAt: w.now,
      ...(input.reason ? { reason: input.reason } : {}),
    })
    .where(and(eq(dispatches.id, id), eq(dispatches.status, before.status)))
    .returning()
    .get()
  if (!row) throw conflict('invalid_transition', 'The dispatch changed meanwhile; reload and try again')
  const crewStatus = CREW_STATUS_FOR[input.status]
  const crew = w.db
    .update(crews)
    .set({
      status: crewStatus,
      ...(crewStatus !== CREW_STATUS_FOR[before.status] ? { statusChangedAt: w.now } : {}),
      ...positionColumns(input.position, w.now, crewRow(w.db, before.crewId)?.positionAt ?? null),
    })
    .where(eq(crews.id, row.crewId))
    .returning()
    .get()
  const resourceIds = w.db
    .select({ id: dispatchResources.resourceId })
    .from(dispatchResources)
    .where(eq(dispatchResources.dispatchId, id))
    .all()
    .map((r) => r.id)
  if (!isActiveDispatch(row.status) && resourceIds.length > 0) {
    w.db
      .update(resources)
      .set({ status: 'available', statusChangedAt: w.now })
      .where(and(inArray(resources.id, resourceIds), eq(resources.status, 'assigned')))
      .run()
  }
  const incident = incidentRow(w.db, row.incidentId)!
  const carried = loadResources(w.db, resourceIds)
  const dispatch = presentDispatch(row, resourceIds.sort((a, b) => a - b))
  if (row.status !== 'sent') cancelPending(w, 'dispatch_ack', id)
  if (!isActiveDispatch(row.status)) {
    cancelPending(w, 'dispatch_progress', id)
    cancelPending(w, 'crew_checkin', id)
  }
  watchProgress(w, deps, row)
  w.append({
    type: 'dispatch.status_changed',
    entityType: 'dispatch',
    entityId: id,
    incidentId: row.incidentId,
    orgIds: [incident.organizationId, crew.organizationId, ...carried.map((r) => r.organizationId)],
    crewIds: [crew.id],
    drill: incident.drill,
    data: {
      dispatch,
      crew: presentCrew(crew),
      resources: carried,
      from: before.status,
      to: row.status,
      ...(input.reason ? { note: input.reason } : {}),
    },
  })
  return dispatch
}

/** Starts the clock that escalates a dispatch standing still, or a crew on site gone quiet. */
function watchProgress(w: WriteScope, deps: Deps, row: DispatchRow): void {
  const policy = escalationPolicy(deps.config)
  const level = progressLevel(row.status)
  if (level !== null) {
    schedule(w, { kind: 'dispatch_progress', entityType: 'dispatch', entityId: row.id, level, dueAt: w.now + policy.progressMs })
  }
  if (row.status === 'on_site') {
    const earlier = w.db
      .select({ n: sql<number>`count(*)` })
      .from(deadlines)
      .where(and(eq(deadlines.kind, 'crew_checkin'), eq(deadlines.entityId, row.id)))
      .get()!.n
    // The phone asks for a check-in at checkinMs; the console hears of a missed one half as long later.
    schedule(w, { kind: 'crew_checkin', entityType: 'dispatch', entityId: row.id, level: earlier + 1, dueAt: w.now + policy.checkinMs * 1.5 })
  }
}

/** A crew on site says it is still working (and where): the check-in clock starts again. */
export function checkInDispatch(deps: Deps, actor: Actor, id: number, input: Parsed<typeof DispatchCheckin>): Promise<Dispatch> {
  authorize(actor, 'dispatch.progress')
  return deps.writer.run(actor.userId, (w) => {
    const before = dispatchRow(w.db, id)
    if (!before) throw notFound('Dispatch')
    const owner = dispatchOwner(w.db, before)
    assertInScope(actor, 'dispatch.read', owner, 'Dispatch')
    assertInScope(actor, 'dispatch.progress', owner, 'Dispatch')
    if (!isActiveDispatch(before.status)) throw conflict('invalid_transition', `The dispatch is ${before.status}`)
    const row = w.db.update(dispatches).set({ updatedAt: w.now }).where(eq(dispatches.id, id)).returning().get()
    const current = crewRow(w.db, row.crewId)!
    const moved = positionColumns(input.position, w.now, current.positionAt)
    const crew = Object.keys(moved).length
      ? w.db.update(crews).set(moved).where(eq(crews.id, row.crewId)).returning().get()
      : current
    const incident = incidentRow(w.db, row.incidentId)!
    const dispatch = presentDispatches(w.db, [row])[0]!
    w.append({
      type: 'dispatch.checked_in',
      entityType: 'dispatch',
      entityId: id,
      incidentId: row.incidentId,
      orgIds: [incident.organizationId, crew.organizationId],
      crewIds: [crew.id],
      drill: incident.drill,
      data: { dispatch, crew: presentCrew(crew) },
    })
    watchProgress(w, deps, row)
    return dispatch
  })
}

export function listDispatches(deps: Deps, actor: Actor, q: Parsed<typeof DispatchQuery>): Dispatch[] {
  const scope = authorize(actor, 'dispatch.read')
  const where: SQL[] = []
  if (scope === 'crew' || (q.mine === '1' && actor.crewId !== null)) where.push(eq(dispatches.crewId, actor.crewId ?? -1))
  else if (q.mine === '1') where.push(eq(dispatches.createdBy, actor.userId))
  if (scope === 'org') {
    where.push(
      inArray(
        dispatches.crewId,
        deps.db.select({ id: crews.id }).from(crews).where(eq(crews.organizationId, actor.organizationId)),
      ),
    )
  }
  if (q.incidentId) where.push(eq(dispatches.incidentId, q.incidentId))
  if (q.active === '1') where.push(inArray(dispatches.status, [...ACTIVE_DISPATCH_STATUSES]))
  const rows = deps.db
    .select()
    .from(dispatches)
    .where(and(...where))
    .orderBy(desc(dispatches.id))
    .limit(500)
    .all()
  return presentDispatches(deps.db, rows)
}

export function getDispatch(deps: Deps, actor: Actor, id: number): Dispatch {
  authorize(actor, 'dispatch.read')
  const row = dispatchRow(deps.db, id)
  if (!row) throw notFound('Dispatch')
  assertInScope(actor, 'dispatch.read', dispatchOwner(deps.db, row), 'Dispatch')
  return presentDispatches(deps.db, [row])[0]!
}

export function activeDispatchesOf(db: Db, incidentId: number): DispatchRow[] {
  return db
    .select()
    .from(dispatches)
    .where(and(eq(dispatches.incidentId, incidentId), inArray(dispatches.status, [...ACTIVE_DISPATCH_STATUSES])))
    .all()
}
