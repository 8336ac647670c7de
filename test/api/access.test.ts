// The permission table, enforced by the server: every write route refuses every role the table
// gives no cell (403) and anyone signed out (401), leaving no event; and the scopes hold: an
// enterprise sees its own organisation, a crew its own dispatches, an observer reads only.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ROLES, type Role } from '../../shared/enums'
import { can, type Action } from '../../shared/permissions'
import { eventsAfter, headSeq, testDesk, type Client, type Reply, type TestDesk } from '../helpers'

interface Fixture {
  desk: TestDesk
  /** A signed-in client per demo user; each role's demo user is named after the role. */
  as: Record<Role | 'enterprise2' | 'crew2', Client>
  anonymous: Client
  vnpt: number
  viettel: number
  crewId: number
  crew2Id: number
  crewUserId: number
  /** VNPT's incident the crew is dispatched to, and Viettel's that crew2 is dispatched to. */
  vnptIncident: number
  viettelIncident: number
  /** An incident nobody is dispatched to. */
  idleIncident: number
  dispatch: number
  dispatch2: number
  link: number
  resource: number
  siteId: number
}

const quietIncident = (title: string) => ({
  kind: 'outage',
  severity: 'medium',
  title,
  lat: 10.4,
  lng: 107.2,
  radiusM: 0,
  services: [],
})

let built: Promise<Fixture> | null = null
function fixture(): Promise<Fixture> {
  built ??= build()
  return built
}

async function build(): Promise<Fixture> {
  const desk = await testDesk()
  const names = ['admin', 'coordinator', 'observer', 'enterprise', 'enterprise2', 'crew', 'crew2']
  const clients = await Promise.all(names.map((n) => desk.as(n)))
  const as = Object.fromEntries(names.map((n, i) => [n, clients[i]])) as Fixture['as']
  const ok = <T>(res: Reply<T>, status: number) => {
    assert.is(res.status, status, JSON.stringify(res.body))
    return res.body as any
  }
  const snap = ok(await as.coordinator.get('/api/snapshot'), 200)
  const org = (code: string) => snap.organizations.find((o: any) => o.code === code).id
  const crewMe = ok(await as.crew.get('/api/me'), 200)
  const crew2Me = ok(await as.crew2.get('/api/me'), 200)
  const vnptIncident = ok(await as.enterprise.post('/api/incidents', quietIncident('VNPT')), 201).id
  const viettelIncident = ok(
    await as.enterprise2.post('/api/incidents', quietIncident('Viettel')),
    201,
  ).id
  const idleIncident = ok(await as.enterprise.post('/api/incidents', quietIncident('Idle')), 201).id
  const dispatch = ok(
    await as.coordinator.post('/api/dispatches', {
      incidentId: vnptIncident,
      crewId: crewMe.crewId,
      task: 'Kiểm tra tuyến cáp',
    }),
    201,
  ).id
  const dispatch2 = ok(
    await as.coordinator.post('/api/dispatches', {
      incidentId: viettelIncident,
      crewId: crew2Me.crewId,
      task: 'Kiểm tra trạm',
    }),
    201,
  ).id
  const siteId = snap.sites[0].id
  const link = ok(
    await as.coordinator.post('/api/links', { siteId, kind: 'vsat', dispatchId: dispatch }),
    201,
  ).id
  const resource = snap.resources.find((r: any) => r.crewId === crewMe.crewId).id
  return {
    desk,
    as,
    anonymous: desk.anonymous(),
    vnpt: org('vnpt'),
    viettel: org('viettel'),
    crewId: crewMe.crewId,
    crew2Id: crew2Me.crewId,
    crewUserId: crewMe.id,
    vnptIncident,
    viettelIncident,
    idleIncident,
    dispatch,
    dispatch2,
    link,
    resource,
    siteId,
  }
}

interface WriteRoute {
  method: 'POST' | 'PATCH'
  path: string
  body?: unknown
  /** The table row that decides; none for routes every signed-in user may call. */
  action: Action | null
}

