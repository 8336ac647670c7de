// The network API on the demo province: elements and their checks, who may write them, incidents
// that name elements, the preview that writes nothing, and coverage by area.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { coverageByArea } from '../../shared/coverage'
import { eventsAfter, headSeq, ORIGIN, testDesk, type Client, type Reply, type TestDesk } from '../helpers'

interface Fixture {
  desk: TestDesk
  as: Record<'admin' | 'coordinator' | 'observer' | 'enterprise' | 'enterprise2' | 'crew', Client>
  anonymous: Client
  vnpt: number
  viettel: number
  snap: any
  /** Demo elements by code. */
  elements: Map<string, any>
}

const put = (c: Client, path: string, body: unknown) =>
  c.raw(path, { method: 'PUT', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) })

let built: Promise<Fixture> | null = null
function fixture(): Promise<Fixture> {
  built ??= (async () => {
    const desk = await testDesk()
    const names = ['admin', 'coordinator', 'observer', 'enterprise', 'enterprise2', 'crew'] as const
    const clients = await Promise.all(names.map((n) => desk.as(n)))
    const as = Object.fromEntries(names.map((n, i) => [n, clients[i]])) as Fixture['as']
    const snap = (await as.admin.get('/api/snapshot')).body
    const org = (code: string) => snap.organizations.find((o: any) => o.code === code).id
    const list = (await as.admin.get('/api/elements?limit=5000')).body
    return {
      desk, as, anonymous: desk.anonymous(), snap, vnpt: org('vnpt'), viettel: org('viettel'),
      elements: new Map(list.items.map((e: any) => [e.code, e])),
    }
  })()
  return built
}

/** The call is refused with this status and code, and leaves no event and nothing published. */
async function refused(f: Fixture, call: () => Promise<Reply>, status: number, code: string): Promise<Reply> {
  const seq = headSeq(f.desk.deps)
  const published = f.desk.published.length
  const res = await call()
  assert.is(res.status, status, JSON.stringify(res.body))
  assert.is(res.body.code, code)
  assert.equal(eventsAfter(f.desk.deps, seq), [], 'nothing appended')
  assert.is(f.desk.published.length, published, 'nothing published')
  return res
}

const paths = (res: Reply) => (res.body.details as { path: unknown[] }[]).map((d) => d.path)

const cell = (org: number, code: string, extra: Record<string, unknown> = {}) => ({
  organizationId: org, kind: 'cell_site', code, name: `Trạm ${code}`, lat: 10.5, lng: 107.2, coverageRadiusM: 1500, powerSource: 'grid', ...extra,
})

test('the demo network: every operator’s elements, with the seeded incidents naming some of them', async () => {
  const f = await fixture()
  assert.ok(f.elements.size > 300, `${f.elements.size} elements`)
  const cable = f.elements.get('VNPT-L-CON-DAO-SUB')
  assert.is(cable.medium, 'submarine')
  assert.is(f.elements.get('VNPT-N-CON-DAO').upstreamId, cable.id)
  assert.is(f.elements.get('VNPT-L-XUYEN-MOC').state, 'down', 'the Xuyên Mộc fibre cut')
  assert.ok([...f.elements.values()].some((e) => e.state === 'degraded'), 'the Bãi Sau congestion')
  const statuses = new Set(f.snap.sites.map((s: any) => s.status))
  assert.ok(statuses.has('down') && statuses.has('at_risk'), [...statuses].join(','))
  const cut = f.snap.incidents.find((i: any) => i.elements.some((e: any) => e.elementId === f.elements.get('VNPT-L-XUYEN-MOC').id))
  assert.ok(cut, 'an incident names the link')
})

