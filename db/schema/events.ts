import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { ENTITY_TYPES, EVENT_TYPES, type EventData } from '../../shared/events'

/** The append-only log. Triggers (migration 0001) refuse UPDATE and DELETE. */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorId: integer('actor_id'),
    type: text('type', { enum: EVENT_TYPES }).notNull(),
    entityType: text('entity_type', { enum: ENTITY_TYPES }).notNull(),
    entityId: integer('entity_id').notNull(),
    incidentId: integer('incident_id'),
    // Audience: staff see every event; an enterprise, those naming its organisation; a crew, its own.
    orgIds: text('org_ids', { mode: 'json' }).$type<number[]>().notNull(),
    crewIds: text('crew_ids', { mode: 'json' }).$type<number[]>().notNull(),
    drill: integer('drill', { mode: 'boolean' }).notNull().default(false),
    data: text('data').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('events_incident').on(t.incidentId, t.seq)],
)
