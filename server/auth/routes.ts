import { createRoute } from '@hono/zod-openapi'
import { deleteCookie, setCookie } from 'hono/cookie'
import { Ok } from '../../shared/common'
import { Me } from '../../shared/snapshot'
import { Login, MyPreferences, User } from '../../shared/user'
import type { Deps } from '../context'
import { updateMyPreferences } from '../directory/service'
import { requireActor } from '../http/guard'
import { jsonBody, newRouter, ok } from '../http/openapi'
import { getMe, login, logout, SESSION_COOKIE } from './service'

const tags = ['Auth']

export function authRoutes(deps: Deps) {
  const r = newRouter()
  r.openapi(
    createRoute({ method: 'post', path: '/auth/login', tags, request: { body: jsonBody(Login) }, responses: ok(Me, 'Signed in; sets the session cookie') }),
    async (c) => {
      const result = await login(deps, c.req.valid('json'))
      setCookie(c, SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: new URL(c.req.url).protocol === 'https:',
        path: '/',
        expires: new Date(result.expiresAt),
      })
      return c.json(result.me, 200)
    },
  )
  r.openapi(createRoute({ method: 'post', path: '/auth/logout', tags, responses: ok(Ok) }), async (c) => {
    const actor = requireActor(c)
    await logout(deps, actor, c.get('token')!)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.json({ ok: true as const }, 200)
  })
  r.openapi(createRoute({ method: 'get', path: '/me', tags, responses: ok(Me) }), (c) =>
    c.json(getMe(deps, requireActor(c).userId), 200),
  )
  r.openapi(
    createRoute({ method: 'patch', path: '/me', tags, request: { body: jsonBody(MyPreferences) }, responses: ok(User) }),
    async (c) => c.json(await updateMyPreferences(deps, requireActor(c), c.req.valid('json')), 200),
  )
  return r
}
