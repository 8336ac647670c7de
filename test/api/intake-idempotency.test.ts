// Idempotency-Key on the intake creates: one key, one row, one event, whatever the retries; the
// first answer replayed; another body refused; keys scoped per organisation and kept a week.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { eventsAfter, headSeq, ORIGIN, testDesk, type Client, type TestDesk } from '../helpers'

interface Fixture {
  desk: TestDesk
  vnpt: Client
  viettel: Client
}

let built: Promise<Fixture> | null = null
function fixture(): Promise<Fixture> {
  built ??= (async () => {
    const desk = await testDesk()
    const [vnpt, viettel] = await Promise.all([desk.as('enterprise'), desk.as('enterprise2')])
    return { desk, vnpt, viettel }
  })()
  return built
}

// Far from every site and taking no service away: the only event it makes is its own.
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

const countTitled = (desk: TestDesk, title: string) =>
  (desk.deps.db.$client.prepare('SELECT count(*) AS n FROM incidents WHERE title = ?').get(title) as { n: number }).n

const key = (k: string) => ({ 'idempotency-key': k })

test('100 parallel requests with one key and one body make one row and one event, all answered with its id', async () => {
  const { desk, vnpt } = await fixture()
  const seq = headSeq(desk.deps)
  const body = report('Mất sóng khu vực Bình Châu')
  const replies = await Promise.all(
    Array.from({ length: 100 }, () => vnpt.post('/api/incidents', body, key('f3b1c2d4-0000-4000-8000-000000000001'))),
  )
  for (const r of replies) assert.is(r.status, 201, JSON.stringify(r.body))
  const ids = new Set(replies.map((r) => r.body.id))
  assert.is(ids.size, 1, 'every answer carries the same id')
  assert.is(countTitled(desk, body.title), 1, 'one row')
  assert.equal(
    eventsAfter(desk.deps, seq).map((e) => e.type),
    ['incident.reported'],
    'one event',
  )
  const replayed = replies.filter((r) => r.headers.get('idempotent-replayed') === 'true')
  assert.is(replayed.length, 99, 'all but the first are replays')
  assert.equal(replayed[0]!.body, replies.find((r) => !r.headers.has('idempotent-replayed'))!.body, 'the original body')
})

test('a retry after the first answer gets the original status and body, marked as a replay', async () => {
  const { desk, vnpt } = await fixture()
  const body = report('Mất điện trạm Hồ Tràm')
  const first = await vnpt.post('/api/incidents', body, key('retry-1'))
  assert.is(first.status, 201)
  assert.is(first.headers.get('idempotent-replayed'), null)
  desk.clock.advance(60_000)
  const seq = headSeq(desk.deps)
  const again = await vnpt.post('/api/incidents', body, key('retry-1'))
  assert.is(again.status, 201)
  assert.is(again.headers.get('idempotent-replayed'), 'true')
  assert.equal(again.body, first.body)
  assert.is(headSeq(desk.deps), seq, 'no second event')
})

test('the same key with a different body is a 422, and writes nothing', async () => {
  const { desk, vnpt } = await fixture()
  assert.is((await vnpt.post('/api/incidents', report('Sự cố A'), key('same-key-other-body'))).status, 201)
  const seq = headSeq(desk.deps)
  const other = await vnpt.post('/api/incidents', report('Sự cố B'), key('same-key-other-body'))
  assert.is(other.status, 422)
  assert.is(other.body.code, 'idempotency_mismatch')
  assert.is(headSeq(desk.deps), seq)
  assert.is(countTitled(desk, 'Sự cố B'), 0)
})

test('keys are per organisation: another organisation reusing a key gets its own row, never the first answer', async () => {
  const { desk, vnpt, viettel } = await fixture()
  const body = report('Mất sóng do mất điện lưới')
  const a = await vnpt.post('/api/incidents', body, key('shared-key-0001'))
  const b = await viettel.post('/api/incidents', body, key('shared-key-0001'))
  assert.is(a.status, 201)
  assert.is(b.status, 201)
  assert.is(b.headers.get('idempotent-replayed'), null)
  assert.is.not(b.body.id, a.body.id)
  assert.is.not(b.body.organizationId, a.body.organizationId)
  assert.is(countTitled(desk, body.title), 2)
  // And each organisation's retry replays its own answer.
  const b2 = await viettel.post('/api/incidents', body, key('shared-key-0001'))
  assert.is(b2.body.id, b.body.id)
})

