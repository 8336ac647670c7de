import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Refused actions (403): not state changes, so not events, but kept for the audit — who tried
 * what, when. Append-only like the event log.
 */
export const accessDenials = sqliteTable(
  'access_denials',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    userId: integer('user_id'),
    role: text('role'),
    code: text('code').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
  },
  (t) => [index('access_denials_at').on(t.at)],
)
