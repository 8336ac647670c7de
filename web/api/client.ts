// The fetch client: JSON in and out, responses parsed with the shared schemas, errors as ApiFailure.
import type { z } from 'zod'
import { ApiError, type ErrorIssue } from '../../shared/errors'

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }

  /** Field errors keyed by their dotted path: 'lat', 'impact.usersAffected'. */
  get fields(): Record<string, string> {
    const out: Record<string, string> = {}
    if (Array.isArray(this.details)) {
      for (const i of this.details as ErrorIssue[]) out[i.path.join('.')] ??= i.message
    }
    return out
  }
}


export async function api<T extends z.ZodType>(
  schema: T,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<z.infer<T>> {
  let res: Response
  try {
    res = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (err) {
    throw new ApiFailure(0, 'network', String(err))
  }
  const text = await res.text().catch(() => '')
  let json: unknown = undefined
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    throw new ApiFailure(res.status || 0, res.status >= 500 ? 'internal' : 'network', 'Not JSON')
  }
  if (!res.ok) {
    const err = ApiError.safeParse(json)
    if (err.success) throw new ApiFailure(res.status, err.data.code, err.data.message, err.data.details)
    throw new ApiFailure(res.status, res.status >= 500 ? 'internal' : 'invalid_input', `HTTP ${res.status}`)
  }
  return schema.parse(json)
}

/**
 * A fresh Idempotency-Key. getRandomValues works outside secure contexts too (a desk served over
 * plain http on a local network), where crypto.randomUUID does not exist.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
