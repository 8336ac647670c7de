// Stored deadlines: scheduled inside the write that creates the reason for them, fired once by the
// sweeper. Firing is a conditional write (fired_at IS NULL), so neither two sweeps nor a restart
// halfway through can fire a deadline twice, and a deadline missed while the server was down fires
// on the first sweep after it starts.
import { and, eq, isNull } from 'drizzle-orm'
import { deadlines } from '../../db/schema'
import type { DeadlineKind } from '../../shared/enums'
import type { WriteScope } from '../writer'

export type DeadlineRow = typeof deadlines.$inferSelect

export interface DeadlineSpec {
  kind: DeadlineKind
  entityType: string
  entityId: number
  level: number
  dueAt: number
}

/** Schedules a deadline; one already scheduled for the same kind, entity and level stands. */
export function schedule(w: WriteScope, d: DeadlineSpec): void {
  w.db
    .insert(deadlines)
    .values({ ...d, createdAt: w.now })
    .onConflictDoNothing()
    .run()
}

/** Cancels the pending deadlines of one kind for an entity. */
export function cancelPending(w: WriteScope, kind: DeadlineKind, entityId: number): void {
  w.db
    .update(deadlines)
    .set({ cancelledAt: w.now })
    .where(and(eq(deadlines.kind, kind), eq(deadlines.entityId, entityId), isNull(deadlines.firedAt), isNull(deadlines.cancelledAt)))
    .run()
}
