import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { CREW_STATUSES, RESOURCE_KINDS, RESOURCE_STATUSES, type CrewSkill } from '../../shared/enums'
import { organizations } from './organizations'

export const crews = sqliteTable(
  'crews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    phone: text('phone'),
    skills: text('skills', { mode: 'json' }).$type<CrewSkill[]>().notNull(),
    members: integer('members').notNull(),
    status: text('status', { enum: CREW_STATUSES }).notNull(),
    statusChangedAt: integer('status_changed_at').notNull(),
    lat: real('lat'),
    lng: real('lng'),
    positionAccuracy: real('position_accuracy'),
    positionAt: integer('position_at'),
  },
  (t) => [index('crews_org').on(t.organizationId)],
)

export const resources = sqliteTable(
  'resources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    crewId: integer('crew_id').references(() => crews.id),
    kind: text('kind', { enum: RESOURCE_KINDS }).notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: RESOURCE_STATUSES }).notNull(),
    statusChangedAt: integer('status_changed_at').notNull(),
    capacity: text('capacity'),
    lat: real('lat'),
    lng: real('lng'),
  },
  (t) => [index('resources_org').on(t.organizationId)],
)
