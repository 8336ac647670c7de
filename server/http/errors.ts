// The one place errors become HTTP: { code, message, details } with the right status. Bad input
// is a 4xx naming the field, never a 500.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ZodError, type z } from 'zod'
import type { ApiError, ErrorCode, ErrorIssue } from '../../shared/errors'
import { DomainError } from '../errors'

export function issuesOf(error: z.ZodError, prefix: (string | number)[] = []): ErrorIssue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
    code: i.code,
  }))
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ApiError {
  return details === undefined ? { code, message } : { code, message, details }
}

export function onError(err: Error, c: Context): Response {
  if (err instanceof DomainError) {
    if (err.status === 429) {
      const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
      if (retry) c.header('Retry-After', String(retry))
    }
    return c.json(errorBody(err.code, err.message, err.details), err.status)
  }
  if (err instanceof ZodError) {
    return c.json(errorBody('invalid_input', 'The request is not valid', issuesOf(err)), 400)
  }
  if (err instanceof HTTPException) {
    const status = err.status
    if (status === 400) return c.json(errorBody('malformed_json', 'The body is not valid JSON'), 400)
    if (status === 413) return c.json(errorBody('payload_too_large', 'The body is larger than 64 KiB'), 413)
    if (status === 415) return c.json(errorBody('unsupported_media_type', 'Send JSON (Content-Type: application/json)'), 415)
    return c.json(errorBody('invalid_input', err.message || 'Bad request'), status as 400)
  }
  console.error(JSON.stringify({ level: 'error', msg: 'unhandled', err: String(err?.stack ?? err) }))
  return c.json(errorBody('internal', 'Something went wrong on the server'), 500)
}

/** zod-openapi's hook for a request that fails its schema. */
export function validationHook(
  result: { success: boolean; error?: z.ZodError; target?: string },
  c: Context,
): Response | undefined {
  if (result.success || !result.error) return undefined
  const where = result.target && result.target !== 'json' ? [result.target] : []
  return c.json(errorBody('invalid_input', 'The request is not valid', issuesOf(result.error, where)), 400)
}