test('an admin creates an element; the checks answer 400 or 409 naming the field', async () => {
  const f = await fixture()
  const a = f.as.admin
  const node = await a.post('/api/elements', { ...cell(f.vnpt, 'API-N1'), kind: 'transmission_node' })
  assert.is(node.status, 201, JSON.stringify(node.body))
  assert.is(node.body.state, 'ok')
  assert.type(node.body.areaId, 'number')
  const child = await a.post('/api/elements', cell(f.vnpt, 'API-C1', { upstreamId: node.body.id }))
  assert.is(child.status, 201, JSON.stringify(child.body))

  const { organizationId: _, ...noOrg } = cell(f.vnpt, 'API-X')
  assert.equal(paths(await refused(f, () => a.post('/api/elements', noOrg), 400, 'invalid_input')), [['organizationId']])
  assert.equal(paths(await refused(f, () => a.post('/api/elements', cell(f.vnpt, 'API-X', { upstreamId: 99999 })), 400, 'invalid_input')), [['upstreamId']])
  const viettelCell = [...f.elements.values()].find((e) => e.organizationId === f.viettel)
  assert.equal(
    paths(await refused(f, () => a.post('/api/elements', cell(f.vnpt, 'API-X', { upstreamId: viettelCell.id })), 400, 'invalid_input')),
    [['upstreamId']],
    'an upstream of another organisation',
  )
  assert.equal(paths(await refused(f, () => a.post('/api/elements', cell(f.vnpt, 'API-X', { lat2: 10.6 })), 400, 'invalid_input')), [['lng2']])
  await refused(f, () => a.post('/api/elements', cell(f.vnpt, 'API-C1')), 409, 'conflict')
  assert.equal(paths(await refused(f, () => a.post('/api/elements', cell(f.vnpt, 'API-X', { kind: 'tower' })), 400, 'invalid_input')), [['kind']])
  await refused(f, () => a.post('/api/elements', cell(f.vnpt, 'API-X', { organizationId: 99999 })), 400, 'invalid_input')

  // No loops: the node cannot hang from its own child, nor from itself.
  const loop = await refused(f, () => a.patch(`/api/elements/${node.body.id}`, { upstreamId: child.body.id }), 400, 'invalid_input')
  assert.equal(paths(loop), [['upstreamId']])
  await refused(f, () => a.patch(`/api/elements/${node.body.id}`, { upstreamId: node.body.id }), 400, 'invalid_input')
  await refused(f, () => a.patch('/api/elements/99999', { name: 'Không có' }), 404, 'not_found')
  await refused(f, () => a.patch(`/api/elements/${node.body.id}`, {}), 400, 'invalid_input')
  const renamed = await a.patch(`/api/elements/${node.body.id}`, { name: 'Nút thử (đổi tên)' })
  assert.is(renamed.status, 200)
  assert.is(renamed.body.name, 'Nút thử (đổi tên)')
  assert.is(renamed.body.upstreamId, null)
})

test('an enterprise manages its own elements and sees nobody else’s', async () => {
  const f = await fixture()
  const mine = await f.as.enterprise.post('/api/elements', { ...cell(f.vnpt, 'ENT-C1'), organizationId: undefined })
  assert.is(mine.status, 201, JSON.stringify(mine.body))
  assert.is(mine.body.organizationId, f.vnpt)
  await refused(f, () => f.as.enterprise.post('/api/elements', cell(f.viettel, 'ENT-C2')), 403, 'forbidden')
  await refused(f, () => f.as.enterprise2.patch(`/api/elements/${mine.body.id}`, { name: 'Của người khác' }), 404, 'not_found')
  assert.is((await f.as.enterprise2.get(`/api/elements/${mine.body.id}`)).status, 404)
  const list = (await f.as.enterprise2.get('/api/elements?limit=5000')).body.items
  assert.ok(list.length > 0 && list.every((e: any) => e.organizationId === f.viettel))
  const page = (await f.as.coordinator.get('/api/elements?limit=10')).body
  assert.is(page.items.length, 10)
  assert.is(page.next, page.items[9].id)
  assert.is((await f.as.crew.get('/api/elements')).status, 403)
})

test('the roles the table gives no cell may not write elements, dependencies or previews', async () => {
  const f = await fixture()
  const someSite = f.snap.sites[0].id
  const someElement = f.elements.get('VNPT-L-XUYEN-MOC').id
  const writes: [string, (c: Client) => Promise<Reply>][] = [
    ['POST /api/elements', (c) => c.post('/api/elements', cell(f.vnpt, 'NOPE'))],
    ['PATCH /api/elements/:id', (c) => c.patch(`/api/elements/${someElement}`, { name: 'Không' })],
    ['PUT /api/sites/:id/dependencies', (c) => put(c, `/api/sites/${someSite}/dependencies`, { organizationId: f.vnpt, dependencies: [] })],
  ]
  for (const [label, call] of writes) {
    for (const role of ['coordinator', 'observer', 'crew'] as const) {
      const res = await refused(f, () => call(f.as[role]), 403, 'forbidden')
      assert.ok(res.body.message, `${role} ${label}`)
    }
    await refused(f, () => call(f.anonymous), 401, 'unauthenticated')
  }
  const preview = (c: Client) =>
    c.post('/api/incidents/preview', { kind: 'outage', severity: 'low', title: 'Thử', lat: 10.5, lng: 107.2, services: ['mobile'] })
  for (const role of ['observer', 'crew'] as const) await refused(f, () => preview(f.as[role]), 403, 'forbidden')
  await refused(f, () => preview(f.anonymous), 401, 'unauthenticated')
})

