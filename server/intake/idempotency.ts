// Idempotency-Key records, checked and written inside the write that creates: the key goes in with
// the row and its event, or not at all. Two requests with one key in the same group commit run in
// turn, so the second finds the first's record and replays its answer.
import { and, eq, lt } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { idempotencyKeys } from '../../db/schema'
import { IDEMPOTENCY_KEEP_MS } from '../../shared/intake'
import { DomainError } from '../errors'
import type { WriteScope } from '../writer'

export interface RequestKey {
  key: string
  fingerprint: string
}

export interface Answer<T> {
  status: number
  body: T
  replayed: boolean
}

/** Old keys are swept at most this often, inside a write that records a key anyway. */
const SWEEP_EVERY_MS = 3_600_000
const lastSweep = new WeakMap<Db, number>()

/**
 * Runs create once per (organisation, key): a repeat with the same fingerprint gets the first
 * answer back, another fingerprint a 422. Without a key, create just runs.
 */
export function once<T>(w: WriteScope, organizationId: number, key: RequestKey | null, status: number, create: () => T): Answer<T> {
  if (!key) return { status, body: create(), replayed: false }
  const where = and(eq(idempotencyKeys.organizationId, organizationId), eq(idempotencyKeys.key, key.key))
  const earlier = w.db.select().from(idempotencyKeys).where(where).get()
  if (earlier && earlier.createdAt > w.now - IDEMPOTENCY_KEEP_MS) {
    if (earlier.fingerprint !== key.fingerprint) {
      throw new DomainError(422, 'idempotency_mismatch', 'This Idempotency-Key was used for a different request')
    }
    return { status: earlier.status, body: JSON.parse(earlier.response) as T, replayed: true }
  }
  if (earlier) w.db.delete(idempotencyKeys).where(where).run()
  sweep(w)
  const body = create()
  w.db
    .insert(idempotencyKeys)
    .values({ organizationId, key: key.key, fingerprint: key.fingerprint, status, response: JSON.stringify(body), createdAt: w.now })
    .run()
  return { status, body, replayed: false }
}

function sweep(w: WriteScope): void {
  const last = lastSweep.get(w.db) ?? 0
  if (w.now - last < SWEEP_EVERY_MS) return
  lastSweep.set(w.db, w.now)
  w.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, w.now - IDEMPOTENCY_KEEP_MS)).run()
}
