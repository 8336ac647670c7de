import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { DISPATCH_STATUSES, LINK_KINDS, LINK_STATUSES } from '../../shared/enums'
import { crews, resources } from './crews'
import { incidents } from './incidents'
import { organizations } from './organizations'
import { sites } from './sites'
import { users } from './users'

export const dispatches = sqliteTable(
  'dispatches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    crewId: integer('crew_id')
      .notNull()
      .references(() => crews.id),
    siteId: integer('site_id').references(() => sites.id),
    task: text('task').notNull(),
    status: text('status', { enum: DISPATCH_STATUSES }).notNull(),
    reason: text('reason'),
    ackDeadlineAt: integer('ack_deadline_at').notNull(),
    /** How many times it has escalated (no acknowledgement, no progress, missed check-in). */
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalatedAt: integer('escalated_at'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    statusChangedAt: integer('status_changed_at').notNull(),
  },
  (t) => [
    index('dispatches_incident').on(t.incidentId),
    index('dispatches_crew').on(t.crewId),
    index('dispatches_status').on(t.status),
  ],
)

export const dispatchResources = sqliteTable(
  'dispatch_resources',
  {
    dispatchId: integer('dispatch_id')
      .notNull()
      .references(() => dispatches.id),
    resourceId: integer('resource_id')
      .notNull()
      .references(() => resources.id),
  },
  (t) => [primaryKey({ columns: [t.dispatchId, t.resourceId] })],
)

export const links = sqliteTable(
  'backup_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    kind: text('kind', { enum: LINK_KINDS }).notNull(),
    status: text('status', { enum: LINK_STATUSES }).notNull(),
    organizationId: integer('organization_id').references(() => organizations.id),
    incidentId: integer('incident_id').references(() => incidents.id),
    dispatchId: integer('dispatch_id').references(() => dispatches.id),
    resourceId: integer('resource_id').references(() => resources.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    statusChangedAt: integer('status_changed_at').notNull(),
  },
  (t) => [index('links_site').on(t.siteId), index('links_incident').on(t.incidentId)],
)
