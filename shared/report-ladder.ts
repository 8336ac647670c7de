// The report ladder (NORS-like): a report starts as a notification, updates follow, and once the
// service is back a final report is due within a configured time. Pure, for the console, the
// enterprise page and the server alike.
import type { ReportStage } from './enums'
import type { Incident } from './incident'

const HOUR = 3_600_000

type Laddered = Pick<Incident, 'status' | 'createdAt' | 'updatedAt' | 'restoredAt' | 'statusChangedAt' | 'finalReportAt' | 'duplicateOf'>

export function reportStage(i: Laddered): ReportStage {
  if (i.finalReportAt !== null) return 'final'
  return i.updatedAt > i.createdAt ? 'update' : 'notification'
}

/** Resolved (or since closed) without its final report. A cancelled report owes none. */
export const owesFinalReport = (i: Laddered) => (i.status === 'resolved' || i.status === 'closed') && i.finalReportAt === null

/** When the final report is due, counted from the restoration; null when none is owed. */
export function finalReportDueAt(i: Laddered, hours: number): number | null {
  return owesFinalReport(i) ? (i.restoredAt ?? i.statusChangedAt) + hours * HOUR : null
}

export function finalReportOverdue(i: Laddered, hours: number, now: number): boolean {
  const due = finalReportDueAt(i, hours)
  return due !== null && now > due
}
