// Sign-in, sessions and the login throttle; the event log's hash chain, its append-only trigger,
// and the command that verifies it; the pragmas every connection is opened with.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { assertPragmas, openDb } from '../../db/client'
import { DEMO_PASSWORD } from '../../db/seed/demo'
import { createApp } from '../../server/app'
import { fixedClock } from '../../server/clock'
import { loadConfig } from '../../server/config'
import type { Deps } from '../../server/context'
import { buildDeps } from '../../server/deps'
import { verifyChain } from '../../server/events/log'
import { seedDemo } from '../../server/seed'
import { ORIGIN, eventsAfter, headSeq, testDesk, type TestDesk } from '../helpers'

const dirs: string[] = []
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'commsdesk-test-'))
  dirs.push(dir)
  return join(dir, 'desk.db')
}
test.after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A seeded desk on a database file, as the server opens it. */
async function fileDesk(file: string, clock = fixedClock()): Promise<Deps> {
  const deps = buildDeps(loadConfig({ DB_FILE: file }), clock)
  await seedDemo(deps)
  return deps
}

function close(deps: Deps) {
  deps.writer.close()
  deps.db.$client.close()
}

async function login(app: ReturnType<typeof createApp>, username: string, password: string) {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  return { status: res.status, headers: res.headers, body: (await res.json()) as any }
}

let shared: Promise<TestDesk> | null = null
const desk = () => (shared ??= testDesk())

test('signing in sets an HttpOnly, SameSite=Lax session cookie and logs the sign-in', async () => {
  const d = await desk()
  const seq = headSeq(d.deps)
  const res = await d
    .anonymous()
    .post('/api/auth/login', { username: 'coordinator', password: DEMO_PASSWORD })
  assert.is(res.status, 200, JSON.stringify(res.body))
  assert.is(res.body.username, 'coordinator')
  const cookie = res.headers.get('set-cookie') ?? ''
  assert.match(cookie, /^cd_session=[\w-]{40,};/)
  assert.match(cookie, /;\s*HttpOnly/i)
  assert.match(cookie, /;\s*SameSite=Lax/i)
  assert.match(cookie, /;\s*Path=\//i)
  assert.not.match(cookie, /;\s*Secure/i, 'plain http: no Secure flag, or the browser drops it')
  assert.equal(
    eventsAfter(d.deps, seq).map((e) => e.type),
    ['user.logged_in'],
  )
  // The token is stored hashed: the database alone does not sign anyone in.
  const token = cookie.split(';')[0]!.split('=')[1]!
  const rows = d.deps.db.$client.prepare('SELECT token_hash AS h FROM sessions').all() as {
    h: string
  }[]
  assert.ok(rows.every((r) => r.h !== token))
  assert.ok(rows.some((r) => r.h === createHash('sha256').update(token).digest('hex')))
})

test('over https the session cookie is Secure', async () => {
  const d = await desk()
  const res = await d.app.request('https://desk.example/api/auth/login', {
    method: 'POST',
    headers: { origin: 'https://desk.example', 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'observer', password: DEMO_PASSWORD }),
  })
  assert.is(res.status, 200)
  assert.match(res.headers.get('set-cookie') ?? '', /;\s*Secure/i)
})

test('a wrong password and an unknown user answer alike, and write no event', async () => {
  const d = await desk()
  const seq = headSeq(d.deps)
  const published = d.published.length
  const wrong = await d
    .anonymous()
    .post('/api/auth/login', { username: 'observer', password: 'not it' })
  const unknown = await d
    .anonymous()
    .post('/api/auth/login', { username: 'nobody', password: 'not it' })
  assert.is(wrong.status, 401)
  assert.is(wrong.body.code, 'invalid_credentials')
  assert.equal(unknown.body, wrong.body)
  assert.is(unknown.status, wrong.status)
  assert.is(wrong.headers.get('set-cookie'), null)
  assert.is(unknown.headers.get('set-cookie'), null)
  assert.is(headSeq(d.deps), seq)
  assert.is(d.published.length, published)
})

test('a user created with capitals signs in, in any case, and is one user', async () => {
  const d = await desk()
  const admin = await d.as('admin')
  const password = 'a long enough password'
  const created = await admin.post('/api/users', {
    username: 'NguyenVanA',
    displayName: 'Nguyễn Văn A',
    password,
    role: 'observer',
    organizationId: 1,
  })
  assert.is(created.status, 201, JSON.stringify(created.body))
  for (const username of ['NguyenVanA', 'nguyenvana', 'NGUYENVANA']) {
    const res = await d.anonymous().post('/api/auth/login', { username, password })
    assert.is(res.status, 200, `${username}: ${JSON.stringify(res.body)}`)
  }
  const seq = headSeq(d.deps)
  const twin = await admin.post('/api/users', {
    username: 'nguyenvana',
    displayName: 'Nguyễn Văn A (2)',
    password,
    role: 'observer',
    organizationId: 1,
  })
  assert.is(twin.status, 409, JSON.stringify(twin.body))
  assert.is(headSeq(d.deps), seq)
})

