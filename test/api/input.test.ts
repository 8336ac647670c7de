// Bad input is a 4xx that names what is wrong, never a 500, and never written: in every refused
// case below the event log does not move and nothing is published.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ORIGIN, headSeq, testDesk, type Client, type Reply, type TestDesk } from '../helpers'

interface Fixture {
  desk: TestDesk
  admin: Client
  coordinator: Client
  incidentId: number
  crewId: number
  siteId: number
}

let built: Promise<Fixture> | null = null
function fixture(): Promise<Fixture> {
  built ??= (async () => {
    const desk = await testDesk()
    const [admin, coordinator] = await Promise.all([desk.as('admin'), desk.as('coordinator')])
    const snap = (await coordinator.get('/api/snapshot')).body
    return {
      desk,
      admin,
      coordinator,
      incidentId: snap.incidents[0].id,
      crewId: snap.crews[0].id,
      siteId: snap.sites[0].id,
    }
  })()
  return built
}

const JSON_WRITE = { origin: ORIGIN, 'content-type': 'application/json' }

const incident = (extra: Record<string, unknown> = {}) => ({
  kind: 'outage',
  severity: 'high',
  title: 'Mất sóng di động',
  lat: 10.35,
  lng: 107.08,
  ...extra,
})

/** Makes a call that must be refused, and checks the answer and that nothing was written. */
async function refused(f: Fixture, call: Promise<Reply>, status: number, code: string) {
  const seq = headSeq(f.desk.deps)
  const published = f.desk.published.length
  const res = await call
  assert.is(res.status, status, JSON.stringify(res.body))
  assert.is(res.body?.code, code, JSON.stringify(res.body))
  assert.type(res.body.message, 'string')
  assert.is(headSeq(f.desk.deps), seq, 'nothing appended')
  assert.is(f.desk.published.length, published, 'nothing published')
  return res
}

const paths = (res: Reply) => (res.body.details as { path: unknown[] }[]).map((d) => d.path)

test('malformed JSON is a 400 malformed_json', async () => {
  const f = await fixture()
  const c = f.coordinator
  for (const body of ['{', '{"title": }', "{'kind':'outage'}", '', 'undefined']) {
    await refused(
      f,
      c.raw('/api/incidents', { method: 'POST', headers: JSON_WRITE, body }),
      400,
      'malformed_json',
    )
  }
  await refused(
    f,
    c.raw(`/api/crews/${f.crewId}`, { method: 'PATCH', headers: JSON_WRITE, body: '{"members":' }),
    400,
    'malformed_json',
  )
  await refused(
    f,
    f.desk
      .anonymous()
      .raw('/api/auth/login', { method: 'POST', headers: JSON_WRITE, body: '{"username"' }),
    400,
    'malformed_json',
  )
})

test('a value of the wrong type is a 400 invalid_input naming the field', async () => {
  const f = await fixture()
  const c = f.coordinator
  const lat = await refused(
    f,
    c.post('/api/incidents', incident({ lat: 'north' })),
    400,
    'invalid_input',
  )
  assert.equal(paths(lat), [['lat']])
  const many = await refused(
    f,
    c.post('/api/incidents', incident({ severity: 5, services: ['mobile', 'telepathy'] })),
    400,
    'invalid_input',
  )
  assert.equal(paths(many).sort(), [['services', 1], ['severity']])
  const nested = await refused(
    f,
    c.post('/api/dispatches/1/status', { status: 'acknowledged', position: { lat: 'x', lng: 1 } }),
    400,
    'invalid_input',
  )
  assert.equal(paths(nested), [['position', 'lat']])
  const listed = await refused(
    f,
    c.post('/api/dispatches', {
      incidentId: f.incidentId,
      crewId: f.crewId,
      resourceIds: [1, 'two'],
      task: 'x',
    }),
    400,
    'invalid_input',
  )
  assert.equal(paths(listed), [['resourceIds', 1]])
  const infinite = await refused(
    f,
    c.raw('/api/incidents', {
      method: 'POST',
      headers: JSON_WRITE,
      body: '{"kind":"outage","severity":"low","title":"x","lat":1e400,"lng":107}',
    }),
    400,
    'invalid_input',
  )
  assert.equal(paths(infinite), [['lat']])
  const huge = await refused(
    f,
    c.post('/api/incidents', incident({ radiusM: 10 ** 9 })),
    400,
    'invalid_input',
  )
  assert.equal(paths(huge), [['radiusM']])
})

test('a bad path or query parameter is a 400 naming it', async () => {
  const f = await fixture()
  const c = f.coordinator
  assert.equal(paths(await refused(f, c.get('/api/incidents/abc'), 400, 'invalid_input')), [
    ['param', 'id'],
  ])
  assert.equal(
    paths(await refused(f, c.get('/api/incidents/99999999999999999999'), 400, 'invalid_input')),
    [['param', 'id']],
  )
  assert.equal(paths(await refused(f, c.get('/api/incidents?limit=abc'), 400, 'invalid_input')), [
    ['query', 'limit'],
  ])
  assert.equal(paths(await refused(f, c.get('/api/incidents?bbox=1,2'), 400, 'invalid_input')), [
    ['query', 'bbox'],
  ])
  assert.equal(paths(await refused(f, c.get('/api/incidents?status=gone'), 400, 'invalid_input')), [
    ['query', 'status', 0],
  ])
  const status = await refused(
    f,
    c.post('/api/incidents/0/status', { status: 'closed' }),
    400,
    'invalid_input',
  )
  assert.equal(paths(status), [['param', 'id']])
})

