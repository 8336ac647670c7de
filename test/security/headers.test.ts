// Response headers: every answer, page or API, success or error, carries a Content-Security-Policy
// that allows no inline or eval'd script, no plugins, no framing and no <base>; and nosniff. The
// built pages need nothing the policy forbids (no inline script, no inline handlers), and every
// cookie the desk sets with a value is HttpOnly and SameSite.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { DIST_DIR } from '../../server/app'
import { ORIGIN, testDesk, type TestDesk } from '../helpers'

let built: Promise<TestDesk> | null = null
const desk = () => (built ??= testDesk())

/** The policy as a map from directive to its sources. */
function policy(header: string | null): Map<string, string[]> {
  assert.ok(header, 'a Content-Security-Policy header')
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  )
}

function assertStrict(res: Response, what: string) {
  const csp = policy(res.headers.get('content-security-policy'))
  const scripts = csp.get('script-src') ?? csp.get('default-src')
  assert.ok(scripts, `${what}: script-src or default-src`)
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'data:', 'http:', 'https:']) {
    assert.not.ok(scripts!.includes(bad), `${what}: scripts allow ${bad}`)
  }
  assert.equal(csp.get('object-src'), ["'none'"], `${what}: object-src`)
  assert.equal(csp.get('frame-ancestors'), ["'none'"], `${what}: frame-ancestors`)
  assert.equal(csp.get('base-uri'), ["'none'"], `${what}: base-uri`)
  assert.is(res.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`)
}

test('every kind of response carries the strict policy and nosniff', async () => {
  const d = await desk()
  const coordinator = await d.as('coordinator')
  const requests: [string, RequestInit?][] = [
    ['/'],
    ['/field'],
    ['/report'],
    ['/assets/does-not-exist.js'],
    ['/api/config'],
    ['/api/openapi.json'],
    ['/api/snapshot'], // 401
    ['/api/nope'], // 404
    ['/api/incidents', { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: '{' }], // 400
    ['/api/incidents', { method: 'POST', headers: { origin: 'https://evil.example' } }], // 403
  ]
  for (const [path, init] of requests) assertStrict(await d.app.request(path, init), `${init?.method ?? 'GET'} ${path}`)
  const signedIn = await d.app.request('/api/snapshot', { headers: { cookie: coordinator.cookie! } })
  assert.is(signedIn.status, 200)
  assertStrict(signedIn, 'GET /api/snapshot signed in')
})

test('the built pages need nothing the policy forbids: no inline script, no inline handler', () => {
  assert.ok(existsSync(DIST_DIR), 'the web app is built (npm test builds it first)')
  const pages = readdirSync(DIST_DIR).filter((f) => f.endsWith('.html'))
  assert.ok(pages.length >= 3, `pages: ${pages.join(', ')}`)
  for (const page of pages) {
    const html = readFileSync(join(DIST_DIR, page), 'utf8')
    for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) assert.match(tag, /\bsrc=/, `${page}: ${tag}`)
    assert.not.match(html, /<script\b[^>]*>\s*[^<\s]/i, `${page}: a script with a body`)
    assert.not.match(html, /\son[a-z]+\s*=/i, `${page}: an inline event handler`)
    assert.not.match(html, /javascript:/i, `${page}: a javascript: URL`)
  }
})

test('every cookie set with a value is HttpOnly and SameSite', async () => {
  const d = await desk()
  const res = await d.anonymous().post('/api/auth/login', { username: 'observer', password: 'commsdesk-demo' })
  assert.is(res.status, 200)
  const cookies = res.headers.getSetCookie()
  assert.ok(cookies.length > 0, 'signing in sets a cookie')
  for (const cookie of cookies) {
    const [pair, ...attrs] = cookie.split(';').map((s) => s.trim().toLowerCase())
    if (pair!.endsWith('=')) continue
    assert.ok(attrs.includes('httponly'), `${cookie}: HttpOnly`)
    assert.ok(attrs.some((a) => /^samesite=(lax|strict)$/.test(a)), `${cookie}: SameSite`)
    assert.ok(attrs.includes('path=/'), `${cookie}: Path=/`)
  }
})

test.run()
