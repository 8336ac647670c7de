import type { apiTokens } from '../../db/schema'
import type { ApiToken } from '../../shared/token'

export type ApiTokenRow = typeof apiTokens.$inferSelect

/** A token as lists show it: never its secret or hash, only the prefix that tells tokens apart. */
export function presentToken(r: ApiTokenRow): ApiToken {
  return {
    id: r.id,
    organizationId: r.organizationId,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }
}