test('an unknown field is refused, at the top or nested', async () => {
  const f = await fixture()
  const c = f.coordinator
  const cases: [Promise<Reply>, unknown[]][] = [
    [c.post('/api/incidents', incident({ priority: 1 })), []],
    [
      c.post('/api/incidents', incident({ impact: { usersAffected: 10, mood: 'bad' } })),
      ['impact'],
    ],
    [c.patch(`/api/incidents/${f.incidentId}`, { status: 'closed' }), []],
    [c.post('/api/crews', { name: 'Đội mới', boss: 'me' }), []],
    [c.post(`/api/crews/${f.crewId}/position`, { lat: 10, lng: 107, speed: 3 }), []],
    [c.patch('/api/me', { locale: 'en', role: 'admin' }), []],
    [f.admin.patch('/api/users/2', { role: 'admin' }), []],
  ]
  for (const [call, path] of cases) {
    const res = await refused(f, call, 400, 'invalid_input')
    const issue = res.body.details.find((d: any) => d.code === 'unrecognized_keys')
    assert.ok(issue, JSON.stringify(res.body))
    assert.equal(issue.path, path)
  }
})

test('a body over 64 KiB is a 413 payload_too_large', async () => {
  const f = await fixture()
  const body = JSON.stringify(incident({ description: 'x'.repeat(65 * 1024) }))
  await refused(
    f,
    f.coordinator.raw('/api/incidents', { method: 'POST', headers: JSON_WRITE, body }),
    413,
    'payload_too_large',
  )
  await refused(
    f,
    f.desk.anonymous().raw('/api/auth/login', {
      method: 'POST',
      headers: JSON_WRITE,
      body: `{"username":"${'a'.repeat(70_000)}"}`,
    }),
    413,
    'payload_too_large',
  )
})

test('a body that is not JSON is a 415', async () => {
  const f = await fixture()
  const body = JSON.stringify(incident())
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
  ]) {
    await refused(
      f,
      f.coordinator.raw('/api/incidents', {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': type },
        body,
      }),
      415,
      'unsupported_media_type',
    )
  }
})

for (const field of ['title', 'description']) {
  for (const [name, bad] of [
    ['a lone surrogate', '\ud800'],
    ['a lone low surrogate', 'ok \udc00'],
    ['a NUL', 'a\u0000b'],
    ['an escape character', '\u001b[31m'],
  ]) {
    test(`${name} in the ${field} is refused, naming the field`, async () => {
      const f = await fixture()
      const res = await refused(
        f,
        f.coordinator.post('/api/incidents', incident({ [field]: bad })),
        400,
        'invalid_input',
      )
      assert.equal(paths(res), [[field]])
      const patch = await refused(
        f,
        f.coordinator.patch(`/api/incidents/${f.incidentId}`, { [field]: bad }),
        400,
        'invalid_input',
      )
      assert.equal(paths(patch), [[field]])
    })
  }
}

test('text is stored NFC and trimmed; Vietnamese passes untouched', async () => {
  const f = await fixture()
  const decomposed = '  Mất sóng tại Côn Đảo  '.normalize('NFD')
  const res = await f.coordinator.post(
    '/api/incidents',
    incident({ title: decomposed, radiusM: 0 }),
  )
  assert.is(res.status, 201, JSON.stringify(res.body))
  assert.is(res.body.title, 'Mất sóng tại Côn Đảo')
  assert.ok(res.body.title === res.body.title.normalize('NFC'))
})

test('a cookie write from a foreign origin is refused', async () => {
  const f = await fixture()
  const body = JSON.stringify(incident())
  const foreign: Record<string, string>[] = [
    { origin: 'https://evil.example' },
    { origin: 'http://localhost.evil.example' },
    { origin: 'null' },
    { origin: ORIGIN, 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
  ]
  for (const headers of foreign) {
    await refused(
      f,
      f.coordinator.raw('/api/incidents', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      }),
      403,
      'origin_refused',
    )
  }
})

test('a cookie write with neither Origin nor Sec-Fetch-Site is refused', async () => {
  const f = await fixture()
  const body = JSON.stringify({ locale: 'en' })
  await refused(
    f,
    f.coordinator.raw('/api/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body,
    }),
    403,
    'origin_refused',
  )
  await refused(f, f.coordinator.raw('/api/auth/logout', { method: 'POST' }), 403, 'origin_refused')
  assert.is((await f.coordinator.get('/api/me')).status, 200, 'the session still stands')
})

