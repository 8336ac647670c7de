import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { SERVICES, SITE_KINDS, SITE_STATUSES } from '../../shared/enums'
import { areas } from './areas'
import { organizations } from './organizations'

export const sites = sqliteTable(
  'sites',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: SITE_KINDS }).notNull(),
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    lat: real('lat').notNull(),
    lng: real('lng').notNull(),
    priority: integer('priority').notNull().default(2),
    address: text('address'),
    // Derived from incidents and backup links in the transaction that changes them; never typed in.
    status: text('status', { enum: SITE_STATUSES }).notNull().default('ok'),
    statusChangedAt: integer('status_changed_at').notNull(),
  },
  (t) => [index('sites_lat_lng').on(t.lat, t.lng), index('sites_area').on(t.areaId)],
)

export const siteServices = sqliteTable(
  'site_services',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    service: text('service', { enum: SERVICES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.organizationId, t.service] })],
)
