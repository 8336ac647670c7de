// The one write path. A service hands the writer a synchronous function (checks, rows, events);
// the writer runs it inside a transaction and settles the promise after the commit, then
// publishes the events it appended. Writes that arrive together share one transaction and one
// fsync (group commit), each in its own savepoint so that one failing write sinks only itself.
import type { Statement } from 'better-sqlite3'
import type { Db } from '../db/client'
import type { Clock } from './clock'
import type { EventBus } from './events/bus'
import { insertEvent, readHead, type ChainHead, type EventInput, type StoredEvent } from './events/log'

export class WriteScope {
  readonly events: StoredEvent[] = []

  constructor(
    readonly db: Db,
    readonly now: number,
    private chain: { head: ChainHead },
    private actorId: number | null,
  ) {}

  private deferred: (() => void)[] = []

  /** Runs fn at the end of this write, after the events of the change itself: effects follow causes. */
  later(fn: () => void): void {
    this.deferred.push(fn)
  }

  settle(): void {
    while (this.deferred.length > 0) this.deferred.shift()!()
  }

  append(input: EventInput): StoredEvent {
    const event = insertEvent(this.db, this.chain.head, this.now, this.actorId, input)
    this.chain.head = { seq: event.seq, hash: event.hash }
    this.events.push(event)
    return event
  }
}

type WriteFn<T> = (w: WriteScope) => T

interface Pending {
  fn: WriteFn<unknown>
  actorId: number | null
  resolve: (v: unknown) => void
  reject: (e: unknown) => void
}

export interface WriterOptions {
  /** The most writes one commit carries; 1 turns group commit off (the bench compares both). */
  maxBatch?: number
}

const MAX_BATCH = 256

export class Writer {
  private queue: Pending[] = []
  private scheduled = false
  private chain: { head: ChainHead }
  private closed = false
  private maxBatch: number
  private tx: Record<'begin' | 'savepoint' | 'release' | 'rollbackTo' | 'commit' | 'rollback', Statement>

  constructor(
    private db: Db,
    private clock: Clock,
    private bus: EventBus,
    opts: WriterOptions = {},
  ) {
    this.chain = { head: readHead(db) }
    this.maxBatch = Math.max(1, opts.maxBatch ?? MAX_BATCH)
    // Prepared once: exec() would compile each of these again for every write.
    const sql = (text: string) => db.$client.prepare(text)
    this.tx = {
      begin: sql('BEGIN IMMEDIATE'),
      savepoint: sql('SAVEPOINT w'),
      release: sql('RELEASE w'),
      rollbackTo: sql('ROLLBACK TO w'),
      commit: sql('COMMIT'),
      rollback: sql('ROLLBACK'),
    }
  }

  run<T>(actorId: number | null, fn: WriteFn<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('writer is closed'))
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, actorId, resolve: resolve as (v: unknown) => void, reject })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  /** Resolves when every write queued so far has committed. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.scheduled) await new Promise((r) => setImmediate(r))
  }

  close(): void {
    this.closed = true
  }

  private flush(): void {
    this.scheduled = false
    const batch = this.queue.splice(0, this.maxBatch)
    if (batch.length === 0) return
    const tx = this.tx
    const before = this.chain.head
    const outcomes: { ok: boolean; value: unknown; events: StoredEvent[] }[] = []
    try {
      tx.begin.run()
      for (const item of batch) {
        const head = this.chain.head
        const scope = new WriteScope(this.db, this.clock.now(), this.chain, item.actorId)
        tx.savepoint.run()
        try {
          const value = item.fn(scope)
          scope.settle()
          tx.release.run()
          outcomes.push({ ok: true, value, events: scope.events })
        } catch (err) {
          tx.rollbackTo.run()
          tx.release.run()
          this.chain.head = head
          outcomes.push({ ok: false, value: err, events: [] })
        }
      }
      tx.commit.run()
    } catch (err) {
      // The commit itself failed (disk full, I/O error): nothing of this batch is durable.
      if (this.db.$client.inTransaction) tx.rollback.run()
      this.chain.head = before
      for (const item of batch) item.reject(err)
      this.reschedule()
      return
    }
    this.bus.publish(outcomes.flatMap((o) => o.events))
    batch.forEach((item, i) => {
      const o = outcomes[i]!
      if (o.ok) item.resolve(o.value)
      else item.reject(o.value)
    })
    this.reschedule()
  }

  private reschedule(): void {
    if (this.queue.length > 0 && !this.scheduled) {
      this.scheduled = true
      setImmediate(() => this.flush())
    }
  }
}
