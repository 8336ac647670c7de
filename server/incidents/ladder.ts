// The report ladder's last step: once an incident is resolved a final report (root cause,
// contributing factors, actions taken, restoration time) is due within FINAL_REPORT_HOURS; it is
// filed once and never edited, and an overdue one is flagged once.
import { and, eq, isNull } from 'drizzle-orm'
import type { z } from 'zod'
import { incidents } from '../../db/schema'
import type { FinalReportFile, Incident } from '../../shared/incident'
import { CLOCK_SKEW_MS } from '../../shared/intake-rules'
import { assertInScope, authorize } from '../auth/authorize'
import type { Actor, Deps } from '../context'
import { conflict, invalid, notFound } from '../errors'
import { cancelPending, schedule } from '../timers/deadlines'
import type { DeadlineHandler } from '../timers/sweeper'
import type { WriteScope } from '../writer'
import { incidentRow, presentIncident, type IncidentRecord } from './present'
import { incidentAudience, incidentOwner } from './service'

const HOUR = 3_600_000

/** Called in the write that resolves an incident: the final report's clock starts. */
export function startFinalReportClock(w: WriteScope, deps: Deps, row: IncidentRecord): void {
  if (row.status !== 'resolved' || row.finalReportAt !== null) return
  schedule(w, {
    kind: 'final_report',
    entityType: 'incident',
    entityId: row.id,
    level: 1,
    dueAt: (row.restoredAt ?? w.now) + deps.config.FINAL_REPORT_HOURS * HOUR,
  })
}

export function fileFinalReport(
  deps: Deps,
  actor: Actor,
  id: number,
  input: z.output<typeof FinalReportFile>,
): Promise<Incident> {
  authorize(actor, 'incident.final_report')
  return deps.writer.run(actor.userId, (w) => {
    const before = incidentRow(w.db, id)
    if (!before) throw notFound('Incident')
    assertInScope(actor, 'incident.read', incidentOwner(w.db, before), 'Incident')
    assertInScope(actor, 'incident.final_report', incidentOwner(w.db, before), 'Incident')
    if (before.status !== 'resolved' && before.status !== 'closed') {
      throw conflict('invalid_transition', `A final report follows the restoration; the incident is ${before.status}`, {
        status: before.status,
      })
    }
    if (before.finalReportAt !== null) throw conflict('conflict', 'The final report is filed already; it is not edited')
    const restoredAt = input.restoredAt ?? before.restoredAt ?? before.statusChangedAt
    if (restoredAt < before.createdAt - CLOCK_SKEW_MS) {
      throw invalid(['restoredAt'], 'Restoration is before the onset of the incident')
    }
    if (restoredAt > w.now + CLOCK_SKEW_MS) throw invalid(['restoredAt'], 'Restoration is in the future')
    const updated = w.db
      .update(incidents)
      .set({
        finalReport: { rootCause: input.rootCause, contributingFactors: input.contributingFactors, actionsTaken: input.actionsTaken },
        finalReportAt: w.now,
        restoredAt,
        updatedAt: w.now,
      })
      .where(and(eq(incidents.id, id), isNull(incidents.finalReportAt)))
      .returning()
      .get()
    if (!updated) throw conflict('conflict', 'The final report is filed already; it is not edited')
    cancelPending(w, 'final_report', id)
    const row: IncidentRecord = { ...updated, elements: before.elements }
    const incident = presentIncident(row)
    w.append({
      type: 'incident.final_reported',
      entityType: 'incident',
      entityId: id,
      incidentId: id,
      ...incidentAudience(w.db, row),
      drill: row.drill,
      data: { incident },
    })
    return incident
  })
}

/** No final report by its due time: flagged once, to the authority and the organisation. */
export const onFinalReportDeadline: DeadlineHandler = (w, deadline) => {
  const row = incidentRow(w.db, deadline.entityId)
  if (!row || row.finalReportAt !== null || row.status === 'cancelled') return
  w.append({
    type: 'incident.final_report_overdue',
    entityType: 'incident',
    entityId: row.id,
    incidentId: row.id,
    ...incidentAudience(w.db, row),
    drill: row.drill,
    data: { incident: presentIncident(row), level: deadline.level, reason: 'final_report' },
  })
}
