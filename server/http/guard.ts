// Request guards for the API: who is calling, and whether a write came from our own pages.
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { actorForToken, SESSION_COOKIE } from '../auth/service'
import type { Actor, Deps } from '../context'
import { DomainError } from '../errors'
import { acceptsApiToken, CSV_PATHS } from '../intake/paths'
import { actorForApiToken } from '../tokens/service'
import type { Env } from './env'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function sessionActor(deps: Deps): MiddlewareHandler<Env> {
  return async function sessionActor(c, next) {
    const bearer = /^Bearer\s+(.*)$/i.exec(c.req.header('authorization') ?? '')
    if (bearer) {
      // A machine's token opens the intake endpoints and nothing else; the cookie is not consulted.
      if (!acceptsApiToken(c.req.method, c.req.path)) {
        throw new DomainError(401, 'unauthenticated', 'API tokens are accepted only on the intake endpoints')
      }
      const actor = actorForApiToken(deps, bearer[1]!.trim())
      if (!actor) throw new DomainError(401, 'unauthenticated', 'Unknown or revoked API token')
      c.set('token', undefined)
      c.set('actor', actor)
      return next()
    }
    const token = getCookie(c, SESSION_COOKIE)
    c.set('token', token)
    c.set('actor', actorForToken(deps, token))
    await next()
  }
}

export function sameOriginWrites(): MiddlewareHandler<Env> {
  return async function sameOriginWrites(c, next) {
    if (!UNSAFE.has(c.req.method)) return next()
    // A token is not sent by the browser on its own, so a token write needs no proof of origin.
    const byToken = c.get('actor')?.tokenId !== undefined
    const site = c.req.header('sec-fetch-site')
    const origin = c.req.header('origin')
    const own = new URL(c.req.url).host
    const foreign =
      (site !== undefined && site !== 'same-origin' && site !== 'none') ||
      (origin !== undefined && safeHost(origin) !== own)
    // A cookie write with neither header cannot prove where it came from, so it is refused too.
    if (!byToken && (foreign || (c.get('token') && site === undefined && origin === undefined))) {
      throw new DomainError(403, 'origin_refused', 'Writes must come from this site')
    }
    const type = c.req.header('content-type') ?? ''
    const hasBody = c.req.header('content-length') !== '0' && (c.req.header('content-length') || c.req.header('transfer-encoding'))
    // The CSV endpoints take the file as it is; every other body is JSON.
    if (hasBody && CSV_PATHS.has(c.req.path)) {
      if (!/^text\/csv\b/i.test(type)) throw new DomainError(415, 'unsupported_media_type', 'Send the file as Content-Type: text/csv')
    } else if (hasBody && !/^application\/json\b/i.test(type)) {
      throw new DomainError(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json)')
    }
    return next()
  }
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

export function requireActor(c: { get(key: 'actor'): Actor | null }): Actor {
  const actor = c.get('actor')
  if (!actor) throw new DomainError(401, 'unauthenticated', 'Sign in first')
  return actor
}
