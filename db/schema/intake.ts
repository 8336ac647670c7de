import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { ASSISTANCE_KINDS, ASSISTANCE_STATUSES, ROLLCALL_CADENCES } from '../../shared/enums'
import { areas } from './areas'
import { dispatches } from './dispatches'
import { incidents } from './incidents'
import { organizations } from './organizations'
import { sites } from './sites'
import { users } from './users'

/** Organisation API tokens for enterprise systems: shown once, stored as SHA-256. */
export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  organizationId: integer('organization_id')
    .notNull()
    .references(() => organizations.id),
  name: text('name').notNull(),
  /** The first characters of the token, shown in lists so people can tell tokens apart. */
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: integer('created_at').notNull(),
  lastUsedAt: integer('last_used_at'),
  revokedAt: integer('revoked_at'),
})

/** Idempotency-Key records, per organisation: the original answer to replay. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: integer('status').notNull(),
    response: text('response').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.key] }), index('idempotency_created').on(t.createdAt)],
)

export const assistanceRequests = sqliteTable(
  'assistance_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind', { enum: ASSISTANCE_KINDS }).notNull(),
    status: text('status', { enum: ASSISTANCE_STATUSES }).notNull(),
    incidentId: integer('incident_id').references(() => incidents.id),
    siteId: integer('site_id').references(() => sites.id),
    description: text('description').notNull(),
    decisionReason: text('decision_reason'),
    dispatchId: integer('dispatch_id').references(() => dispatches.id),
    requestedBy: integer('requested_by').references(() => users.id),
    decidedBy: integer('decided_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    statusChangedAt: integer('status_changed_at').notNull(),
  },
  (t) => [index('assistance_org').on(t.organizationId), index('assistance_status').on(t.status)],
)

/** A roll-call: enterprises file a check-in per area every period until it is closed. */
export const rollcallActivations = sqliteTable('rollcall_activations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  cadence: text('cadence', { enum: ROLLCALL_CADENCES }).notNull(),
  /** For a daily cadence, the minute of the local (UTC+7) day a check-in is due, e.g. 540 = 09:00. */
  dueMinute: integer('due_minute').notNull().default(540),
  areaIds: text('area_ids', { mode: 'json' }).$type<number[]>().notNull(),
  organizationIds: text('organization_ids', { mode: 'json' }).$type<number[]>().notNull(),
  openedBy: integer('opened_by').references(() => users.id),
  openedAt: integer('opened_at').notNull(),
  closedAt: integer('closed_at'),
})

export const rollcallCheckins = sqliteTable(
  'rollcall_checkins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    activationId: integer('activation_id')
      .notNull()
      .references(() => rollcallActivations.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    /** The start of the period this check-in answers (UTC ms). */
    periodStart: integer('period_start').notNull(),
    noChange: integer('no_change', { mode: 'boolean' }).notNull().default(false),
    sitesTotal: integer('sites_total'),
    outPower: integer('out_power'),
    outTransmission: integer('out_transmission'),
    outDamage: integer('out_damage'),
    generatorsDeployed: integer('generators_deployed'),
    officesClosed: integer('offices_closed'),
    routesSuspended: integer('routes_suspended'),
    note: text('note'),
    filedBy: integer('filed_by').references(() => users.id),
    filedAt: integer('filed_at').notNull(),
  },
  (t) => [uniqueIndex('rollcall_checkin_once').on(t.activationId, t.organizationId, t.areaId, t.periodStart)],
)
