import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { ORG_KINDS } from '../../shared/enums'

export const organizations = sqliteTable('organizations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ORG_KINDS }).notNull(),
  phone: text('phone'),
  createdAt: integer('created_at').notNull(),
})