test('an unknown /api path is a 404 in JSON', async () => {
  const f = await fixture()
  for (const [method, path] of [
    ['GET', '/api/nope'],
    ['GET', '/api/incidents/1/nope'],
    ['POST', '/api/nope'],
    ['DELETE', `/api/incidents/${f.incidentId}`],
    ['PUT', `/api/incidents/${f.incidentId}`],
  ] as const) {
    const headers = method === 'GET' ? {} : JSON_WRITE
    const res = await refused(
      f,
      f.coordinator.raw(path, {
        method,
        headers,
        body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
      }),
      404,
      'not_found',
    )
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `${method} ${path}`)
  }
})

// Every route of the API, as the route files declare them.
/** Routes every release must keep; the document may hold more, and the sweep below covers them all. */
const CORE_ROUTES = [
  'post /api/auth/login',
  'get /api/snapshot',
  'post /api/incidents',
  'post /api/incidents/{id}/status',
  'post /api/dispatches',
  'post /api/dispatches/{id}/status',
  'post /api/links',
  'post /api/links/{id}/status',
]

async function openapiRoutes(f: Fixture): Promise<{ doc: any; routes: string[] }> {
  const res = await f.desk.anonymous().get('/api/openapi.json')
  assert.is(res.status, 200)
  const doc = res.body
  const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
    ([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`),
  )
  return { doc, routes }
}

test('GET /api/openapi.json is an OpenAPI 3.1 document listing every route', async () => {
  const f = await fixture()
  const { doc, routes } = await openapiRoutes(f)
  assert.match(doc.openapi, /^3\.1\./)
  assert.type(doc.info.title, 'string')
  for (const route of CORE_ROUTES) assert.ok(routes.includes(route), `${route} is documented`)
  // And nothing the app serves under /api is left out of it.
  const served = new Set(
    f.desk.app.routes
      .filter(
        (r) => r.method !== 'ALL' && r.path.startsWith('/api/') && r.path !== '/api/openapi.json',
      )
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
  )
  assert.equal([...served].sort(), [...routes].sort())
  for (const route of routes.filter((r) => !r.startsWith('get '))) {
    const [method, path] = route.split(' ') as [string, string]
    const op = doc.paths[path][method]
    if (route.endsWith('/logout')) continue
    assert.ok(op.requestBody?.content, `${route} documents its body`)
    assert.ok(op.responses['400'], `${route} documents its 400`)
  }
})

test('every write route answers a body of the wrong shape with a 400 and writes nothing', async () => {
  const f = await fixture()
  const { doc, routes } = await openapiRoutes(f)
  const writes = routes.filter((r) => /^(post|patch) /.test(r) && !r.endsWith('/logout'))
  for (const route of writes) {
    const [method, template] = route.split(' ') as [string, string]
    const path = template.replace('{id}', '1')
    const schema = doc.paths[template][method].requestBody?.content?.['application/json']?.schema
    if (!schema) continue
    // An empty object is a valid body where the schema requires nothing (a check-in, say).
    const resolved = schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema
    const needsSomething = (resolved?.required?.length ?? 0) > 0 || resolved?.minProperties > 0 || method === 'patch'
    for (const body of ['null', '[]', '"text"', '42', 'true', ...(needsSomething ? ['{}'] : []), '{"":{"":[]}}']) {
      const res = await refused(
        f,
        f.admin.raw(path, { method: method.toUpperCase(), headers: JSON_WRITE, body }),
        400,
        'invalid_input',
      )
      assert.ok(Array.isArray(res.body.details), `${route} ${body}`)
    }
  }
})

test('a patch leaves what it does not name as it was', async () => {
  // A site patched by name keeps its priority and the services it gets: the create schema's
  // defaults must not fill a patch in.
  const f = await fixture()
  const before = (await f.admin.get(`/api/sites/${f.siteId}`)).body
  assert.ok(
    before.services.length > 0 && before.priority !== 2,
    'a site with services and priority 1',
  )
  const res = await f.admin.patch(`/api/sites/${f.siteId}`, { name: 'Trung tâm chỉ huy (đổi tên)' })
  assert.is(res.status, 200, JSON.stringify(res.body))
  const after = (await f.admin.get(`/api/sites/${f.siteId}`)).body
  assert.is(after.name, 'Trung tâm chỉ huy (đổi tên)')
  assert.is(after.priority, before.priority)
  const key = (s: any) => `${s.organizationId}:${s.service}`
  assert.equal(after.services.map(key).sort(), before.services.map(key).sort())
})

test('a site renamed to a code another site holds is a 409, not a 500', async () => {
  const f = await fixture()
  const [first, second] = (await f.admin.get('/api/sites')).body
  const res = await refused(
    f,
    f.admin.patch(`/api/sites/${second.id}`, { code: first.code }),
    409,
    'conflict',
  )
  assert.equal(res.body.details, { path: ['code'] })
  assert.is((await f.admin.get(`/api/sites/${second.id}`)).body.code, second.code)
  const own = await f.admin.patch(`/api/sites/${second.id}`, { code: second.code })
  assert.is(own.status, 200, 'a site may keep its own code')
})

test.run()
