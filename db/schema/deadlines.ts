import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { DEADLINE_KINDS } from '../../shared/enums'

/**
 * Stored timers. A row fires once: the firing write sets fired_at where it is still null, so two
 * sweeps (or a restart mid-sweep) cannot fire it twice. level counts repeated escalations.
 */
export const deadlines = sqliteTable(
  'deadlines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: DEADLINE_KINDS }).notNull(),
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id').notNull(),
    level: integer('level').notNull().default(1),
    dueAt: integer('due_at').notNull(),
    firedAt: integer('fired_at'),
    cancelledAt: integer('cancelled_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('deadlines_once').on(t.kind, t.entityId, t.level),
    index('deadlines_due').on(t.firedAt, t.cancelledAt, t.dueAt),
  ],
)
