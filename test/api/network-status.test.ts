// Site status from network elements, on a small hand-built network far from the demo province's
// sites, so only the elements named move it:
//
//   N (node) ─┬─ L1 (link) ─┬─ C1 (cell)      S1 mobile: primary C1, secondary C3
//             │             └─ C2 (cell)      S2 mobile: primary C2 (no secondary)
//             └─ L2 (link) ─── C3 (cell)
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { eventsAfter, headSeq, ORIGIN, testDesk, type Client, type TestDesk } from '../helpers'

interface Net {
  desk: TestDesk
  admin: Client
  coordinator: Client
  vnpt: number
  el: Record<'N' | 'L1' | 'L2' | 'C1' | 'C2' | 'C3', number>
  s1: number
  s2: number
}

const AT = { lat: 10.8, lng: 107.45 } // just north of Xuyên Mộc, far from every demo incident

const put = (c: Client, path: string, body: unknown) =>
  c.raw(path, { method: 'PUT', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) })

async function build(): Promise<Net> {
  const desk = await testDesk()
  const [admin, coordinator] = await Promise.all([desk.as('admin'), desk.as('coordinator')])
  const snap = (await admin.get('/api/snapshot')).body
  const vnpt = snap.organizations.find((o: any) => o.code === 'vnpt').id
  const area = snap.areas.find((a: any) => a.code === 'chau-duc').id
  const el = {} as Net['el']
  const make = async (key: keyof Net['el'], kind: string, upstream: keyof Net['el'] | null, dLat: number) => {
    const res = await admin.post('/api/elements', {
      organizationId: vnpt, kind, code: `T-${key}`, name: `Thử ${key}`, lat: AT.lat + dLat, lng: AT.lng,
      upstreamId: upstream ? el[upstream] : null,
    })
    assert.is(res.status, 201, JSON.stringify(res.body))
    el[key] = res.body.id
  }
  await make('N', 'transmission_node', null, 0)
  await make('L1', 'transmission_link', 'N', 0.001)
  await make('L2', 'transmission_link', 'N', 0.002)
  await make('C1', 'cell_site', 'L1', 0.003)
  await make('C2', 'cell_site', 'L1', 0.004)
  await make('C3', 'cell_site', 'L2', 0.005)
  const site = async (code: string, deps: { elementId: number; role: string }[]) => {
    const res = await admin.post('/api/sites', {
      code, name: `Điểm thử ${code}`, kind: 'polling_station', areaId: area, lat: AT.lat, lng: AT.lng + 0.01,
      services: [{ organizationId: vnpt, service: 'mobile' }],
    })
    assert.is(res.status, 201, JSON.stringify(res.body))
    const set = await put(admin, `/api/sites/${res.body.id}/dependencies`, {
      organizationId: vnpt,
      dependencies: deps.map((d) => ({ service: 'mobile', ...d })),
    })
    assert.is(set.status, 200, JSON.stringify(set.body))
    return res.body.id as number
  }
  const s1 = await site('T-S1', [{ elementId: el.C1, role: 'primary' }, { elementId: el.C3, role: 'secondary' }])
  const s2 = await site('T-S2', [{ elementId: el.C2, role: 'primary' }])
  return { desk, admin, coordinator, vnpt, el, s1, s2 }
}

let built: Promise<Net> | null = null
const net = () => (built ??= build())

async function status(n: Net, id: number): Promise<string> {
  return (await n.admin.get(`/api/sites/${id}`)).body.status
}

/** An incident that touches nothing by radius (no services, radius 0): only what it names. */
async function name(n: Net, elements: { elementId: number; effect: string }[], extra: Record<string, unknown> = {}) {
  const res = await n.coordinator.post('/api/incidents', {
    kind: 'outage', severity: 'medium', title: 'Sự cố phần tử mạng', lat: AT.lat, lng: AT.lng, radiusM: 0, services: [],
    organizationId: n.vnpt, elements, ...extra,
  })
  assert.is(res.status, 201, JSON.stringify(res.body))
  return res.body
}

const close = (n: Net, id: number) => n.coordinator.post(`/api/incidents/${id}/status`, { status: 'cancelled', note: 'Hết thử' })

test('the hand-built network starts ok, with a dependency change logged as site.updated', async () => {
  const n = await net()
  assert.is(await status(n, n.s1), 'ok')
  assert.is(await status(n, n.s2), 'ok')
  const deps = (await n.admin.get(`/api/sites/${n.s1}/dependencies`)).body
  assert.equal(deps.map((d: any) => [d.elementId, d.role]), [[n.el.C1, 'primary'], [n.el.C3, 'secondary']])
})

test('primary down, secondary working: at_risk; both down: down; back: at_risk, then ok', async () => {
  const n = await net()
  const seq = headSeq(n.desk.deps)
  const a = await name(n, [{ elementId: n.el.C1, effect: 'down' }])
  assert.equal(a.elements, [{ elementId: n.el.C1, effect: 'down' }])
  assert.equal(eventsAfter(n.desk.deps, seq).map((e) => e.type), ['incident.reported', 'site.status_changed'])
  assert.is(await status(n, n.s1), 'at_risk')
  assert.is(await status(n, n.s2), 'ok')

  // The same incident now names the secondary too: no working path is left.
  const both = await n.coordinator.patch(`/api/incidents/${a.id}`, {
    elements: [{ elementId: n.el.C1, effect: 'down' }, { elementId: n.el.C3, effect: 'down' }],
  })
  assert.is(both.status, 200, JSON.stringify(both.body))
  assert.is(await status(n, n.s1), 'down')
  const detail = (await n.coordinator.get(`/api/incidents/${a.id}`)).body
  assert.ok(detail.affectedSites.some((s: any) => s.id === n.s1), 'the site it takes down is listed')

  // Naming fewer elements moves the site back in the same write.
  const seq2 = headSeq(n.desk.deps)
  await n.coordinator.patch(`/api/incidents/${a.id}`, { elements: [{ elementId: n.el.C1, effect: 'down' }] })
  assert.equal(eventsAfter(n.desk.deps, seq2).map((e) => e.type), ['incident.updated', 'site.status_changed'])
  assert.is(await status(n, n.s1), 'at_risk')
  await close(n, a.id)
  assert.is(await status(n, n.s1), 'ok')
})

