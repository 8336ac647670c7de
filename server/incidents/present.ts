import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { incidents } from '../../db/schema'
import type { Incident } from '../../shared/incident'

export type IncidentRow = typeof incidents.$inferSelect

export function presentIncident(r: IncidentRow): Incident {
  return {
    id: r.id,
    organizationId: r.organizationId,
    kind: r.kind,
    cause: r.cause,
    severity: r.severity,
    status: r.status,
    title: r.title,
    description: r.description,
    services: r.services,
    lat: r.lat,
    lng: r.lng,
    radiusM: r.radiusM,
    areaId: r.areaId,
    source: r.source,
    impact: r.impact,
    estimatedRestoreAt: r.estimatedRestoreAt,
    duplicateOf: r.duplicateOf,
    statusNote: r.statusNote,
    drill: r.drill,
    reportedBy: r.reportedBy,
    restoredAt: r.restoredAt,
    finalReport: r.finalReport,
    finalReportAt: r.finalReportAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    statusChangedAt: r.statusChangedAt,
  }
}

export function incidentRow(db: Db, id: number): IncidentRow | undefined {
  return db.select().from(incidents).where(eq(incidents.id, id)).get()
}
