// Roll-call lateness survives a restart: periods that fell due while the server was down are
// flagged on the first sweeps after it starts, once each, and the board still says who was late.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createApp } from '../../server/app'
import { fixedClock } from '../../server/clock'
import { loadConfig } from '../../server/config'
import type { Deps } from '../../server/context'
import { buildDeps } from '../../server/deps'
import { seedDemo } from '../../server/seed'
import { DEADLINE_HANDLERS } from '../../server/timers/handlers'
import { Sweeper } from '../../server/timers/sweeper'
import { DEMO_PASSWORD } from '../../db/seed/demo'

const MIN = 60_000
const HOUR = 60 * MIN

/** A signed-in caller of a desk built on the file, as the server would build it. */
async function caller(deps: Deps, username: string) {
  const app = createApp(deps)
  const headers = { 'content-type': 'application/json', origin: 'http://localhost' }
  const login = await app.request('/api/auth/login', { method: 'POST', headers, body: JSON.stringify({ username, password: DEMO_PASSWORD }) })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(path, { method, headers: { ...headers, cookie }, body: body === undefined ? undefined : JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as any }
  }
  return { get: (path: string) => call('GET', path), post: (path: string, body: unknown) => call('POST', path, body) }
}

const missed = (deps: Deps) =>
  (deps.db.$client.prepare(`SELECT data FROM events WHERE type = 'rollcall.missed' ORDER BY seq`).all() as { data: string }[]).map(
    (r) => JSON.parse(r.data) as { missed: { organizationId: number; areaId: number; index: number }; level: number },
  )

test('periods missed while the server was down are flagged after the restart, once, and lateness holds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'commsdesk-rollcall-'))
  try {
    const file = join(dir, 'desk.db')
    const clock = fixedClock() // 08:00 in Vũng Tàu
    const first = buildDeps(loadConfig({ DB_FILE: file }), clock)
    await seedDemo(first)
    const coordinator = await caller(first, 'coordinator')
    const vnpt = await caller(first, 'enterprise')
    const areas = (await coordinator.get('/api/areas')).body
    const vungTau = areas.find((a: any) => a.code === 'vung-tau').id
    const baRia = areas.find((a: any) => a.code === 'ba-ria').id
    const orgs = (await coordinator.get('/api/organizations')).body
    const org = (code: string) => orgs.find((o: any) => o.code === code).id
    const rc = (
      await coordinator.post('/api/rollcalls', { name: 'Ngày bầu cử', cadence: 'hourly', areaIds: [vungTau, baRia], organizationIds: [org('vnpt'), org('viettel')] })
    ).body
    clock.advance(10 * MIN)
    assert.is((await vnpt.post(`/api/rollcalls/${rc.id}/checkins`, { areaId: vungTau, sitesTotal: 40, outPower: 1 })).status, 201)
    await first.writer.drain()
    first.db.$client.close()

    // Down from 08:10 to 10:30: the 09:00 and 10:00 periods fall due meanwhile.
    clock.advance(2 * HOUR + 20 * MIN)
    const second = buildDeps(loadConfig({ DB_FILE: file }), clock)
    const a = new Sweeper(second, DEADLINE_HANDLERS)
    const b = new Sweeper(second, DEADLINE_HANDLERS)
    await Promise.all([a.sweep(), b.sweep()]) // the 09:00 period; it sets the 10:00 one, already due
    assert.is(missed(second).length, 3, '09:00: everyone but VNPT in Vũng Tàu, once despite two sweepers')
    await a.sweep()
    assert.is(missed(second).length, 3 + 4, '10:00: everyone')
    assert.is(await a.sweep(), 0, '11:00 is not due yet')
    const levels = missed(second)
      .filter((m) => m.missed.index === 2)
      .map((m) => [m.missed.organizationId, m.missed.areaId, m.level])
    assert.equal(
      levels.sort(),
      [
        [org('vnpt'), vungTau, 1],
        [org('vnpt'), baRia, 2],
        [org('viettel'), vungTau, 2],
        [org('viettel'), baRia, 2],
      ].sort(),
      'each counts the periods missed in a row',
    )
    // VNPT files at 10:35 for Vũng Tàu: late, for the 10:00 period it missed.
    const vnpt2 = await caller(second, 'enterprise')
    const late = await vnpt2.post(`/api/rollcalls/${rc.id}/checkins`, { areaId: vungTau, noChange: true })
    assert.is(late.status, 201, JSON.stringify(late.body))
    assert.is(late.body.sitesTotal, 40, 'no change: the numbers of 08:10')
    await second.writer.drain()
    second.db.$client.close()

    const third = buildDeps(loadConfig({ DB_FILE: file }), clock)
    assert.is(await new Sweeper(third, DEADLINE_HANDLERS).sweep(), 0, 'a restart fires nothing twice')
    assert.is(missed(third).length, 7)
    const board = (await (await caller(third, 'coordinator')).get(`/api/rollcalls/${rc.id}/board`)).body
    const state = (o: number, ar: number, i: number) =>
      board.cells.find((c: any) => c.organizationId === o && c.areaId === ar && c.index === i).state
    assert.equal(board.periods.map((p: any) => p.index), [1, 2, 3])
    assert.is(state(org('vnpt'), vungTau, 1), 'on_time')
    assert.is(state(org('vnpt'), vungTau, 2), 'late')
    assert.is(state(org('vnpt'), vungTau, 3), 'pending')
    assert.is(state(org('viettel'), baRia, 2), 'missing')
    third.db.$client.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
