import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import { DEPENDENCY_ROLES, ELEMENT_EFFECTS, ELEMENT_KINDS, POWER_SOURCES, SERVICES, TRANSMISSION_MEDIA } from '../../shared/enums'
import { areas } from './areas'
import { incidents } from './incidents'
import { organizations } from './organizations'
import { sites } from './sites'

/** A piece of network a protected site depends on: a cell site, a link, a node, a power feed… */
export const networkElements = sqliteTable(
  'network_elements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind', { enum: ELEMENT_KINDS }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    lat: real('lat').notNull(),
    lng: real('lng').notNull(),
    /** The far end of a link. */
    lat2: real('lat2'),
    lng2: real('lng2'),
    coverageRadiusM: integer('coverage_radius_m'),
    powerSource: text('power_source', { enum: POWER_SOURCES }),
    medium: text('medium', { enum: TRANSMISSION_MEDIA }),
    /** The element this one hangs from (a cell site from its transmission link, a link from its node). */
    upstreamId: integer('upstream_id').references((): AnySQLiteColumn => networkElements.id),
    areaId: integer('area_id').references(() => areas.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('network_elements_org_code').on(t.organizationId, t.code),
    index('network_elements_upstream').on(t.upstreamId),
  ],
)

/** Which elements a site's service rests on, primary or secondary. */
export const siteDependencies = sqliteTable(
  'site_dependencies',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    service: text('service', { enum: SERVICES }).notNull(),
    elementId: integer('element_id')
      .notNull()
      .references(() => networkElements.id),
    role: text('role', { enum: DEPENDENCY_ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.service, t.elementId] }), index('site_dependencies_element').on(t.elementId)],
)

/** The elements an incident names, and whether it takes them down or degrades them. */
export const incidentElements = sqliteTable(
  'incident_elements',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    elementId: integer('element_id')
      .notNull()
      .references(() => networkElements.id),
    effect: text('effect', { enum: ELEMENT_EFFECTS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.elementId] }), index('incident_elements_element').on(t.elementId)],
)