test('after 5 failures the account answers 429 with Retry-After, even to the right password', async () => {
  const d = await desk()
  for (let i = 0; i < 5; i++) {
    const res = await d
      .anonymous()
      .post('/api/auth/login', { username: 'postal', password: `guess ${i}` })
    assert.is(res.status, 401, `attempt ${i + 1}`)
  }
  const seq = headSeq(d.deps)
  const locked = await d
    .anonymous()
    .post('/api/auth/login', { username: 'postal', password: DEMO_PASSWORD })
  assert.is(locked.status, 429, JSON.stringify(locked.body))
  assert.is(locked.body.code, 'too_many_attempts')
  const retry = Number(locked.headers.get('retry-after'))
  assert.ok(retry > 0 && retry <= 15 * 60, `Retry-After ${retry}`)
  assert.is(locked.headers.get('set-cookie'), null)
  assert.is(headSeq(d.deps), seq, 'no session, no event')
  // An unknown name locks the same way, so the throttle tells nothing about who exists.
  for (let i = 0; i < 5; i++)
    await d.anonymous().post('/api/auth/login', { username: 'ghost', password: 'x' })
  assert.is(
    (await d.anonymous().post('/api/auth/login', { username: 'ghost', password: 'x' })).status,
    429,
  )
  // Once the lock has run out, the right password works again.
  d.clock.advance(retry * 1000)
  const back = await d
    .anonymous()
    .post('/api/auth/login', { username: 'postal', password: DEMO_PASSWORD })
  assert.is(back.status, 200, JSON.stringify(back.body))
})

test('the login throttle survives a restart', async () => {
  const file = tempFile()
  const clock = fixedClock()
  const first = await fileDesk(file, clock)
  const app = createApp(first)
  for (let i = 0; i < 5; i++) assert.is((await login(app, 'enterprise', `guess ${i}`)).status, 401)
  close(first)

  clock.advance(60_000)
  const again = buildDeps(loadConfig({ DB_FILE: file }), clock)
  try {
    const res = await login(createApp(again), 'enterprise', DEMO_PASSWORD)
    assert.is(res.status, 429, JSON.stringify(res.body))
    assert.is(res.body.code, 'too_many_attempts')
    assert.ok(Number(res.headers.get('retry-after')) > 0)
  } finally {
    close(again)
  }
})

test('signing out ends the session', async () => {
  const d = await desk()
  const c = await d.as('enterprise2')
  assert.is((await c.get('/api/me')).status, 200)
  const seq = headSeq(d.deps)
  const res = await c.post('/api/auth/logout')
  assert.is(res.status, 200, JSON.stringify(res.body))
  assert.match(res.headers.get('set-cookie') ?? '', /cd_session=;.*Max-Age=0/i)
  assert.equal(
    eventsAfter(d.deps, seq).map((e) => e.type),
    ['user.logged_out'],
  )
  const me = await c.get('/api/me')
  assert.is(me.status, 401)
  assert.is(me.body.code, 'unauthenticated')
  const after = headSeq(d.deps)
  assert.is(
    (await c.patch('/api/me', { locale: 'en' })).status,
    401,
    'the old cookie writes nothing',
  )
  assert.is(headSeq(d.deps), after)
})

test('a disabled user can no longer use its session, nor sign in', async () => {
  const d = await desk()
  const [admin, crew] = await Promise.all([d.as('admin'), d.as('crew2')])
  const me = (await crew.get('/api/me')).body
  const seq = headSeq(d.deps)
  const res = await admin.patch(`/api/users/${me.id}`, { disabled: true })
  assert.is(res.status, 200, JSON.stringify(res.body))
  assert.is(res.body.disabled, true)
  assert.equal(
    eventsAfter(d.deps, seq).map((e) => e.type),
    ['user.updated'],
  )

  const after = headSeq(d.deps)
  assert.is((await crew.get('/api/me')).status, 401)
  assert.is((await crew.get('/api/dispatches')).status, 401)
  assert.is(
    (await crew.post(`/api/crews/${me.crewId}/position`, { lat: 10.5, lng: 107.2 })).status,
    401,
  )
  const relogin = await d
    .anonymous()
    .post('/api/auth/login', { username: 'crew2', password: DEMO_PASSWORD })
  assert.is(relogin.status, 401)
  assert.is(
    relogin.body.code,
    'invalid_credentials',
    'a disabled account looks like a wrong password',
  )
  assert.is(headSeq(d.deps), after)

  assert.is((await admin.patch(`/api/users/${me.id}`, { disabled: false })).status, 200)
  assert.is(
    (await d.anonymous().post('/api/auth/login', { username: 'crew2', password: DEMO_PASSWORD }))
      .status,
    200,
  )
})

