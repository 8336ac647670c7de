// Typed domain errors. Services throw them; the one handler in http/errors.ts maps them to HTTP.
import type { ErrorCode } from '../shared/errors'

export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new DomainError(404, 'not_found', `${what} not found`)
export const forbidden = (action: string) =>
  new DomainError(403, 'forbidden', `Your role may not do this: ${action}`)
export const conflict = (code: ErrorCode, message: string, details?: unknown) =>
  new DomainError(409, code, message, details)
export const invalid = (path: (string | number)[], message: string) =>
  new DomainError(400, 'invalid_input', message, [{ path, message, code: 'custom' }])