test('an enterprise names only its own elements in an incident: 400 naming the field', async () => {
  const f = await fixture()
  const viettelCell = [...f.elements.values()].find((e) => e.organizationId === f.viettel && e.kind === 'cell_site')
  const vnptCell = [...f.elements.values()].find((e) => e.organizationId === f.vnpt && e.kind === 'cell_site')
  const report = {
    kind: 'outage', severity: 'medium', title: 'Mất sóng', lat: vnptCell.lat, lng: vnptCell.lng, radiusM: 0, services: ['mobile'],
    elements: [{ elementId: vnptCell.id, effect: 'degraded' }, { elementId: viettelCell.id, effect: 'down' }],
  }
  assert.equal(paths(await refused(f, () => f.as.enterprise.post('/api/incidents', report), 400, 'invalid_input')), [['elements', 1, 'elementId']])
  assert.equal(
    paths(await refused(f, () => f.as.enterprise.post('/api/incidents/preview', report), 400, 'invalid_input')),
    [['elements', 1, 'elementId']],
  )
  // The 400 names the index as sent, though elements are stored by id (Viettel's come after VNPT's).
  assert.ok(vnptCell.id < viettelCell.id)
  const mixed = { ...report, elements: [{ elementId: viettelCell.id, effect: 'down' }, { elementId: vnptCell.id, effect: 'down' }] }
  assert.equal(paths(await refused(f, () => f.as.enterprise2.post('/api/incidents', mixed), 400, 'invalid_input')), [['elements', 1, 'elementId']])
  const twice = { ...report, elements: [report.elements[0], report.elements[0]] }
  assert.equal(paths(await refused(f, () => f.as.enterprise.post('/api/incidents', twice), 400, 'invalid_input')), [['elements', 1, 'elementId']])
  const huge = { ...report, elements: [{ elementId: 1e20, effect: 'down' }] }
  await refused(f, () => f.as.enterprise.post('/api/incidents', huge), 400, 'invalid_input')

  const ok = await f.as.enterprise.post('/api/incidents', { ...report, elements: [report.elements[0]] })
  assert.is(ok.status, 201, JSON.stringify(ok.body))
  assert.equal(ok.body.elements, [{ elementId: vnptCell.id, effect: 'degraded' }])
  assert.equal(
    paths(await refused(f, () => f.as.enterprise.patch(`/api/incidents/${ok.body.id}`, { elements: report.elements }), 400, 'invalid_input')),
    [['elements', 1, 'elementId']],
  )
  const listed = (await f.as.enterprise.get(`/api/incidents?limit=500`)).body.items.find((i: any) => i.id === ok.body.id)
  assert.equal(listed.elements, ok.body.elements)
  // A coordinator may name any operator's element.
  const staff = await f.as.coordinator.patch(`/api/incidents/${ok.body.id}`, { elements: report.elements })
  assert.is(staff.status, 200, JSON.stringify(staff.body))
  await f.as.coordinator.post(`/api/incidents/${ok.body.id}/status`, { status: 'cancelled', note: 'Thử xong' })
})

