// A batch of reports from an enterprise system: one result per item, a bad item sinks only itself,
// one event per created incident.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { eventsAfter, headSeq, testDesk, type Client, type TestDesk } from '../helpers'

interface Fixture {
  desk: TestDesk
  vnpt: Client
  coordinator: Client
  observer: Client
  crew: Client
}

let built: Promise<Fixture> | null = null
function fixture(): Promise<Fixture> {
  built ??= (async () => {
    const desk = await testDesk()
    const [vnpt, coordinator, observer, crew] = await Promise.all(
      ['enterprise', 'coordinator', 'observer', 'crew'].map((u) => desk.as(u)),
    )
    return { desk, vnpt: vnpt!, coordinator: coordinator!, observer: observer!, crew: crew! }
  })()
  return built
}

const report = (title: string, extra: Record<string, unknown> = {}) => ({
  kind: 'outage',
  severity: 'medium',
  title,
  lat: 10.62,
  lng: 107.45,
  radiusM: 0,
  services: [],
  ...extra,
})

test('a batch with bad items creates the good ones and says why each bad one failed', async () => {
  const { desk, vnpt } = await fixture()
  const seq = headSeq(desk.deps)
  const res = await vnpt.post('/api/incidents/batch', {
    items: [
      report('Lô tốt 1'),
      report('Sai vĩ độ', { lat: 'north' }),
      report('Ngoài tỉnh', { lat: 16.05, lng: 108.2 }),
      { ...report('Trường lạ'), color: 'red' },
      report('Cho đơn vị khác', { organizationId: 9999 }),
      report('Lô tốt 2', { impact: { usersAffected: 1200 } }),
    ],
  })
  assert.is(res.status, 200, JSON.stringify(res.body))
  assert.is(res.body.created, 2)
  assert.is(res.body.failed, 4)
  const byIndex = res.body.results as { index: number; status: number; incident?: { id: number; title: string; source: string }; error?: { code: string; details?: { path: unknown[] }[] } }[]
  assert.equal(byIndex.map((r) => r.index), [0, 1, 2, 3, 4, 5])
  assert.equal(byIndex.map((r) => r.status), [201, 400, 400, 400, 403, 201])
  assert.equal(byIndex[1]!.error!.details!.map((d) => d.path), [['lat']])
  assert.equal(byIndex[2]!.error!.details!.map((d) => d.path), [['lat'], ['lng']])
  assert.is(byIndex[3]!.error!.code, 'invalid_input')
  assert.is(byIndex[4]!.error!.code, 'forbidden')
  assert.is(byIndex[0]!.incident!.source, 'api')
  const events = eventsAfter(desk.deps, seq)
  assert.equal(events.map((e) => e.type), ['incident.reported', 'incident.reported'], 'one event per created incident')
  const titles = desk.deps.db.$client.prepare('SELECT title FROM incidents WHERE id > ? ORDER BY id').all(byIndex[0]!.incident!.id - 1)
  assert.equal(titles, [{ title: 'Lô tốt 1' }, { title: 'Lô tốt 2' }])
})

test('a batch that takes sites down recomputes them once, after the reports', async () => {
  const { desk, coordinator } = await fixture()
  const site = (await coordinator.get('/api/sites')).body.find((s: { status: string; services: unknown[] }) => s.status === 'ok' && s.services.length > 0)
  const seq = headSeq(desk.deps)
  const near = { lat: site.lat, lng: site.lng, radiusM: 200, services: ['mobile', 'fixed', 'internet', 'satellite', 'postal'] }
  const res = await coordinator.post('/api/incidents/batch', { items: [report('Gần điểm 1', near), report('Gần điểm 2', near)] })
  assert.is(res.body.created, 2)
  const types = eventsAfter(desk.deps, seq).map((e) => e.type)
  assert.equal(types.slice(0, 2), ['incident.reported', 'incident.reported'])
  assert.ok(types.length > 2 && types.slice(2).every((t) => t === 'site.status_changed'), types.join())
  const after = (await coordinator.get(`/api/sites/${site.id}`)).body
  assert.is((after.site ?? after).status, 'down')
})

test('the batch itself is checked: empty, over 500 items, or not a list is a 400', async () => {
  const { desk, vnpt } = await fixture()
  const seq = headSeq(desk.deps)
  for (const body of [{ items: [] }, { items: Array.from({ length: 501 }, (_, i) => report(`#${i}`)) }, { items: 'x' }, { reports: [] }]) {
    const res = await vnpt.post('/api/incidents/batch', body)
    assert.is(res.status, 400, JSON.stringify(res.body).slice(0, 200))
  }
  assert.is(headSeq(desk.deps), seq)
})

test('500 items fit in one batch (beyond the 64 KiB limit of other routes)', async () => {
  const { desk, vnpt } = await fixture()
  const items = Array.from({ length: 500 }, (_, i) => report(`Trạm BTS số ${i} mất kết nối`, { description: 'Mô tả '.repeat(30) }))
  assert.ok(JSON.stringify({ items }).length > 64 * 1024)
  const seq = headSeq(desk.deps)
  const res = await vnpt.post('/api/incidents/batch', { items })
  assert.is(res.status, 200, JSON.stringify(res.body).slice(0, 300))
  assert.is(res.body.created, 500)
  assert.is(eventsAfter(desk.deps, seq).length, 500)
  const big = await vnpt.post('/api/crews', { name: 'x'.repeat(70 * 1024), phone: '0901234567' })
  assert.is(big.status, 413, 'other routes keep the 64 KiB limit')
})

test('observers and crews may not send a batch: 403, no event', async () => {
  const { desk, observer, crew } = await fixture()
  for (const c of [observer, crew]) {
    const seq = headSeq(desk.deps)
    const res = await c.post('/api/incidents/batch', { items: [report('Không được phép')] })
    assert.is(res.status, 403)
    assert.is(res.body.code, 'forbidden')
    assert.is(headSeq(desk.deps), seq)
  }
  assert.is((await desk.anonymous().post('/api/incidents/batch', { items: [report('ẩn danh')] })).status, 401)
})

test.run()
