// Cross-site request forgery. A page on another site can make the browser send our cookie with a
// form post (urlencoded, multipart or text/plain: no preflight) or with fetch in no-cors mode. The
// desk refuses every such write with 403 origin_refused, on every write route of the API document,
// and writes nothing. The origin is checked before the content type, so a cross-site form is a 403
// whatever it sends; a same-origin request with a form body is a 415 (the body is the reason),
// and same-origin JSON works.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { eventsAfter, headSeq, ORIGIN, testDesk, type Client, type TestDesk } from '../helpers'

interface Fixture {
  desk: TestDesk
  admin: Client
  coordinator: Client
  /** Every unsafe route of the API document, its path parameters filled with an existing id. */
  writes: { method: string; path: string }[]
}

let built: Promise<Fixture> | null = null
const fixture = () => (built ??= build())

async function build(): Promise<Fixture> {
  const desk = await testDesk()
  const [admin, coordinator] = await Promise.all([desk.as('admin'), desk.as('coordinator')])
  const doc = (await desk.anonymous().get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> }
  const writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{[^}]+\}/g, '1') })),
  )
  return { desk, admin, coordinator, writes }
}

const EVIL = 'https://evil.example'

/** The bodies a cross-site HTML form or a no-cors fetch can send without a preflight. */
function formBodies(): { type: string; body: BodyInit }[] {
  const multipart = new FormData()
  multipart.set('kind', 'outage')
  multipart.set('title', 'Giả mạo')
  return [
    { type: 'application/x-www-form-urlencoded', body: 'kind=outage&severity=high&title=Gi%E1%BA%A3+m%E1%BA%A1o' },
    // fetch sets multipart's boundary itself
    { type: '', body: multipart },
    { type: 'text/plain', body: '{"kind":"outage","severity":"high","title":"Giả mạo","lat":10.4,"lng":107.1}' },
  ]
}

/** How the browser marks a request another site made: by Origin, by Fetch Metadata, or both. */
const CROSS_SITE: Record<string, string>[] = [
  { origin: EVIL },
  { 'sec-fetch-site': 'cross-site' },
  { origin: EVIL, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
  // A form inside a sandboxed frame, or posted from a data: URL, says Origin: null.
  { origin: 'null' },
]

async function refusedAndNothingWritten(f: Fixture, c: Client, method: string, path: string, init: RequestInit, what: string) {
  const seq = headSeq(f.desk.deps)
  const published = f.desk.published.length
  const res = await c.raw(path, { method, ...init })
  assert.is(res.status, 403, `${what}: ${res.status} ${JSON.stringify(res.body)}`)
  assert.is(res.body.code, 'origin_refused', what)
  assert.equal(eventsAfter(f.desk.deps, seq), [], `${what}: nothing appended`)
  assert.is(f.desk.published.length, published, `${what}: nothing published`)
}

test('a cross-site form post is refused on every write route, whatever its encoding', async () => {
  const f = await fixture()
  assert.ok(f.writes.length >= 20, `the API document lists the write routes (${f.writes.length})`)
  for (const { method, path } of f.writes) {
    for (const site of CROSS_SITE) {
      for (const { type, body } of formBodies()) {
        const headers: Record<string, string> = { ...site, ...(type ? { 'content-type': type } : {}) }
        await refusedAndNothingWritten(f, f.admin, method, path, { headers, body }, `${method} ${path} ${JSON.stringify(site)} ${type || 'multipart'}`)
      }
    }
  }
})

test('a cross-site JSON write marked by Fetch Metadata alone is refused on every write route', async () => {
  const f = await fixture()
  for (const { method, path } of f.writes) {
    for (const site of ['cross-site', 'same-site']) {
      await refusedAndNothingWritten(
        f,
        f.admin,
        method,
        path,
        { headers: { 'sec-fetch-site': site, 'content-type': 'application/json' }, body: '{}' },
        `${method} ${path} Sec-Fetch-Site: ${site}`,
      )
    }
  }
})

test('signing in and out from another site is refused too (login CSRF, forced logout)', async () => {
  const f = await fixture()
  const login = JSON.stringify({ username: 'coordinator', password: 'commsdesk-demo' })
  for (const site of CROSS_SITE) {
    const anonymous = f.desk.anonymous()
    const res = await anonymous.raw('/api/auth/login', { method: 'POST', headers: { ...site, 'content-type': 'application/json' }, body: login })
    assert.is(res.status, 403, JSON.stringify(site))
    assert.is(res.headers.get('set-cookie'), null, 'no session cookie was set')
    await refusedAndNothingWritten(f, f.coordinator, 'POST', '/api/auth/logout', { headers: site }, `logout ${JSON.stringify(site)}`)
  }
  assert.is((await f.coordinator.get('/api/me')).status, 200, 'the session survived the forged logouts')
})

test('a same-origin request with a form body is a 415: the content type is the reason', async () => {
  const f = await fixture()
  for (const { type, body } of formBodies()) {
    const res = await f.coordinator.raw('/api/incidents', {
      method: 'POST',
      headers: { origin: ORIGIN, ...(type ? { 'content-type': type } : {}) },
      body,
    })
    assert.is(res.status, 415, `${type || 'multipart'}: ${JSON.stringify(res.body)}`)
    assert.is(res.body.code, 'unsupported_media_type')
  }
})

test('same-origin JSON works, by Origin or by Fetch Metadata', async () => {
  const f = await fixture()
  const report = { kind: 'outage', severity: 'high', title: 'Mất sóng thật', lat: 10.41, lng: 107.14, radiusM: 0 }
  const ways: Record<string, string>[] = [{ origin: ORIGIN }, { 'sec-fetch-site': 'same-origin' }, { origin: ORIGIN, 'sec-fetch-site': 'same-origin' }]
  for (const headers of ways) {
    const res = await f.coordinator.raw('/api/incidents', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(report),
    })
    assert.is(res.status, 201, `${JSON.stringify(headers)}: ${JSON.stringify(res.body)}`)
  }
})

test.run()
