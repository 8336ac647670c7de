import { integer, real, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import { AREA_LEVELS } from '../../shared/enums'

export const areas = sqliteTable('areas', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  level: text('level', { enum: AREA_LEVELS }).notNull(),
  parentId: integer('parent_id').references((): AnySQLiteColumn => areas.id),
  lat: real('lat').notNull(),
  lng: real('lng').notNull(),
  boundary: text('boundary', { mode: 'json' }).$type<[number, number][][]>(),
})
