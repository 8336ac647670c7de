// Organisation API tokens for enterprise systems: created and revoked by the organisation's own
// people (or an admin), shown once, stored as SHA-256, accepted on the intake endpoints only.
import { randomBytes } from 'node:crypto'
import { and, desc, eq, isNull } from 'drizzle-orm'
import type { z } from 'zod'
import { apiTokens, organizations } from '../../db/schema'
import type { ApiToken, ApiTokenCreate, ApiTokenCreated as Created, ApiTokenRevoke } from '../../shared/token'
import { assertInScope, authorize } from '../auth/authorize'
import { hashToken } from '../auth/service'
import type { Actor, Deps } from '../context'
import { conflict, forbidden, invalid, notFound } from '../errors'
import { presentToken } from './present'

const TOKEN_PREFIX = 'cdk_'
const TOKEN_SHAPE = /^cdk_[A-Za-z0-9_-]{43}$/
/** Writing last_used_at on every call would cost a write per report: once a minute tells enough. */
const TOUCH_EVERY_MS = 60_000

export function createToken(deps: Deps, actor: Actor, input: z.output<typeof ApiTokenCreate>): Promise<z.output<typeof Created>> {
  const scope = authorize(actor, 'token.write')
  const organizationId = input.organizationId ?? actor.organizationId
  if (scope === 'org' && organizationId !== actor.organizationId) throw forbidden('token.write for another organisation')
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url')
  return deps.writer.run(actor.userId, (w) => {
    if (!w.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).get()) {
      throw invalid(['organizationId'], 'No such organisation')
    }
    const row = w.db
      .insert(apiTokens)
      .values({
        organizationId,
        name: input.name,
        prefix: secret.slice(0, 12),
        tokenHash: hashToken(secret),
        createdBy: actor.userId,
        createdAt: w.now,
      })
      .returning()
      .get()
    const token = presentToken(row)
    w.append({ type: 'token.created', entityType: 'token', entityId: row.id, orgIds: [organizationId], data: { token } })
    return { ...token, token: secret }
  })
}

export function listTokens(deps: Deps, actor: Actor): ApiToken[] {
  const scope = authorize(actor, 'token.read')
  return deps.db
    .select()
    .from(apiTokens)
    .where(scope === 'org' ? eq(apiTokens.organizationId, actor.organizationId) : undefined)
    .orderBy(desc(apiTokens.id))
    .all()
    .map(presentToken)
}

export function revokeToken(deps: Deps, actor: Actor, id: number, input: z.output<typeof ApiTokenRevoke>): Promise<ApiToken> {
  authorize(actor, 'token.write')
  return deps.writer.run(actor.userId, (w) => {
    const before = w.db.select().from(apiTokens).where(eq(apiTokens.id, id)).get()
    if (!before) throw notFound('Token')
    assertInScope(actor, 'token.write', before, 'Token')
    const row = w.db
      .update(apiTokens)
      .set({ revokedAt: w.now })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning()
      .get()
    if (!row) throw conflict('conflict', 'The token is already revoked')
    const token = presentToken(row)
    w.append({
      type: 'token.revoked',
      entityType: 'token',
      entityId: id,
      orgIds: [row.organizationId],
      data: { token, ...(input.reason ? { note: input.reason } : {}) },
    })
    return token
  })
}

/**
 * The actor behind an API token: an enterprise of the token's organisation, acting in the name of
 * the person who created the token. Null for an unknown or revoked token.
 */
export function actorForApiToken(deps: Deps, secret: string): Actor | null {
  if (!TOKEN_SHAPE.test(secret)) return null
  const row = deps.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(secret)), isNull(apiTokens.revokedAt)))
    .get()
  if (!row || row.createdBy === null) return null
  const now = deps.clock.now()
  if (row.lastUsedAt === null || now - row.lastUsedAt >= TOUCH_EVERY_MS) {
    // Bookkeeping, not a change of the desk's state: no event, and a failure here is no failure.
    deps.writer
      .run(null, (w) => w.db.update(apiTokens).set({ lastUsedAt: w.now }).where(eq(apiTokens.id, row.id)).run())
      .catch(() => {})
  }
  return {
    userId: row.createdBy,
    username: `token:${row.prefix}`,
    role: 'enterprise',
    organizationId: row.organizationId,
    crewId: null,
    tokenId: row.id,
  }
}