test('site dependencies: an enterprise sets its own, checked element by element', async () => {
  const f = await fixture()
  const site = f.snap.sites.find(
    (s: any) => s.kind === 'polling_station' && s.services.some((v: any) => v.organizationId === f.vnpt && v.service === 'mobile'),
  )
  const before = (await f.as.enterprise.get(`/api/sites/${site.id}/dependencies`)).body
  assert.ok(before.length > 0 && before.every((d: any) => d.organizationId === f.vnpt))
  const vnptCells = [...f.elements.values()].filter((e) => e.organizationId === f.vnpt && e.kind === 'cell_site')
  const viettelCell = [...f.elements.values()].find((e) => e.organizationId === f.viettel && e.kind === 'cell_site')
  const path = `/api/sites/${site.id}/dependencies`
  const bad = await refused(
    f,
    () => put(f.as.enterprise, path, { dependencies: [{ service: 'mobile', elementId: viettelCell.id, role: 'primary' }] }),
    400,
    'invalid_input',
  )
  assert.equal(paths(bad), [['dependencies', 0, 'elementId']])
  const unserved = await refused(
    f,
    () => put(f.as.enterprise, path, { dependencies: [{ service: 'postal', elementId: vnptCells[0].id, role: 'primary' }] }),
    400,
    'invalid_input',
  )
  assert.equal(paths(unserved), [['dependencies', 0, 'service']])
  await refused(f, () => put(f.as.enterprise, path, { organizationId: f.viettel, dependencies: [] }), 403, 'forbidden')
  await refused(f, () => put(f.as.enterprise, '/api/sites/99999/dependencies', { dependencies: [] }), 404, 'not_found')
  await refused(f, () => put(f.as.admin, path, { dependencies: [] }), 400, 'invalid_input')
  await refused(f, () => put(f.as.enterprise, path, { dependencies: 'all' }), 400, 'invalid_input')

  const seq = headSeq(f.desk.deps)
  const set = [
    { service: 'mobile', elementId: vnptCells[0].id, role: 'primary' },
    { service: 'mobile', elementId: vnptCells[1].id, role: 'secondary' },
  ]
  const res = await put(f.as.enterprise, path, { dependencies: set })
  assert.is(res.status, 200, JSON.stringify(res.body))
  assert.equal(res.body.map((d: any) => d.elementId), [vnptCells[0].id, vnptCells[1].id])
  const events = eventsAfter(f.desk.deps, seq)
  assert.is(events[0]!.type, 'site.updated')
  // Viettel's dependencies of the same site, if any, are untouched; the admin sees both.
  const all = (await f.as.admin.get(path)).body
  assert.equal(all.filter((d: any) => d.organizationId === f.vnpt).length, 2)
  const restored = await put(f.as.enterprise, path, { dependencies: before.map(({ organizationId: _, ...d }: any) => d) })
  assert.is(restored.status, 200, JSON.stringify(restored.body))
})

test('bad input to the network routes is a 400 naming the field, never a 500', async () => {
  const f = await fixture()
  const site = f.snap.sites[0].id
  for (const body of ['null', '[]', '"text"', '42', '{}', '{"dependencies":[{"service":"mobile"}]}', '{"dependencies":[],"extra":1}']) {
    const res = await refused(
      f,
      () => f.as.admin.raw(`/api/sites/${site}/dependencies`, { method: 'PUT', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body }),
      400,
      'invalid_input',
    )
    assert.ok(Array.isArray(res.body.details), body)
  }
  for (const path of ['/api/elements?kind=tower', '/api/elements?limit=0', '/api/elements/abc', '/api/sites/abc/dependencies']) {
    const res = await f.as.admin.get(path)
    assert.is(res.status, 400, path)
  }
  assert.is((await f.as.admin.get('/api/elements/99999')).status, 404)
  assert.is((await f.as.admin.get('/api/sites/99999/dependencies')).status, 404)
})

