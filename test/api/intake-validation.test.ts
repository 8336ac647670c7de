// What a report must be beyond its shape: inside the province (with a margin), sensible times, no
// negative counts, clean text, no unknown fields. Every refusal names the field and the reason.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { provinceBounds, PROVINCE_MARGIN_M } from '../../shared/intake-rules'
import { headSeq, testDesk, type Client, type Reply, type TestDesk } from '../helpers'

interface Fixture {
  desk: TestDesk
  vnpt: Client
}

let built: Promise<Fixture> | null = null
function fixture(): Promise<Fixture> {
  built ??= (async () => {
    const desk = await testDesk()
    return { desk, vnpt: await desk.as('enterprise') }
  })()
  return built
}

const report = (extra: Record<string, unknown> = {}) => ({
  kind: 'outage',
  severity: 'medium',
  title: 'Mất sóng',
  lat: 10.62,
  lng: 107.45,
  radiusM: 0,
  services: [],
  ...extra,
})

async function refused(f: Fixture, body: unknown): Promise<{ path: (string | number)[]; message: string; code: string }[]> {
  const seq = headSeq(f.desk.deps)
  const res: Reply = await f.vnpt.post('/api/incidents', body)
  assert.is(res.status, 400, JSON.stringify(res.body))
  assert.is(res.body.code, 'invalid_input')
  assert.is(headSeq(f.desk.deps), seq, 'nothing written')
  for (const d of res.body.details) {
    // An unknown field is named in the message, under the object that holds it.
    assert.ok(d.path.length > 0 || (d.code === 'unrecognized_keys' && /"\w+"/.test(d.message)), 'names a field')
    assert.type(d.message, 'string')
    assert.ok(d.message.length > 0, 'says why')
  }
  return res.body.details
}

test('coordinates outside the province are refused naming lat or lng; the margin and Côn Đảo are inside', async () => {
  const f = await fixture()
  const hanoi = await refused(f, report({ lat: 21.03, lng: 105.85 }))
  assert.equal(hanoi.map((d) => d.path), [['lat'], ['lng']])
  assert.equal(hanoi.map((d) => d.code), ['outside_province', 'outside_province'])
  assert.match(hanoi[0]!.message, /province/)
  const east = await refused(f, report({ lng: 108.5 }))
  assert.equal(east.map((d) => d.path), [['lng']])
  // Côn Đảo, 180 km offshore, is part of the province.
  assert.is((await f.vnpt.post('/api/incidents', report({ lat: 8.68, lng: 106.6 }))).status, 201)
  // Just past the outlines, within the margin: a coastal station the rough outlines leave out.
  const areas = (await f.vnpt.get('/api/areas')).body
  const b = provinceBounds(areas)!
  const marginDeg = PROVINCE_MARGIN_M / 111_320
  assert.is((await f.vnpt.post('/api/incidents', report({ lat: b.maxLat - marginDeg / 2 }))).status, 201)
  assert.is((await f.vnpt.post('/api/incidents', report({ lat: b.maxLat + 0.01 }))).status, 400)
})

test('an estimated restoration far in the future, or before the onset, is refused naming the field', async () => {
  const f = await fixture()
  const now = f.desk.clock.now()
  const far = await refused(f, report({ estimatedRestoreAt: now + 90 * 86_400_000 }))
  assert.equal(far.map((d) => [d.path, d.code]), [[['estimatedRestoreAt'], 'too_far_future']])
  const before = await refused(f, report({ estimatedRestoreAt: now - 3_600_000 }))
  assert.equal(before.map((d) => [d.path, d.code]), [[['estimatedRestoreAt'], 'before_onset']])
  assert.match(before[0]!.message, /before the onset/)
  // A few minutes of clock drift is still now; a real estimate is fine.
  assert.is((await f.vnpt.post('/api/incidents', report({ estimatedRestoreAt: now - 60_000 }))).status, 201)
  assert.is((await f.vnpt.post('/api/incidents', report({ estimatedRestoreAt: now + 4 * 3_600_000 }))).status, 201)
})

test('an update is held to the same rules, with the incident’s own onset', async () => {
  const f = await fixture()
  const created = (await f.vnpt.post('/api/incidents', report())).body
  f.desk.clock.advance(2 * 3_600_000)
  const seq = headSeq(f.desk.deps)
  const moved = await f.vnpt.patch(`/api/incidents/${created.id}`, { lat: 12.5 })
  assert.is(moved.status, 400)
  assert.equal(moved.body.details.map((d: { path: unknown }) => d.path), [['lat']])
  const early = await f.vnpt.patch(`/api/incidents/${created.id}`, { estimatedRestoreAt: created.createdAt - 3_600_000 })
  assert.is(early.status, 400)
  assert.equal(early.body.details[0].code, 'before_onset')
  assert.is(headSeq(f.desk.deps), seq)
  // After the onset, even if now is past it, is a valid estimate to correct later.
  assert.is((await f.vnpt.patch(`/api/incidents/${created.id}`, { estimatedRestoreAt: created.createdAt + 3_600_000 })).status, 200)
})

test('negative counts are refused naming the count', async () => {
  const f = await fixture()
  const d = await refused(f, report({ impact: { usersAffected: -5, generatorsDeployed: 2 } }))
  assert.equal(d.map((x) => x.path), [['impact', 'usersAffected']])
  const r = await refused(f, report({ radiusM: -1 }))
  assert.equal(r.map((x) => x.path), [['radiusM']])
})

test('text is trimmed and NFC; NUL and lone surrogates are refused naming the field', async () => {
  const f = await fixture()
  const ok = await f.vnpt.post('/api/incidents', report({ title: '  Mất sóng Bà Rịa  '.normalize('NFD'), description: '\n chi tiết \n' }))
  assert.is(ok.status, 201)
  assert.is(ok.body.title, 'Mất sóng Bà Rịa')
  assert.is(ok.body.title, ok.body.title.normalize('NFC'))
  assert.is(ok.body.description, 'chi tiết')
  const nul = await refused(f, report({ title: 'Mất\u0000sóng' }))
  assert.equal(nul.map((x) => x.path), [['title']])
  assert.match(nul[0]!.message, /control/)
  const surrogate = await refused(f, report({ description: 'lỗi \ud800 mã' }))
  assert.equal(surrogate.map((x) => x.path), [['description']])
  assert.match(surrogate[0]!.message, /Unicode/)
})

test('unknown fields are refused, at the top and inside impact', async () => {
  const f = await fixture()
  const top = await refused(f, report({ priority: 'urgent' }))
  assert.ok(JSON.stringify(top).includes('priority'), JSON.stringify(top))
  const inner = await refused(f, report({ impact: { towersOnFire: 1 } }))
  assert.equal(inner[0]!.path.slice(0, 1), ['impact'])
  assert.ok(JSON.stringify(inner).includes('towersOnFire'))
})

test.run()