test('malformed keys are a 400 naming the header; nothing is written', async () => {
  const { desk, vnpt } = await fixture()
  // Empty, too long, a Latin-1 letter (fetch refuses anything wider in a header), a control character.
  for (const bad of ['', 'x'.repeat(256), 'clé', 'tab\there']) {
    const seq = headSeq(desk.deps)
    const res = await vnpt.post('/api/incidents', report('Khóa sai'), key(bad))
    assert.is(res.status, 400, `${JSON.stringify(bad)}: ${JSON.stringify(res.body)}`)
    assert.is(res.body.code, 'invalid_input')
    assert.ok(JSON.stringify(res.body.details).includes('idempotency-key'), JSON.stringify(res.body.details))
    assert.is(headSeq(desk.deps), seq)
  }
  assert.is(countTitled(desk, 'Khóa sai'), 0)
  // 255 printable characters, spaces included, are a key.
  assert.is((await vnpt.post('/api/incidents', report('Khóa dài'), key(`${'k'.repeat(250)} ~!@#`))).status, 201)
})

test('a missing key is allowed: each request is its own report', async () => {
  const { desk, vnpt } = await fixture()
  const body = report('Không có khóa')
  assert.is((await vnpt.post('/api/incidents', body)).status, 201)
  assert.is((await vnpt.post('/api/incidents', body)).status, 201)
  assert.is(countTitled(desk, body.title), 2)
})

test('keys are kept 7 days; after that the key is free again', async () => {
  const { desk, vnpt } = await fixture()
  const body = report('Giữ khóa 7 ngày')
  const first = await vnpt.post('/api/incidents', body, key('week-old-key'))
  desk.clock.advance(7 * 86_400_000 - 1000)
  const within = await vnpt.post('/api/incidents', body, key('week-old-key'))
  assert.is(within.body.id, first.body.id, 'still replayed just under 7 days')
  desk.clock.advance(2000)
  const after = await vnpt.post('/api/incidents', body, key('week-old-key'))
  assert.is(after.status, 201)
  assert.is.not(after.body.id, first.body.id)
  const stored = desk.deps.db.$client
    .prepare("SELECT count(*) AS n FROM idempotency_keys WHERE key = 'week-old-key'")
    .get() as { n: number }
  assert.is(stored.n, 1, 'the old record gave way to the new one')
})

test('a batch with a key is replayed whole; a CSV import with a key is replayed whole', async () => {
  const { desk, vnpt } = await fixture()
  const batch = { items: [report('Lô 1'), report('Lô 2')] }
  const first = await vnpt.post('/api/incidents/batch', batch, key('batch-key'))
  assert.is(first.status, 200)
  const seq = headSeq(desk.deps)
  const again = await vnpt.post('/api/incidents/batch', batch, key('batch-key'))
  assert.equal(again.body, first.body)
  assert.is(again.headers.get('idempotent-replayed'), 'true')
  assert.is(headSeq(desk.deps), seq)
  assert.is((await vnpt.post('/api/incidents/batch', { items: [report('Lô 3')] }, key('batch-key'))).status, 422)

  const csv = 'kind,severity,title,lat,lng,radius_m\noutage,low,Nhập tệp có khóa,10.62,107.45,0\n'
  const post = () =>
    vnpt.raw('/api/incidents/csv/import?mode=all_or_nothing', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'text/csv', 'idempotency-key': 'csv-key' },
      body: csv,
    })
  const one = await post()
  const two = await post()
  assert.is(one.status, 200, JSON.stringify(one.body))
  assert.equal(two.body, one.body)
  assert.is(two.headers.get('idempotent-replayed'), 'true')
  assert.is(countTitled(desk, 'Nhập tệp có khóa'), 1)
})

test('the key is recorded in the same write as the row: a refused create leaves the key unused', async () => {
  const { desk, vnpt } = await fixture()
  const outside = await vnpt.post('/api/incidents', report('Ngoài tỉnh', { lat: 21.03, lng: 105.85 }), key('refused-first'))
  assert.is(outside.status, 400)
  const ok = await vnpt.post('/api/incidents', report('Trong tỉnh'), key('refused-first'))
  assert.is(ok.status, 201, 'the key is still free after a refusal')
  assert.is(countTitled(desk, 'Ngoài tỉnh'), 0)
})

test.run()
