// Dispatch timers: no acknowledgement in time, no progress after acknowledging, no check-in from a
// crew on site. Each fires once per level and schedules the next, until the dispatch moves on.
import { eq } from 'drizzle-orm'
import { dispatches } from '../../db/schema'
import type { DispatchStatus } from '../../shared/enums'
import { crewRow, presentCrew } from '../crews/present'
import { incidentRow, presentIncident } from '../incidents/present'
import { isOpen } from '../incidents/service'
import { escalationPolicy } from '../timers/policy'
import { schedule, type DeadlineRow } from '../timers/deadlines'
import type { DeadlineHandler } from '../timers/sweeper'
import type { WriteScope } from '../writer'
import { dispatchRow, presentDispatches, type DispatchRow } from './present'

/** Levels of progress deadlines are numbered per step, so each step has its own series. */
const STEP_BASE: Partial<Record<DispatchStatus, number>> = { acknowledged: 100, en_route: 200 }

export function progressLevel(status: DispatchStatus, repeat = 1): number | null {
  const base = STEP_BASE[status]
  return base === undefined ? null : base + repeat
}

function escalate(w: WriteScope, d: DispatchRow, deadline: DeadlineRow, reason: 'no_ack' | 'no_progress'): DispatchRow {
  const row = w.db
    .update(dispatches)
    .set({ escalationLevel: d.escalationLevel + 1, escalatedAt: w.now })
    .where(eq(dispatches.id, d.id))
    .returning()
    .get()
  const incident = incidentRow(w.db, row.incidentId)!
  const crew = crewRow(w.db, row.crewId)!
  w.append({
    type: 'dispatch.escalated',
    entityType: 'dispatch',
    entityId: row.id,
    incidentId: row.incidentId,
    orgIds: [incident.organizationId, crew.organizationId],
    crewIds: [crew.id],
    drill: incident.drill,
    data: { dispatch: presentDispatches(w.db, [row])[0]!, level: row.escalationLevel, reason, incident: presentIncident(incident) },
  })
  return row
}

/** A dispatch whose incident is over no longer escalates, whatever its own state. */
const incidentOpen = (w: WriteScope, d: DispatchRow) => {
  const i = incidentRow(w.db, d.incidentId)
  return !!i && isOpen(i.status)
}

export const onAckDeadline: DeadlineHandler = (w, deadline, deps) => {
  const d = dispatchRow(w.db, deadline.entityId)
  if (!d || d.status !== 'sent' || !incidentOpen(w, d)) return
  escalate(w, d, deadline, 'no_ack')
  const incident = incidentRow(w.db, d.incidentId)!
  schedule(w, {
    kind: 'dispatch_ack',
    entityType: 'dispatch',
    entityId: d.id,
    level: deadline.level + 1,
    dueAt: w.now + escalationPolicy(deps.config).ackMs(incident.severity),
  })
}

export const onProgressDeadline: DeadlineHandler = (w, deadline, deps) => {
  const d = dispatchRow(w.db, deadline.entityId)
  // Any step since the deadline was set is progress: it no longer applies.
  if (!d || d.statusChangedAt > deadline.createdAt || STEP_BASE[d.status] === undefined || !incidentOpen(w, d)) return
  escalate(w, d, deadline, 'no_progress')
  schedule(w, {
    kind: 'dispatch_progress',
    entityType: 'dispatch',
    entityId: d.id,
    level: deadline.level + 1,
    dueAt: w.now + escalationPolicy(deps.config).progressMs,
  })
}

export const onCheckinDeadline: DeadlineHandler = (w, deadline, deps) => {
  const d = dispatchRow(w.db, deadline.entityId)
  if (!d || d.status !== 'on_site' || d.updatedAt > deadline.createdAt || !incidentOpen(w, d)) return
  const crew = crewRow(w.db, d.crewId)!
  if ((crew.positionAt ?? 0) > deadline.createdAt) return
  const incident = incidentRow(w.db, d.incidentId)!
  w.append({
    type: 'crew.checkin_missed',
    entityType: 'crew',
    entityId: crew.id,
    incidentId: d.incidentId,
    orgIds: [incident.organizationId, crew.organizationId],
    crewIds: [crew.id],
    drill: incident.drill,
    data: { crew: presentCrew(crew), dispatch: presentDispatches(w.db, [d])[0]!, level: deadline.level },
  })
  schedule(w, {
    kind: 'crew_checkin',
    entityType: 'dispatch',
    entityId: d.id,
    level: deadline.level + 1,
    dueAt: w.now + escalationPolicy(deps.config).checkinMs,
  })
}