/** Every write route of the API, each with a body its schema accepts. */
function writeRoutes(f: Fixture): WriteRoute[] {
  const incident = `/api/incidents/${f.vnptIncident}`
  const dispatch = `/api/dispatches/${f.dispatch}`
  const crew = `/api/crews/${f.crewId}`
  const resource = `/api/resources/${f.resource}`
  const status = (action: Action, body: unknown): WriteRoute => ({
    method: 'POST',
    path: `${incident}/status`,
    body,
    action,
  })
  return [
    { method: 'POST', path: '/api/incidents', body: quietIncident('x'), action: 'incident.create' },
    { method: 'PATCH', path: incident, body: { severity: 'high' }, action: 'incident.update' },
    status('incident.acknowledge', { status: 'acknowledged' }),
    status('incident.respond', { status: 'responding' }),
    status('incident.mitigate', { status: 'mitigated' }),
    status('incident.resolve', { status: 'resolved', note: 'Đã khôi phục' }),
    status('incident.cancel', { status: 'cancelled', note: 'Báo nhầm' }),
    status('incident.close', { status: 'closed' }),
    status('incident.mark_duplicate', { status: 'cancelled', duplicateOf: f.idleIncident }),
    {
      method: 'POST',
      path: '/api/dispatches',
      body: { incidentId: f.idleIncident, crewId: f.crewId, task: 'x' },
      action: 'dispatch.create',
    },
    {
      method: 'POST',
      path: `${dispatch}/status`,
      body: { status: 'acknowledged' },
      action: 'dispatch.progress',
    },
    {
      method: 'POST',
      path: `${dispatch}/status`,
      body: { status: 'cancelled', reason: 'Không cần nữa' },
      action: 'dispatch.cancel',
    },
    {
      method: 'POST',
      path: '/api/links',
      body: { siteId: f.siteId, kind: 'vsat', dispatchId: f.dispatch },
      action: 'link.create',
    },
    {
      method: 'POST',
      path: `/api/links/${f.link}/status`,
      body: { status: 'establishing' },
      action: 'link.status',
    },
    { method: 'POST', path: '/api/crews', body: { name: 'Đội mới' }, action: 'crew.create' },
    { method: 'PATCH', path: crew, body: { members: 3 }, action: 'crew.update' },
    { method: 'POST', path: `${crew}/status`, body: { status: 'off_duty' }, action: 'crew.status' },
    {
      method: 'POST',
      path: `${crew}/position`,
      body: { lat: 10.4, lng: 107.1 },
      action: 'crew.position',
    },
    {
      method: 'POST',
      path: '/api/resources',
      body: { kind: 'generator', name: 'Máy phát mới' },
      action: 'resource.create',
    },
    { method: 'PATCH', path: resource, body: { capacity: '10 kVA' }, action: 'resource.update' },
    {
      method: 'POST',
      path: `${resource}/status`,
      body: { status: 'maintenance' },
      action: 'resource.status',
    },
    {
      method: 'POST',
      path: `${resource}/position`,
      body: { lat: 10.4, lng: 107.1 },
      action: 'resource.position',
    },
    {
      method: 'POST',
      path: '/api/organizations',
      body: { code: 'fpt', name: 'FPT Telecom', kind: 'telecom' },
      action: 'organization.write',
    },
    {
      method: 'PATCH',
      path: `/api/organizations/${f.vnpt}`,
      body: { phone: '+84000' },
      action: 'organization.write',
    },
    {
      method: 'POST',
      path: '/api/sites',
      body: {
        code: 'TEST-1',
        name: 'Điểm bầu cử thử',
        kind: 'polling_station',
        areaId: 1,
        lat: 10.4,
        lng: 107.2,
      },
      action: 'site.write',
    },
    {
      method: 'PATCH',
      path: `/api/sites/${f.siteId}`,
      body: { priority: 3 },
      action: 'site.write',
    },
    {
      method: 'POST',
      path: '/api/users',
      body: {
        username: 'newcomer',
        displayName: 'Người mới',
        password: 'a long enough password',
        role: 'coordinator',
        organizationId: f.vnpt,
      },
      action: 'user.write',
    },
    {
      method: 'PATCH',
      path: `/api/users/${f.crewUserId}`,
      body: { disabled: true },
      action: 'user.write',
    },
    { method: 'PATCH', path: '/api/me', body: { locale: 'en' }, action: null },
    { method: 'POST', path: '/api/auth/logout', action: null },
  ]
}

const send = (c: Client, r: WriteRoute) =>
  r.method === 'POST' ? c.post(r.path, r.body) : c.patch(r.path, r.body)

/** Runs a request that must be refused and checks that it left nothing behind. */
async function refused(f: Fixture, call: () => Promise<Reply>, status: number, code: string) {
  const seq = headSeq(f.desk.deps)
  const published = f.desk.published.length
  const res = await call()
  assert.is(res.status, status, JSON.stringify(res.body))
  assert.is(res.body.code, code)
  assert.equal(eventsAfter(f.desk.deps, seq), [], 'nothing appended')
  assert.is(f.desk.published.length, published, 'nothing published')
  return res
}

// The route list is built from a fixture; its shape (methods, paths, actions) does not depend on
// ids, so a stand-in whose every id is 0 lists the cases for naming the tests.
const SHAPE = writeRoutes(new Proxy({}, { get: () => 0 }) as Fixture)

