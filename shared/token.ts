import { z } from 'zod'
import { Id, Timestamp, line } from './common'

export const ApiToken = z
  .object({
    id: Id,
    organizationId: Id,
    name: z.string(),
    prefix: z.string(),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiToken' })
export type ApiToken = z.infer<typeof ApiToken>

export const ApiTokenCreate = z.strictObject({ name: line(120), organizationId: Id.optional() }).meta({ id: 'ApiTokenCreate' })

/** The one answer that carries the secret: it is never shown again. */
export const ApiTokenCreated = ApiToken.extend({ token: z.string() }).meta({ id: 'ApiTokenCreated' })

/** Why a token is revoked (a leak, a retired system): kept in the event. */
export const ApiTokenRevoke = z.strictObject({ reason: line(500).optional() }).meta({ id: 'ApiTokenRevoke' })
