// A high or critical incident that nobody has sent a crew to escalates, again each period.
import { and, eq, notInArray } from 'drizzle-orm'
import { dispatches, incidents } from '../../db/schema'
import { escalationPolicy } from '../timers/policy'
import { schedule } from '../timers/deadlines'
import type { DeadlineHandler } from '../timers/sweeper'
import type { WriteScope } from '../writer'
import type { Deps } from '../context'
import { incidentRow, presentIncident, type IncidentRow } from './present'
import { isOpen } from './service'

export const needsWatch = (i: IncidentRow) => isOpen(i.status) && (i.severity === 'high' || i.severity === 'critical')

/** Starts the no-dispatch clock for an incident that needs one (idempotent per level). */
export function watchUnassigned(w: WriteScope, deps: Deps, incident: IncidentRow): void {
  if (!needsWatch(incident)) return
  schedule(w, {
    kind: 'incident_unassigned',
    entityType: 'incident',
    entityId: incident.id,
    level: 1,
    dueAt: incident.createdAt + escalationPolicy(deps.config).unassignedMs,
  })
}

export const onUnassignedDeadline: DeadlineHandler = (w, deadline, deps) => {
  const incident = incidentRow(w.db, deadline.entityId)
  if (!incident || !needsWatch(incident)) return
  const sent = w.db
    .select({ id: dispatches.id })
    .from(dispatches)
    .where(and(eq(dispatches.incidentId, incident.id), notInArray(dispatches.status, ['declined', 'cancelled'])))
    .get()
  if (sent) return
  w.db.update(incidents).set({ escalationLevel: deadline.level }).where(eq(incidents.id, incident.id)).run()
  const escalated = incidentRow(w.db, incident.id)!
  w.append({
    type: 'incident.escalated',
    entityType: 'incident',
    entityId: incident.id,
    incidentId: incident.id,
    orgIds: [incident.organizationId],
    drill: incident.drill,
    data: { incident: presentIncident(escalated), level: deadline.level, reason: 'no_dispatch' },
  })
  schedule(w, {
    kind: 'incident_unassigned',
    entityType: 'incident',
    entityId: incident.id,
    level: deadline.level + 1,
    dueAt: w.now + escalationPolicy(deps.config).unassignedMs,
  })
}
