import { z } from 'zod'

export const ERROR_CODES = [
  'invalid_input',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'unauthenticated',
  'invalid_credentials',
  'too_many_attempts',
  'forbidden',
  'origin_refused',
  'not_found',
  'invalid_transition',
  'crew_unavailable',
  'resource_unavailable',
  'incident_not_open',
  'conflict',
  'idempotency_mismatch',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export const ErrorIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.string(),
})
export type ErrorIssue = z.infer<typeof ErrorIssue>

export const ApiError = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional(),
  })
  .meta({ id: 'Error' })
export type ApiError = z.infer<typeof ApiError>