test('the hash chain verifies after writes', async () => {
  const d = await desk()
  const c = await d.as('coordinator')
  const inc = await c.post('/api/incidents', {
    kind: 'congestion',
    severity: 'low',
    title: 'Nghẽn mạng',
    lat: 10.34,
    lng: 107.08,
  })
  assert.is(inc.status, 201)
  assert.is(
    (await c.post(`/api/incidents/${inc.body.id}/status`, { status: 'acknowledged' })).status,
    200,
  )
  const result = verifyChain(d.deps.db)
  assert.ok(result.ok)
  assert.is(result.brokenAt, null)
  assert.is(result.count, headSeq(d.deps))
  const last = d.deps.db.$client
    .prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1')
    .get()
  assert.equal(result.head, last)
})

test('the database refuses to update or delete an event', async () => {
  const d = await desk()
  const sqlite = d.deps.db.$client
  const before = sqlite.prepare('SELECT * FROM events WHERE seq = 3').get()
  assert.throws(
    () => sqlite.prepare(`UPDATE events SET data = '{}' WHERE seq = 3`).run(),
    /append-only/,
  )
  assert.throws(() => sqlite.prepare('DELETE FROM events WHERE seq = 3').run(), /append-only/)
  assert.equal(sqlite.prepare('SELECT * FROM events WHERE seq = 3').get(), before)
  assert.ok(verifyChain(d.deps.db).ok)
})

test('an edited event breaks the chain at its seq, and the audit endpoint says so', async () => {
  const d = await testDesk()
  const admin = await d.as('admin')
  const clean = await admin.get('/api/audit/verify')
  assert.is(clean.status, 200)
  assert.is(clean.body.ok, true)

  const n = 7
  const sqlite = d.deps.db.$client
  sqlite.exec('DROP TRIGGER events_no_update')
  sqlite
    .prepare(`UPDATE events SET data = json_set(data, '$.note', 'sửa lén') WHERE seq = ?`)
    .run(n)
  const result = verifyChain(d.deps.db)
  assert.is(result.ok, false)
  assert.is(result.brokenAt, n)
  assert.is(result.count, n - 1)
  const res = await admin.get('/api/audit/verify')
  assert.is(res.status, 200)
  assert.equal(res.body, result)
})

test('a missing event breaks the chain where the gap is', async () => {
  const d = await testDesk()
  const sqlite = d.deps.db.$client
  sqlite.exec('DROP TRIGGER events_no_delete')
  sqlite.prepare('DELETE FROM events WHERE seq = 4').run()
  const result = verifyChain(d.deps.db)
  assert.is(result.ok, false)
  assert.is(result.brokenAt, 5)
})

test('the audit command exits 0 on an intact log and 2 naming the seq of a tampered one', async () => {
  const file = tempFile()
  close(await fileDesk(file))
  const run = () =>
    spawnSync('npx', ['tsx', 'scripts/audit-verify.ts'], {
      env: { ...process.env, DB_FILE: file },
      encoding: 'utf8',
    })
  const intact = run()
  assert.is(intact.status, 0, intact.stderr)
  assert.match(intact.stdout, /intact/)

  const n = 12
  const sqlite = new Database(file)
  sqlite.exec('DROP TRIGGER events_no_update')
  sqlite.prepare(`UPDATE events SET at = at + 1 WHERE seq = ?`).run(n)
  sqlite.close()
  const broken = run()
  assert.is(broken.status, 2, broken.stdout + broken.stderr)
  assert.match(broken.stderr, new RegExp(`seq ${n}\\b`))
})

test('a connection opens with WAL, synchronous FULL, foreign keys and a busy timeout', () => {
  const file = tempFile()
  const db = openDb(file)
  try {
    const read = (p: string) => db.$client.pragma(p, { simple: true })
    assert.is(read('journal_mode'), 'wal')
    assert.is(read('synchronous'), 2)
    assert.is(read('foreign_keys'), 1)
    assert.ok(Number(read('busy_timeout')) >= 5000)
  } finally {
    db.$client.close()
  }
  // A connection opened bare (better-sqlite3 alone gives synchronous NORMAL under WAL) is caught.
  const bare = new Database(file)
  try {
    assert.throws(() => assertPragmas(bare, 'wal'), /pragmas not as required/)
  } finally {
    bare.close()
  }
})

test.run()
