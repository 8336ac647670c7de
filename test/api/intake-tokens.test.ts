// Organisation API tokens: shown once, stored hashed, revocable, and good for the intake endpoints
// only, where they act as an enterprise of their organisation.
import { createHash } from 'node:crypto'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { eventsAfter, headSeq, testDesk, type Client, type Reply, type TestDesk } from '../helpers'

interface Fixture {
  desk: TestDesk
  vnpt: Client
  viettel: Client
  admin: Client
  observer: Client
  crew: Client
  vnptOrg: number
}

let built: Promise<Fixture> | null = null
function fixture(): Promise<Fixture> {
  built ??= (async () => {
    const desk = await testDesk()
    const [vnpt, viettel, admin, observer, crew] = await Promise.all(
      ['enterprise', 'enterprise2', 'admin', 'observer', 'crew'].map((u) => desk.as(u)),
    )
    const vnptOrg = (await vnpt!.get('/api/me')).body.organizationId
    return { desk, vnpt: vnpt!, viettel: viettel!, admin: admin!, observer: observer!, crew: crew!, vnptOrg }
  })()
  return built
}

const report = (title: string) => ({ kind: 'outage', severity: 'low', title, lat: 10.62, lng: 107.45, radiusM: 0, services: [] })

/** A request the way an operator's system makes it: no cookie, no Origin, a Bearer token. */
async function bearer(desk: TestDesk, token: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await desk.app.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {}
  return { status: res.status, body: parsed, headers: res.headers }
}

async function newToken(c: Client, name: string, extra: Record<string, unknown> = {}) {
  const res = await c.post('/api/tokens', { name, ...extra })
  assert.is(res.status, 201, JSON.stringify(res.body))
  return res.body as { id: number; token: string; prefix: string; organizationId: number }
}

test('an enterprise creates a token: shown once, listed by prefix only, stored as its SHA-256', async () => {
  const { desk, vnpt, vnptOrg } = await fixture()
  const seq = headSeq(desk.deps)
  const created = await newToken(vnpt, 'Hệ thống NMS')
  assert.match(created.token, /^cdk_[A-Za-z0-9_-]{43}$/)
  assert.is(created.organizationId, vnptOrg)
  assert.ok(created.token.startsWith(created.prefix))
  assert.equal(eventsAfter(desk.deps, seq).map((e) => e.type), ['token.created'])
  const listed = (await vnpt.get('/api/tokens')).body as Record<string, unknown>[]
  const mine = listed.find((t) => t.id === created.id)!
  assert.is(mine.token, undefined, 'the list never carries the secret')
  assert.is(mine.name, 'Hệ thống NMS')
  const stored = desk.deps.db.$client.prepare('SELECT token_hash AS h FROM api_tokens WHERE id = ?').get(created.id) as { h: string }
  assert.is(stored.h, createHash('sha256').update(created.token).digest('hex'))
  assert.not.ok(JSON.stringify(desk.published).includes(created.token), 'the secret is in no event')
})

test('a token reports as an enterprise of its organisation, with no cookie and no Origin, source api', async () => {
  const { desk, vnpt, vnptOrg } = await fixture()
  const { token } = await newToken(vnpt, 'NMS báo cáo')
  const res = await bearer(desk, token, 'POST', '/api/incidents', { ...report('Báo cáo qua API'), organizationId: vnptOrg })
  assert.is(res.status, 201, JSON.stringify(res.body))
  assert.is(res.body.source, 'api')
  assert.is(res.body.organizationId, vnptOrg)
  const other = await bearer(desk, token, 'POST', '/api/incidents', { ...report('Cho đơn vị khác'), organizationId: vnptOrg + 1 })
  assert.is(other.status, 403, 'not for another organisation')
  const batch = await bearer(desk, token, 'POST', '/api/incidents/batch', { items: [report('Lô qua API')] })
  assert.is(batch.status, 200)
  assert.is(batch.body.results[0].incident.source, 'api')
  desk.clock.advance(120_000)
  await bearer(desk, token, 'POST', '/api/incidents', report('Lần nữa'))
  await desk.deps.writer.drain()
  const used = (await vnpt.get('/api/tokens')).body.find((t: { prefix: string }) => token.startsWith(t.prefix))
  assert.is(used.lastUsedAt, desk.clock.now(), 'last use is kept')
})

