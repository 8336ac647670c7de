import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { LOCALES, ROLES } from '../../shared/enums'
import { crews } from './crews'
import { organizations } from './organizations'

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  organizationId: integer('organization_id')
    .notNull()
    .references(() => organizations.id),
  crewId: integer('crew_id').references(() => crews.id),
  locale: text('locale', { enum: LOCALES }).notNull().default('vi'),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
})

export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
)

/** Failed logins per username; kept in the database so a restart does not reset the throttle. */
export const loginThrottle = sqliteTable('login_throttle', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: integer('window_start').notNull(),
  lockedUntil: integer('locked_until').notNull().default(0),
})
