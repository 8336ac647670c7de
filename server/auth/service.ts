import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, sql } from 'drizzle-orm'
import type { z } from 'zod'
import { loginThrottle, organizations, sessions, users } from '../../db/schema'
import type { Me } from '../../shared/snapshot'
import type { Login } from '../../shared/user'
import type { Db } from '../../db/client'
import type { Actor, Deps } from '../context'
import { DomainError } from '../errors'
import { presentUser } from '../directory/present'
import { dummyHash, verifyPassword } from './password'

export const SESSION_COOKIE = 'cd_session'
const MAX_FAILURES = 5
const FAILURE_WINDOW_MS = 15 * 60_000
const LOCK_MS = 15 * 60_000

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export interface LoginResult {
  token: string
  me: Me
  expiresAt: number
}

/** Password checks under way per username (one process: this is the whole truth). */
const inFlight = new Map<string, number>()

const badCredentials = () => new DomainError(401, 'invalid_credentials', 'Wrong username or password')

export async function login(deps: Deps, input: z.output<typeof Login>): Promise<LoginResult> {
  const username = input.username.toLowerCase()
  const now = deps.clock.now()
  const throttle = deps.db.select().from(loginThrottle).where(eq(loginThrottle.username, username)).get()
  // Failures count within their window, and not once a lock they caused has been served.
  const served = throttle !== undefined && throttle.lockedUntil !== 0 && throttle.lockedUntil <= now
  const recent = throttle && !served && now - throttle.windowStart <= FAILURE_WINDOW_MS ? throttle.failures : 0
  // Guesses still being checked count too, so a burst in parallel cannot outrun the lock.
  const checking = inFlight.get(username) ?? 0
  if ((throttle && throttle.lockedUntil > now) || recent + checking >= MAX_FAILURES) {
    const until = throttle && throttle.lockedUntil > now ? throttle.lockedUntil : now + LOCK_MS
    throw new DomainError(429, 'too_many_attempts', 'Too many failed attempts; try again later', {
      retryAfterSeconds: Math.ceil((until - now) / 1000),
    })
  }
  const user = deps.db.select().from(users).where(eq(users.username, username)).get()
  inFlight.set(username, checking + 1)
  let ok: boolean
  try {
    ok =
      user && !user.disabled
        ? await verifyPassword(user.passwordHash, input.password)
        : (await verifyPassword(await dummyHash(), input.password), false)
  } finally {
    const left = (inFlight.get(username) ?? 1) - 1
    if (left > 0) inFlight.set(username, left)
    else inFlight.delete(username)
  }
  if (!ok || !user) {
    await deps.writer.run(null, (w) => {
      const t = w.db.select().from(loginThrottle).where(eq(loginThrottle.username, username)).get()
      const fresh = !t || w.now - t.windowStart > FAILURE_WINDOW_MS || (t.lockedUntil !== 0 && t.lockedUntil <= w.now)
      const failures = fresh ? 1 : t.failures + 1
      const row = { failures, windowStart: fresh ? w.now : t.windowStart, lockedUntil: failures >= MAX_FAILURES ? w.now + LOCK_MS : 0 }
      w.db.insert(loginThrottle).values({ username, ...row }).onConflictDoUpdate({ target: loginThrottle.username, set: row }).run()
    })
    throw badCredentials()
  }
  const token = randomBytes(32).toString('base64url')
  const expiresAt = now + deps.config.SESSION_DAYS * 86_400_000
  await deps.writer.run(user.id, (w) => {
    w.db.delete(loginThrottle).where(eq(loginThrottle.username, username)).run()
    w.db.insert(sessions).values({ tokenHash: hashToken(token), userId: user.id, createdAt: w.now, expiresAt, lastSeenAt: w.now }).run()
    w.append({ type: 'user.logged_in', entityType: 'user', entityId: user.id, data: {} })
  })
  return { token, expiresAt, me: getMe(deps, user.id) }
}

export async function logout(deps: Deps, actor: Actor, token: string): Promise<void> {
  await deps.writer.run(actor.userId, (w) => {
    w.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))).run()
    w.append({ type: 'user.logged_out', entityType: 'user', entityId: actor.userId, data: {} })
  })
}

/** The actor behind a session token, or null for a missing, expired or disabled one. */
export function actorForToken(deps: Deps, token: string | undefined): Actor | null {
  if (!token || token.length > 200) return null
  return actorForSession(deps, hashToken(token))
}

// Every request asks this, so it is prepared once per database rather than built and compiled each time.
const sessionUser = new WeakMap<Db, ReturnType<typeof prepareSessionUser>>()
function prepareSessionUser(db: Db) {
  return db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('hash')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare()
}

export function actorForSession(deps: Deps, tokenHash: string): Actor | null {
  let query = sessionUser.get(deps.db)
  if (!query) sessionUser.set(deps.db, (query = prepareSessionUser(deps.db)))
  const row = query.get({ hash: tokenHash, now: deps.clock.now() })
  if (!row || row.user.disabled) return null
  const u = row.user
  return { userId: u.id, username: u.username, role: u.role, organizationId: u.organizationId, crewId: u.crewId }
}

export function getMe(deps: Deps, userId: number): Me {
  const row = deps.db
    .select({ user: users, orgName: organizations.name })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId))
    .get()
  if (!row) throw new DomainError(401, 'unauthenticated', 'Sign in first')
  return { ...presentUser(row.user), organizationName: row.orgName }
}