test('only the secondary lost: still ok', async () => {
  const n = await net()
  const a = await name(n, [{ elementId: n.el.C3, effect: 'down' }])
  assert.is(await status(n, n.s1), 'ok')
  await close(n, a.id)
})

test('a degraded element upstream puts the sites below it at risk', async () => {
  const n = await net()
  const b = await name(n, [{ elementId: n.el.L1, effect: 'degraded' }])
  assert.is(await status(n, n.s1), 'at_risk')
  assert.is(await status(n, n.s2), 'at_risk')
  const c1 = (await n.admin.get(`/api/elements/${n.el.C1}`)).body
  assert.is(c1.state, 'degraded', 'the cell inherits its link’s state')
  await close(n, b.id)
  assert.is(await status(n, n.s2), 'ok')
})

test('primary down and the secondary’s link degraded: at_risk, not down', async () => {
  const n = await net()
  const a = await name(n, [{ elementId: n.el.C1, effect: 'down' }])
  const b = await name(n, [{ elementId: n.el.L2, effect: 'degraded' }])
  assert.is(await status(n, n.s1), 'at_risk')
  await close(n, a.id)
  assert.is(await status(n, n.s1), 'at_risk', 'still leaning on a degraded link')
  await close(n, b.id)
  assert.is(await status(n, n.s1), 'ok')
})

test('the node down takes everything below it down; a backup link wins; closing brings it back', async () => {
  const n = await net()
  const c = await name(n, [{ elementId: n.el.N, effect: 'down' }])
  assert.is(await status(n, n.s1), 'down')
  assert.is(await status(n, n.s2), 'down')
  assert.is((await n.admin.get(`/api/elements/${n.el.C3}`)).body.state, 'down')

  const link = await n.coordinator.post('/api/links', { siteId: n.s1, kind: 'vsat', incidentId: c.id, status: 'up' })
  assert.is(link.status, 201, JSON.stringify(link.body))
  assert.is(await status(n, n.s1), 'on_backup')
  assert.is(await status(n, n.s2), 'down')

  const seq = headSeq(n.desk.deps)
  await close(n, c.id)
  const types = eventsAfter(n.desk.deps, seq).map((e) => e.type)
  assert.equal(types, ['incident.status_changed', 'site.status_changed'], 'only S2 moves: S1 stays on backup')
  assert.is(await status(n, n.s1), 'on_backup')
  assert.is(await status(n, n.s2), 'ok')
  await n.coordinator.post(`/api/links/${link.body.id}/status`, { status: 'released' })
  assert.is(await status(n, n.s1), 'ok')
})

test('moving an element under a degraded link moves the sites that depend on it, after its own event', async () => {
  const n = await net()
  const b = await name(n, [{ elementId: n.el.L2, effect: 'degraded' }])
  assert.is(await status(n, n.s2), 'ok')
  const seq = headSeq(n.desk.deps)
  const moved = await n.admin.patch(`/api/elements/${n.el.C2}`, { upstreamId: n.el.L2 })
  assert.is(moved.status, 200, JSON.stringify(moved.body))
  assert.is(moved.body.state, 'degraded')
  assert.equal(eventsAfter(n.desk.deps, seq).map((e) => e.type), ['element.updated', 'site.status_changed'])
  assert.is(await status(n, n.s2), 'at_risk')
  await n.admin.patch(`/api/elements/${n.el.C2}`, { upstreamId: n.el.L1 })
  assert.is(await status(n, n.s2), 'ok')
  await close(n, b.id)
})

test('a drill that names an element moves no site', async () => {
  const n = await net()
  const seq = headSeq(n.desk.deps)
  await name(n, [{ elementId: n.el.N, effect: 'down' }], { drill: true })
  assert.equal(eventsAfter(n.desk.deps, seq).map((e) => e.type), ['incident.reported'])
  assert.is(await status(n, n.s1), 'ok')
})

test('dependencies for a service the site no longer gets are ignored', async () => {
  const n = await net()
  const a = await name(n, [{ elementId: n.el.C2, effect: 'down' }])
  assert.is(await status(n, n.s2), 'down')
  const res = await n.admin.patch(`/api/sites/${n.s2}`, { services: [{ organizationId: n.vnpt, service: 'fixed' }] })
  assert.is(res.status, 200, JSON.stringify(res.body))
  assert.is(res.body.status, 'ok')
  await n.admin.patch(`/api/sites/${n.s2}`, { services: [{ organizationId: n.vnpt, service: 'mobile' }] })
  assert.is(await status(n, n.s2), 'down')
  await close(n, a.id)
  assert.is(await status(n, n.s2), 'ok')
})

test.run()
