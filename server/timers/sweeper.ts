// Fires due deadlines through the one write path, one write per deadline, oldest first.
import { and, asc, eq, isNull, lte } from 'drizzle-orm'
import { deadlines } from '../../db/schema'
import type { DeadlineKind } from '../../shared/enums'
import type { Deps } from '../context'
import type { WriteScope } from '../writer'
import type { DeadlineRow } from './deadlines'

/** What firing a deadline does; it runs inside the firing write and may schedule the next level. */
export type DeadlineHandler = (w: WriteScope, deadline: DeadlineRow, deps: Deps) => void

const BATCH = 200

export class Sweeper {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<number> | null = null

  constructor(
    private deps: Deps,
    private handlers: Partial<Record<DeadlineKind, DeadlineHandler>>,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.deps.config.SWEEP_MS)
    this.timer.unref()
    void this.sweep()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Fires every deadline due now; resolves with how many fired. One sweep at a time. */
  sweep(): Promise<number> {
    this.running ??= this.fireDue().finally(() => (this.running = null))
    return this.running
  }

  private async fireDue(): Promise<number> {
    const due = this.deps.db
      .select()
      .from(deadlines)
      .where(and(isNull(deadlines.firedAt), isNull(deadlines.cancelledAt), lte(deadlines.dueAt, this.deps.clock.now())))
      .orderBy(asc(deadlines.dueAt))
      .limit(BATCH)
      .all()
    const results = await Promise.allSettled(
      due.map((d) =>
        this.deps.writer.run(null, (w) => {
          const fired = w.db
            .update(deadlines)
            .set({ firedAt: w.now })
            .where(and(eq(deadlines.id, d.id), isNull(deadlines.firedAt), isNull(deadlines.cancelledAt)))
            .returning()
            .get()
          if (!fired) return false
          this.handlers[fired.kind]?.(w, fired, this.deps)
          return true
        }),
      ),
    )
    for (const r of results) {
      if (r.status === 'rejected') console.error(JSON.stringify({ level: 'error', msg: 'deadline handler failed', err: String(r.reason) }))
    }
    return results.filter((r) => r.status === 'fulfilled' && r.value).length
  }
}
