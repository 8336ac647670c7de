// The incident insert and the organisation check, prepared once per database: building them with
// drizzle per report costs ~0.5 ms, which a 10,000-row CSV import cannot afford.
import { sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { incidents } from '../../db/schema'
import type { IncidentRow } from './present'

export type NewIncident = Omit<IncidentRow, 'id' | 'duplicateOf' | 'statusNote' | 'restoredAt' | 'finalReport' | 'finalReportAt' | 'escalationLevel'>

const p = (name: keyof NewIncident) => sql.placeholder(name)

function prepare(db: Db) {
  return {
    insert: db
      .insert(incidents)
      .values({
        organizationId: p('organizationId'),
        kind: p('kind'),
        cause: p('cause'),
        severity: p('severity'),
        status: p('status'),
        title: p('title'),
        description: p('description'),
        services: p('services'),
        lat: p('lat'),
        lng: p('lng'),
        radiusM: p('radiusM'),
        areaId: p('areaId'),
        source: p('source'),
        impact: p('impact'),
        estimatedRestoreAt: p('estimatedRestoreAt'),
        drill: p('drill'),
        reportedBy: p('reportedBy'),
        createdAt: p('createdAt'),
        updatedAt: p('updatedAt'),
        statusChangedAt: p('statusChangedAt'),
      })
      .returning()
      .prepare(),
    organization: db.$client.prepare('SELECT 1 FROM organizations WHERE id = ?').pluck(),
  }
}

const cache = new WeakMap<Db, ReturnType<typeof prepare>>()
function statements(db: Db) {
  let s = cache.get(db)
  if (!s) cache.set(db, (s = prepare(db)))
  return s
}

export function insertIncident(db: Db, values: NewIncident): IncidentRow {
  return statements(db).insert.get(values) as IncidentRow
}

export function organizationExists(db: Db, id: number): boolean {
  return statements(db).organization.get(id) !== undefined
}