const labelled = new Set<string>()
SHAPE.forEach((shape, i) => {
  const label = `${shape.method} ${shape.path.replace(/\/0(?=\/|$)/g, '/:id')}`
  if (!labelled.has(label)) {
    labelled.add(label)
    test(`anyone signed out is refused ${label}`, async () => {
      const f = await fixture()
      await refused(f, () => send(f.anonymous, writeRoutes(f)[i]!), 401, 'unauthenticated')
    })
  }
  if (!shape.action) return
  for (const role of ROLES.filter((r) => !can(r, shape.action!))) {
    test(`${role} may not ${label} (${shape.action})`, async () => {
      const f = await fixture()
      await refused(f, () => send(f.as[role], writeRoutes(f)[i]!), 403, 'forbidden')
    })
  }
})

test('every write route has a forbidden-role case or is open to every signed-in user', () => {
  for (const r of SHAPE) {
    if (r.action)
      assert.ok(
        ROLES.some((role) => !can(role, r.action!)),
        `${r.method} ${r.path}`,
      )
    else assert.ok(['/api/me', '/api/auth/logout'].includes(r.path), r.path)
  }
})

test('an enterprise neither reads nor changes another organisation’s incident', async () => {
  const f = await fixture()
  const other = `/api/incidents/${f.viettelIncident}`
  assert.is((await f.as.enterprise2.get(other)).status, 200, 'its own organisation reads it')
  assert.is((await f.as.enterprise.get(other)).status, 404)
  await refused(f, () => f.as.enterprise.patch(other, { severity: 'low' }), 404, 'not_found')
  await refused(
    f,
    () => f.as.enterprise.post(`${other}/status`, { status: 'resolved', note: 'x' }),
    404,
    'not_found',
  )
  await refused(
    f,
    () => f.as.enterprise.post(`${other}/status`, { status: 'cancelled', note: 'x' }),
    404,
    'not_found',
  )
  const list = (await f.as.enterprise.get('/api/incidents?limit=500')).body.items
  assert.ok(
    list.some((i: any) => i.id === f.vnptIncident),
    'it lists its own',
  )
  assert.ok(
    list.every((i: any) => i.organizationId === f.vnpt),
    'and only its own',
  )
  const filtered = await f.as.enterprise.get(`/api/incidents?organizationId=${f.viettel}`)
  assert.equal(filtered.body.items, [])
  const snap = (await f.as.enterprise.get('/api/snapshot')).body
  assert.ok(
    snap.incidents.every((i: any) => i.organizationId === f.vnpt),
    'nor in its snapshot',
  )
})

test('an enterprise cannot change another organisation’s crew or equipment', async () => {
  const f = await fixture()
  const e2 = f.as.enterprise2
  const crew = `/api/crews/${f.crewId}`
  const resource = `/api/resources/${f.resource}`
  assert.is((await f.as.enterprise.get(crew)).status, 200, 'VNPT reads its own crew')
  assert.is((await e2.get(crew)).status, 404)
  assert.is((await e2.get(resource)).status, 404)
  await refused(f, () => e2.patch(crew, { members: 5 }), 404, 'not_found')
  await refused(f, () => e2.post(`${crew}/status`, { status: 'off_duty' }), 404, 'not_found')
  await refused(f, () => e2.post(`${crew}/position`, { lat: 10.4, lng: 107.1 }), 404, 'not_found')
  await refused(f, () => e2.patch(resource, { name: 'Của tôi' }), 404, 'not_found')
  await refused(f, () => e2.post(`${resource}/status`, { status: 'maintenance' }), 404, 'not_found')
  await refused(
    f,
    () => e2.post(`${resource}/position`, { lat: 10.4, lng: 107.1 }),
    404,
    'not_found',
  )
  const crews = (await e2.get('/api/crews')).body
  assert.ok(crews.length > 0 && crews.every((c: any) => c.organizationId === f.viettel))
  const resources = (await e2.get('/api/resources')).body
  assert.ok(resources.length > 0 && resources.every((r: any) => r.organizationId === f.viettel))
})

test('a crew cannot move another crew’s dispatch', async () => {
  const f = await fixture()
  const path = `/api/dispatches/${f.dispatch}`
  assert.is((await f.as.crew2.get(path)).status, 404)
  await refused(
    f,
    () => f.as.crew2.post(`${path}/status`, { status: 'acknowledged' }),
    404,
    'not_found',
  )
  assert.is((await f.as.coordinator.get(path)).body.status, 'sent')
})