test('a token cannot reach any other route: 401', async () => {
  const { desk, vnpt } = await fixture()
  const { token, id } = await newToken(vnpt, 'Chỉ nhập liệu')
  const seq = headSeq(desk.deps)
  const tries: [string, string, unknown?][] = [
    ['GET', '/api/snapshot'],
    ['GET', '/api/incidents'],
    ['GET', '/api/me'],
    ['GET', '/api/tokens'],
    ['POST', '/api/tokens', { name: 'tự tạo thêm' }],
    ['POST', `/api/tokens/${id}/revoke`, {}],
    ['POST', '/api/crews', { name: 'Đội X', phone: '0901234567' }],
    ['PATCH', '/api/incidents/1', { title: 'sửa' }],
    ['POST', '/api/incidents/1/status', { status: 'resolved' }],
    ['GET', '/api/incidents/export.csv'],
    ['POST', '/api/auth/logout'],
  ]
  for (const [method, path, body] of tries) {
    const res = await bearer(desk, token, method, path, body)
    assert.is(res.status, 401, `${method} ${path}: ${JSON.stringify(res.body)}`)
    assert.is(res.body.code, 'unauthenticated')
  }
  assert.is(headSeq(desk.deps), seq, 'nothing written')
})

test('a revoked token is a 401; revoking leaves one event; a second revoke is a 409', async () => {
  const { desk, vnpt } = await fixture()
  const { token, id } = await newToken(vnpt, 'Sắp thu hồi')
  assert.is((await bearer(desk, token, 'POST', '/api/incidents', report('Trước khi thu hồi'))).status, 201)
  const seq = headSeq(desk.deps)
  const revoked = await vnpt.post(`/api/tokens/${id}/revoke`, { reason: 'Lộ khóa trong nhật ký' })
  assert.is(revoked.status, 200)
  assert.is(revoked.body.revokedAt, desk.clock.now())
  assert.equal(eventsAfter(desk.deps, seq).map((e) => e.type), ['token.revoked'])
  const after = await bearer(desk, token, 'POST', '/api/incidents', report('Sau khi thu hồi'))
  assert.is(after.status, 401)
  assert.is((await vnpt.post(`/api/tokens/${id}/revoke`, {})).status, 409)
  for (const fake of ['cdk_' + 'A'.repeat(43), 'not-a-token', '']) {
    assert.is((await bearer(desk, fake, 'POST', '/api/incidents', report('Khóa giả'))).status, 401, fake)
  }
})

test('an enterprise manages only its own organisation’s tokens; an admin any', async () => {
  const { desk, vnpt, viettel, admin, vnptOrg } = await fixture()
  const vnptToken = await newToken(vnpt, 'Của VNPT')
  assert.is((await viettel.post('/api/tokens', { name: 'Cho VNPT', organizationId: vnptOrg })).status, 403)
  const seq = headSeq(desk.deps)
  assert.is((await viettel.post(`/api/tokens/${vnptToken.id}/revoke`, {})).status, 404, 'another organisation’s token does not exist for it')
  assert.is(headSeq(desk.deps), seq)
  const listed = (await viettel.get('/api/tokens')).body as { organizationId: number }[]
  assert.ok(listed.every((t) => t.organizationId !== vnptOrg))
  const forVnpt = await newToken(admin, 'Do quản trị tạo', { organizationId: vnptOrg })
  assert.is(forVnpt.organizationId, vnptOrg)
  const res = await bearer(desk, forVnpt.token, 'POST', '/api/incidents', report('Token của quản trị tạo'))
  assert.is(res.body.organizationId, vnptOrg)
  assert.is((await admin.post(`/api/tokens/${vnptToken.id}/revoke`, {})).status, 200)
})

test('observers and crews may not create, list or revoke tokens: 403, no event', async () => {
  const { desk, vnpt, observer, crew } = await fixture()
  const { id } = await newToken(vnpt, 'Để thử quyền')
  for (const c of [observer, crew]) {
    const seq = headSeq(desk.deps)
    const create = await c.post('/api/tokens', { name: 'không được' })
    const revoke = await c.post(`/api/tokens/${id}/revoke`, {})
    const list = await c.get('/api/tokens')
    for (const r of [create, revoke, list]) {
      assert.is(r.status, 403, JSON.stringify(r.body))
      assert.is(r.body.code, 'forbidden')
    }
    assert.is(headSeq(desk.deps), seq, 'no event')
  }
  assert.is((await desk.anonymous().post('/api/tokens', { name: 'ẩn danh' })).status, 401)
})

test('a token name is checked like any text: unknown fields and empty names are refused', async () => {
  const { vnpt } = await fixture()
  const blank = await vnpt.post('/api/tokens', { name: '   ' })
  assert.is(blank.status, 400)
  assert.equal(blank.body.details[0].path, ['name'])
  const extra = await vnpt.post('/api/tokens', { name: 'ok', scopes: ['all'] })
  assert.is(extra.status, 400)
  // A cookie write still needs our Origin.
  const foreign = await vnpt.raw('/api/tokens', {
    method: 'POST',
    headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'từ trang lạ' }),
  })
  assert.is(foreign.status, 403)
})

test.run()
