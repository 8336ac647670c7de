import { index, integer, real, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import {
  INCIDENT_CAUSES,
  INCIDENT_KINDS,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  SEVERITIES,
  type Service,
} from '../../shared/enums'
import type { Impact } from '../../shared/incident'

export interface FinalReportData {
  rootCause: string
  contributingFactors: string
  actionsTaken: string
}
import { areas } from './areas'
import { organizations } from './organizations'
import { users } from './users'

export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organizationId: integer('organization_id').references(() => organizations.id),
    kind: text('kind', { enum: INCIDENT_KINDS }).notNull(),
    cause: text('cause', { enum: INCIDENT_CAUSES }).notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    status: text('status', { enum: INCIDENT_STATUSES }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    services: text('services', { mode: 'json' }).$type<Service[]>().notNull(),
    lat: real('lat').notNull(),
    lng: real('lng').notNull(),
    radiusM: integer('radius_m').notNull(),
    areaId: integer('area_id').references(() => areas.id),
    source: text('source', { enum: INCIDENT_SOURCES }).notNull(),
    impact: text('impact', { mode: 'json' }).$type<Impact>().notNull(),
    estimatedRestoreAt: integer('estimated_restore_at'),
    duplicateOf: integer('duplicate_of').references((): AnySQLiteColumn => incidents.id),
    statusNote: text('status_note'),
    drill: integer('drill', { mode: 'boolean' }).notNull().default(false),
    reportedBy: integer('reported_by').references(() => users.id),
    /** When the service came back (set when the incident is resolved, or reported by the operator). */
    restoredAt: integer('restored_at'),
    /** The NORS-like final report: root cause, contributing factors, actions taken. */
    finalReport: text('final_report', { mode: 'json' }).$type<FinalReportData>(),
    finalReportAt: integer('final_report_at'),
    /** How many times it escalated for want of a dispatch (kept, so a reload still shows it). */
    escalationLevel: integer('escalation_level').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    statusChangedAt: integer('status_changed_at').notNull(),
  },
  (t) => [
    index('incidents_status').on(t.status),
    index('incidents_org').on(t.organizationId),
    index('incidents_lat_lng').on(t.lat, t.lng),
    index('incidents_updated').on(t.updatedAt),
  ],
)