test('a crew cannot cancel its own dispatch', async () => {
  const f = await fixture()
  const path = `/api/dispatches/${f.dispatch}`
  await refused(
    f,
    () => f.as.crew.post(`${path}/status`, { status: 'cancelled', reason: 'Không đi' }),
    403,
    'forbidden',
  )
  assert.is((await f.as.crew.get(path)).body.status, 'sent')
})

test('a crew lists only its own dispatches', async () => {
  const f = await fixture()
  const all = (await f.as.coordinator.get('/api/dispatches')).body.map((d: any) => d.id)
  assert.ok(
    all.includes(f.dispatch) && all.includes(f.dispatch2),
    'there are two crews’ dispatches',
  )
  for (const path of ['/api/dispatches', '/api/dispatches?mine=1', '/api/dispatches?active=1']) {
    const mine = (await f.as.crew.get(path)).body
    assert.equal(
      mine.map((d: any) => d.id),
      [f.dispatch],
      path,
    )
  }
  const other = await f.as.crew.get(`/api/dispatches?incidentId=${f.viettelIncident}`)
  assert.equal(other.body, [])
  const snap = (await f.as.crew.get('/api/snapshot')).body
  assert.equal(
    snap.dispatches.map((d: any) => d.id),
    [f.dispatch],
  )
})

test('a crew sees only the incidents it was dispatched to', async () => {
  const f = await fixture()
  const list = (await f.as.crew.get('/api/incidents')).body.items.map((i: any) => i.id)
  assert.equal(list, [f.vnptIncident])
  assert.is((await f.as.crew.get(`/api/incidents/${f.vnptIncident}`)).status, 200)
  assert.is((await f.as.crew.get(`/api/incidents/${f.viettelIncident}`)).status, 404)
  assert.is(
    (await f.as.crew.get(`/api/incidents/${f.idleIncident}`)).status,
    404,
    'same organisation',
  )
  const snap = (await f.as.crew.get('/api/snapshot')).body
  assert.equal(
    snap.incidents.map((i: any) => i.id),
    [f.vnptIncident],
  )
  assert.equal(
    snap.crews.map((c: any) => c.id),
    [f.crewId],
  )
})

test('an observer reads everything a coordinator reads', async () => {
  const f = await fixture()
  const paths = [
    '/api/incidents?limit=500',
    '/api/dispatches',
    '/api/crews',
    '/api/resources',
    '/api/links',
    '/api/sites',
    '/api/organizations',
    '/api/areas',
    `/api/incidents/${f.viettelIncident}`,
    `/api/dispatches/${f.dispatch}`,
    `/api/crews/${f.crew2Id}`,
  ]
  for (const path of paths) {
    const [seen, reference] = await Promise.all([
      f.as.observer.get(path),
      f.as.coordinator.get(path),
    ])
    assert.is(seen.status, 200, path)
    assert.equal(seen.body, reference.body, path)
  }
  const [snap, ref] = await Promise.all([
    f.as.observer.get('/api/snapshot'),
    f.as.coordinator.get('/api/snapshot'),
  ])
  assert.is(snap.status, 200)
  for (const key of ['incidents', 'crews', 'resources', 'dispatches', 'links', 'sites']) {
    assert.equal(snap.body[key], ref.body[key], key)
  }
})

test('an observer writes nothing', async () => {
  const f = await fixture()
  const routes = writeRoutes(f).filter((r) => r.action)
  assert.ok(routes.length >= 28)
  for (const r of routes) {
    const res = await refused(f, () => send(f.as.observer, r), 403, 'forbidden')
    assert.ok(res.body.message, `${r.method} ${r.path}`)
  }
})

test('admin-only endpoints refuse a coordinator', async () => {
  const f = await fixture()
  for (const path of ['/api/users', '/api/audit/verify']) {
    const res = await f.as.coordinator.get(path)
    assert.is(res.status, 403, path)
    assert.is(res.body.code, 'forbidden')
    assert.is((await f.as.admin.get(path)).status, 200, `${path} as admin`)
  }
})

test('signed out, the snapshot is refused', async () => {
  const f = await fixture()
  const res = await f.anonymous.get('/api/snapshot')
  assert.is(res.status, 401)
  assert.is(res.body.code, 'unauthenticated')
})

test('the refusals above left the crew free to take its own dispatch', async () => {
  // The positive control: the same crew, the same dispatch, the step it is allowed.
  const f = await fixture()
  const seq = headSeq(f.desk.deps)
  const res = await f.as.crew.post(`/api/dispatches/${f.dispatch}/status`, {
    status: 'acknowledged',
  })
  assert.is(res.status, 200, JSON.stringify(res.body))
  assert.equal(
    eventsAfter(f.desk.deps, seq).map((e) => e.type),
    ['dispatch.status_changed'],
  )
})

test.run()
