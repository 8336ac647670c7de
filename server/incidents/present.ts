import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { incidents } from '../../db/schema'
import type { IncidentElement } from '../../shared/element'
import type { Incident } from '../../shared/incident'

export type IncidentRow = typeof incidents.$inferSelect
/** An incident row with the network elements it names: what the presenter needs. */
export type IncidentRecord = IncidentRow & { elements: IncidentElement[] }

export function presentIncident(r: IncidentRecord): Incident {
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
    escalationLevel: r.escalationLevel,
    elements: r.elements,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    statusChangedAt: r.statusChangedAt,
  }
}

export function incidentRow(db: Db, id: number): IncidentRecord | undefined {
  const row = db.select().from(incidents).where(eq(incidents.id, id)).get()
  return row && withElements(db, [row])[0]
}

const cache = new WeakMap<Db, ReturnType<Db['$client']['prepare']>>()

/** The rows with the elements each names, read in one statement. */
export function withElements<R extends IncidentRow>(db: Db, rows: R[]): (R & { elements: IncidentElement[] })[] {
  if (rows.length === 0) return []
  let q = cache.get(db)
  if (!q) {
    q = db.$client.prepare(
      `SELECT incident_id AS incidentId, element_id AS elementId, effect FROM incident_elements
       WHERE incident_id IN (SELECT value FROM json_each(?)) ORDER BY incident_id, element_id`,
    )
    cache.set(db, q)
  }
  const named = new Map<number, IncidentElement[]>()
  for (const r of q.all(JSON.stringify(rows.map((x) => x.id))) as (IncidentElement & { incidentId: number })[]) {
    const list = named.get(r.incidentId) ?? []
    list.push({ elementId: r.elementId, effect: r.effect })
    named.set(r.incidentId, list)
  }
  return rows.map((r) => ({ ...r, elements: named.get(r.id) ?? [] }))
}
