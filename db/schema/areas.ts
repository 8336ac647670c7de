import { integer, real, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import { AREA_LEVELS, AREA_TYPES } from '../../shared/enums'

export const areas = sqliteTable('areas', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  level: text('level', { enum: AREA_LEVELS }).notNull(),
  parentId: integer('parent_id').references((): AnySQLiteColumn => areas.id),
  lat: real('lat').notNull(),
  lng: real('lng').notNull(),
  boundary: text('boundary', { mode: 'json' }).$type<[number, number][][]>(),
  /** Urban, rural or island: sets travel speed, and an island needs a crew on the island. */
  areaType: text('area_type', { enum: AREA_TYPES }).notNull().default('rural'),
})