test('the preview lists the sites a report would move, writes nothing, and agrees with the report', async () => {
  const f = await fixture()
  const cable = f.elements.get('VNPT-L-CON-DAO-SUB')
  const body = {
    kind: 'outage', cause: 'transmission', severity: 'critical', title: 'Sự cố cáp quang biển Côn Đảo',
    lat: 8.683, lng: 106.607, radiusM: 0, services: ['mobile'], elements: [{ elementId: cable.id, effect: 'down' }],
  }
  const seq = headSeq(f.desk.deps)
  const published = f.desk.published.length
  const sitesBefore = (await f.as.coordinator.get('/api/sites')).body
  const preview = await f.as.enterprise.post('/api/incidents/preview', body)
  assert.is(preview.status, 200, JSON.stringify(preview.body))
  assert.equal(eventsAfter(f.desk.deps, seq), [], 'nothing appended')
  assert.is(f.desk.published.length, published, 'nothing published')
  assert.equal((await f.as.coordinator.get('/api/sites')).body, sitesBefore, 'no site moved')
  // Côn Đảo keeps its satellite path: at risk, not down.
  assert.is(preview.body.down.length, 0)
  assert.ok(preview.body.atRisk.length > 0)
  const islandArea = f.snap.areas.find((a: any) => a.code === 'con-dao').id
  assert.ok(preview.body.atRisk.every((s: any) => s.areaId === islandArea))

  const res = await f.as.enterprise.post('/api/incidents', body)
  assert.is(res.status, 201)
  const moved = f.desk.published
    .slice(published)
    .filter((e) => e.type === 'site.status_changed' && e.data.site!.status === 'at_risk')
    .map((e) => e.entityId)
    .sort((a, b) => a - b)
  assert.equal(moved, preview.body.atRisk.map((s: any) => s.id))

  // The satellite link down as well leaves the island with no working path.
  const sat = f.elements.get('VNPT-L-CON-DAO-SAT')
  const both = await f.as.coordinator.post('/api/incidents/preview', { ...body, elements: [{ elementId: sat.id, effect: 'down' }] })
  assert.equal(both.body.down.map((s: any) => s.id), moved)
  await f.as.enterprise.post(`/api/incidents/${res.body.id}/status`, { status: 'cancelled', note: 'Báo nhầm' })
})

test('a preview with a radius lists the sites within it that lose a service', async () => {
  const f = await fixture()
  const site = f.snap.sites.find((s: any) => s.status === 'ok' && s.services.some((v: any) => v.organizationId === f.vnpt && v.service === 'mobile'))
  const res = await f.as.enterprise.post('/api/incidents/preview', {
    kind: 'outage', severity: 'low', title: 'Thử', lat: site.lat, lng: site.lng, radiusM: 50, services: ['mobile'],
  })
  assert.is(res.status, 200)
  assert.ok(res.body.down.some((s: any) => s.id === site.id))
  // Sites already down for another incident are not this one's doing.
  const xm = f.snap.sites.find((s: any) => s.status === 'down')
  const none = await f.as.enterprise.post('/api/incidents/preview', {
    kind: 'outage', severity: 'low', title: 'Thử', lat: xm.lat, lng: xm.lng, radiusM: 3000, services: [],
  })
  assert.equal([none.body.down, none.body.atRisk], [[], []])
  assert.is((await f.as.enterprise.post('/api/incidents/preview', { kind: 'outage' })).status, 400)
})

test('coverage by area counts each site once per level, as the console counts its live sites', async () => {
  const f = await fixture()
  const res = await f.as.observer.get('/api/coverage')
  assert.is(res.status, 200, JSON.stringify(res.body))
  const sites = (await f.as.observer.get('/api/sites')).body
  const areas = (await f.as.observer.get('/api/areas')).body
  const province = res.body.areas[0]
  assert.is(province.level, 'province')
  assert.is(province.total, sites.length)
  const count = (filter: (s: any) => boolean) => sites.filter(filter).length
  assert.is(province.down, count((s) => s.status === 'down'))
  assert.is(province.atRisk, count((s) => s.status === 'at_risk'))
  assert.is(province.ok + province.atRisk + province.down + province.onBackup, province.total)
  assert.ok(province.down > 0 && province.atRisk > 0, 'the demo has both')
  assert.is(province.pollingNoService, count((s) => s.kind === 'polling_station' && s.status === 'down'))
  for (const row of res.body.areas.filter((a: any) => a.level === 'district')) {
    const here = sites.filter((s: any) => s.areaId === row.areaId)
    assert.is(row.total, here.length, row.name)
    assert.is(row.down, here.filter((s: any) => s.status === 'down').length, row.name)
    assert.is(row.atRisk, here.filter((s: any) => s.status === 'at_risk').length, row.name)
  }
  assert.equal(coverageByArea(areas, sites), res.body.areas, 'the shared aggregation gives the same rows')
  assert.is((await f.as.enterprise.get('/api/coverage')).status, 200)
  assert.is((await f.as.crew.get('/api/coverage')).status, 403)
  assert.is((await f.anonymous.get('/api/coverage')).status, 401)
})

test.run()
