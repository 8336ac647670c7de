// The Idempotency-Key of a create, read at the edge: the key, checked, and the fingerprint of what
// the request asks (SHA-256 of the canonical JSON of the validated body, with the route).
import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { IDEMPOTENCY_HEADER, IdempotencyKey, REPLAYED_HEADER } from '../../shared/intake'
import { DomainError } from '../errors'
import type { Answer, RequestKey } from '../intake/idempotency'

export function requestKey(c: Context, route: string, body: unknown): RequestKey | null {
  const header = c.req.header(IDEMPOTENCY_HEADER)
  if (header === undefined) return null
  const parsed = IdempotencyKey.safeParse(header)
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Malformed Idempotency-Key'
    throw new DomainError(400, 'invalid_input', message, [{ path: [IDEMPOTENCY_HEADER], message, code: 'invalid_format' }])
  }
  return { key: parsed.data, fingerprint: fingerprint({ route, body }) }
}

export const fingerprint = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex')

/** A file body stands in the fingerprint by its own SHA-256. */
export const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** JSON with object keys sorted and strings in NFC, so equal requests give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'string') return v.normalize('NFC')
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    }
    return v
  })
}

/**
 * The answer as first given, marked when it is a replay. Its status is data (the one the first
 * request got), which the route's typed responses cannot follow: hence the cast.
 */
export function reply<T>(c: Context, answer: Answer<T>): never {
  if (answer.replayed) c.header(REPLAYED_HEADER, 'true')
  return c.json(answer.body as never, answer.status as 201) as never
}
