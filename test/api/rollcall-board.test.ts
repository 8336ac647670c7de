// Roll-calls (DIRS-like): open, check in per area and period, the board of on time / late /
// missing, "no change since the last" in one tap, a missing check-in flagged at the due time and
// again each period, and closing.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { firstDueAt, periodOf, upcomingIndex } from '../../shared/rollcall-board'
import { eventsAfter, headSeq, testDesk, type Client, type TestDesk } from '../helpers'

const MIN = 60_000
const HOUR = 60 * MIN

interface Fixture {
  desk: TestDesk
  coordinator: Client
  vnpt: Client
  viettel: Client
  org: Record<string, number>
  area: Record<string, number>
}

async function fixture(env: Record<string, string> = {}): Promise<Fixture> {
  const desk = await testDesk({ env })
  const [coordinator, vnpt, viettel] = await Promise.all([desk.as('coordinator'), desk.as('enterprise'), desk.as('enterprise2')])
  const snap = (await coordinator.get('/api/snapshot')).body
  const org = Object.fromEntries(snap.organizations.map((o: any) => [o.code, o.id]))
  const area = Object.fromEntries(snap.areas.map((a: any) => [a.code, a.id]))
  return { desk, coordinator, vnpt, viettel, org, area }
}

async function open(f: Fixture, body: Record<string, unknown>) {
  const res = await f.coordinator.post('/api/rollcalls', { name: 'Bầu cử – báo cáo định kỳ', ...body })
  assert.is(res.status, 201, JSON.stringify(res.body))
  return res.body
}

const cell = (board: any, org: number, area: number, index: number) =>
  board.cells.find((c: any) => c.organizationId === org && c.areaId === area && c.index === index)?.state

const missedAfter = (desk: TestDesk, seq: number) =>
  desk.published.filter((e) => e.seq > seq && e.type === 'rollcall.missed').map((e) => e.data.missed!)

test('a daily roll-call: due at 09:00 local, on time, late and missing on the board, flagged again each period', async () => {
  const f = await fixture()
  const { desk } = f
  const areas = [f.area['vung-tau'], f.area['ba-ria']]
  let seq = headSeq(desk.deps)
  const rc = await open(f, { cadence: 'daily', dueMinute: 540, areaIds: areas })
  assert.equal(rc.organizationIds, [f.org.vnpt, f.org.viettel, f.org.mobifone, f.org.vnpost], 'every telecom and postal enterprise by default')
  const opened = desk.published.find((e) => e.seq > seq && e.type === 'rollcall.opened')!
  assert.equal(opened.orgIds, rc.organizationIds, 'each called enterprise is told')
  // The desk's clock starts at 08:00 in Vũng Tàu: the first check-in is due at 09:00 the same day.
  assert.is(firstDueAt(rc), desk.clock.now() + HOUR)

  desk.clock.advance(42 * MIN) // 08:42
  const filed = await f.vnpt.post(`/api/rollcalls/${rc.id}/checkins`, { areaId: areas[0], sitesTotal: 120, outPower: 3, outTransmission: 1, outDamage: 0, generatorsDeployed: 2 })
  assert.is(filed.status, 201, JSON.stringify(filed.body))
  assert.is(filed.body.periodStart, periodOf(rc, 1).periodStart)
  assert.is(filed.body.noChange, false)
  let board = (await f.coordinator.get(`/api/rollcalls/${rc.id}/board`)).body
  assert.equal(board.periods.map((p: any) => p.index), [1])
  assert.is(cell(board, f.org.vnpt, areas[0], 1), 'on_time')
  assert.is(cell(board, f.org.viettel, areas[0], 1), 'pending', 'not due yet')

  seq = headSeq(desk.deps)
  desk.clock.advance(18 * MIN - 1) // 08:59:59.999
  await desk.sweeper.sweep()
  assert.equal(missedAfter(desk, seq), [])
  desk.clock.advance(1) // 09:00
  await desk.sweeper.sweep()
  const missed = missedAfter(desk, seq)
  assert.is(missed.length, 4 * 2 - 1, 'one per enterprise and area without a check-in')
  assert.not.ok(missed.some((m) => m.organizationId === f.org.vnpt && m.areaId === areas[0]))
  assert.ok(desk.published.filter((e) => e.seq > seq).every((e) => e.data.level === 1))
  const viettelMiss = desk.published.find((e) => e.seq > seq && e.data.missed?.organizationId === f.org.viettel)!
  assert.equal(viettelMiss.orgIds, [f.org.viettel], 'each miss goes to its enterprise')

  desk.clock.advance(10 * MIN) // 09:10: Viettel files late for the period that just fell due
  const late = await f.viettel.post(`/api/rollcalls/${rc.id}/checkins`, { areaId: areas[0], sitesTotal: 80, outPower: 0 })
  assert.is(late.status, 201, JSON.stringify(late.body))
  assert.is(late.body.periodStart, periodOf(rc, 1).periodStart)
  desk.clock.advance(10 * MIN) // and again: now for tomorrow's period
  const next = await f.viettel.post(`/api/rollcalls/${rc.id}/checkins`, { areaId: areas[0], noChange: true })
  assert.is(next.status, 201, JSON.stringify(next.body))
  assert.is(next.body.periodStart, periodOf(rc, 2).periodStart)
  const third = await f.viettel.post(`/api/rollcalls/${rc.id}/checkins`, { areaId: areas[0], noChange: true })
  assert.is(third.status, 409, 'both periods filed')

  board = (await f.coordinator.get(`/api/rollcalls/${rc.id}/board`)).body
  assert.equal(board.periods.map((p: any) => p.index), [1, 2])
  assert.is(cell(board, f.org.vnpt, areas[0], 1), 'on_time')
  assert.is(cell(board, f.org.viettel, areas[0], 1), 'late')
  assert.is(cell(board, f.org.mobifone, areas[0], 1), 'missing')
  assert.is(cell(board, f.org.vnpost, areas[1], 1), 'missing')
  assert.is(cell(board, f.org.viettel, areas[0], 2), 'on_time')
  assert.is(cell(board, f.org.vnpt, areas[0], 2), 'pending')

  seq = headSeq(desk.deps)
  desk.clock.advance(24 * HOUR - 20 * MIN) // 09:00 the next day
  await desk.sweeper.sweep()
  const second = desk.published.filter((e) => e.seq > seq && e.type === 'rollcall.missed')
  assert.is(second.length, 4 * 2 - 1, 'flagged again: everyone but Viettel in Vũng Tàu')
  const level = (org: number, area: number) => second.find((e) => e.data.missed!.organizationId === org && e.data.missed!.areaId === area)?.data.level
  assert.is(level(f.org.vnpt, areas[0]), 1, 'on time yesterday: the first miss in a row')
  assert.is(level(f.org.vnpt, areas[1]), 2, 'missed both days')
  assert.is(level(f.org.viettel, areas[1]), 2)
  assert.is(level(f.org.viettel, areas[0]), undefined)
})

test('one tap "no change" repeats the last numbers; the numbers must make sense', async () => {
  const f = await fixture()
  const { desk } = f
  const areaId = f.area['con-dao']
  const rc = await open(f, { cadence: 'hourly', areaIds: [areaId], organizationIds: [f.org.vnpt, f.org.vnpost] })
  const post = (c: Client, body: unknown) => c.post(`/api/rollcalls/${rc.id}/checkins`, body)
  const seq = headSeq(desk.deps)
  const bad: [unknown, string][] = [
    [{ areaId, noChange: true }, 'noChange'],
    [{ areaId }, 'sitesTotal'],
    [{ areaId, noChange: true, outPower: 2 }, 'outPower'],
    [{ areaId, sitesTotal: 2, outPower: 2, outDamage: 1 }, 'sitesTotal'],
    [{ areaId, outPower: -1 }, 'outPower'],
    [{ areaId, outPower: 1.5 }, 'outPower'],
    [{ areaId: f.area['vung-tau'], sitesTotal: 1 }, 'areaId'],
    [{ areaId, sitesTotal: 1, note: 'a\u0000b' }, 'note'],
    [{ areaId, sitesTotal: 1, organizationId: f.org.vnpt }, ''],
  ]
  for (const [body, field] of bad) {
    const res = await post(f.vnpt, body)
    if (field === '') {
      assert.is(res.status, 201, 'naming its own organisation is fine')
      break
    }
    assert.is(res.status, 400, JSON.stringify(body))
    assert.ok(res.body.details.some((d: any) => d.path.join('.') === field), `${JSON.stringify(body)}: ${JSON.stringify(res.body.details)}`)
  }
  desk.clock.advance(HOUR + MIN) // 09:01: the next period
  const copy = await post(f.vnpt, { areaId, noChange: true })
  assert.is(copy.status, 201, JSON.stringify(copy.body))
  assert.is(copy.body.noChange, true)
  assert.is(copy.body.sitesTotal, 1, 'the numbers of the last check-in')
  assert.is(copy.body.outPower, null)
  // The post office reports offices and routes; the authority may file for it (taken by phone).
  const postal = await f.coordinator.post(`/api/rollcalls/${rc.id}/checkins`, { areaId, organizationId: f.org.vnpost, officesClosed: 1, routesSuspended: 2, note: 'Tàu ra đảo hoãn' })
  assert.is(postal.status, 201, JSON.stringify(postal.body))
  assert.is(postal.body.organizationId, f.org.vnpost)
  const noOrg = await f.coordinator.post(`/api/rollcalls/${rc.id}/checkins`, { areaId, officesClosed: 1 })
  assert.is(noOrg.status, 400)
  assert.equal(noOrg.body.details[0].path, ['organizationId'])
  const types = eventsAfter(desk.deps, seq).map((e) => e.type)
  assert.equal(types.filter((t) => t === 'rollcall.checked_in').length, 3)
})

test('closing ends the roll-call: no more check-ins, nothing flagged after', async () => {
  const f = await fixture()
  const { desk } = f
  const rc = await open(f, { cadence: 'hourly', areaIds: [f.area['vung-tau']] })
  let seq = headSeq(desk.deps)
  const closed = await f.coordinator.post(`/api/rollcalls/${rc.id}/close`, { note: 'Kết thúc bầu cử' })
  assert.is(closed.status, 200, JSON.stringify(closed.body))
  assert.is(closed.body.closedAt, desk.clock.now())
  assert.equal(eventsAfter(desk.deps, seq).map((e) => e.type), ['rollcall.closed'])
  assert.is((await f.coordinator.post(`/api/rollcalls/${rc.id}/close`, {})).status, 409)
  assert.is((await f.vnpt.post(`/api/rollcalls/${rc.id}/checkins`, { areaId: f.area['vung-tau'], sitesTotal: 3 })).status, 409)
  seq = headSeq(desk.deps)
  desk.clock.advance(5 * HOUR)
  await desk.sweeper.sweep()
  assert.equal(eventsAfter(desk.deps, seq), [], 'no period falls due once closed')
  const board = (await f.coordinator.get(`/api/rollcalls/${rc.id}/board`)).body
  assert.equal(board.periods, [], 'closed before its first due time: no period counts')
})

test('opening checks its areas, organisations and cadence', async () => {
  const f = await fixture()
  const seq = headSeq(f.desk.deps)
  const cases: [unknown, string][] = [
    [{ name: 'x', cadence: 'daily', areaIds: [9999] }, 'areaIds.0'],
    [{ name: 'x', cadence: 'daily', areaIds: [] }, 'areaIds'],
    [{ name: 'x', cadence: 'weekly', areaIds: [f.area['vung-tau']] }, 'cadence'],
    [{ name: 'x', cadence: 'daily', dueMinute: 1440, areaIds: [f.area['vung-tau']] }, 'dueMinute'],
    [{ name: 'x', cadence: 'daily', areaIds: [f.area['vung-tau']], organizationIds: [f.org.vnpt, 9999] }, 'organizationIds.1'],
    [{ name: '', cadence: 'daily', areaIds: [f.area['vung-tau']] }, 'name'],
  ]
  for (const [body, field] of cases) {
    const res = await f.coordinator.post('/api/rollcalls', body)
    assert.is(res.status, 400, JSON.stringify(body))
    assert.equal(res.body.details[0].path.join('.'), field, JSON.stringify(res.body.details))
  }
  assert.is(headSeq(f.desk.deps), seq)
})

test('who may do what: staff manage, enterprises file their own, observers and crews only look or not at all', async () => {
  const f = await fixture()
  const { desk } = f
  const areaId = f.area['vung-tau']
  const rc = await open(f, { cadence: 'hourly', areaIds: [areaId], organizationIds: [f.org.vnpt, f.org.viettel] })
  const [observer, crew, postal, admin] = await Promise.all([desk.as('observer'), desk.as('crew'), desk.as('postal'), desk.as('admin')])
  const openBody = { name: 'x', cadence: 'daily', areaIds: [areaId] }
  const checkin = { areaId, sitesTotal: 4 }
  const seq = headSeq(desk.deps)
  const refusals: [Client, string, unknown, number][] = [
    [observer, '/api/rollcalls', openBody, 403],
    [f.vnpt, '/api/rollcalls', openBody, 403],
    [crew, '/api/rollcalls', openBody, 403],
    [observer, `/api/rollcalls/${rc.id}/close`, {}, 403],
    [f.vnpt, `/api/rollcalls/${rc.id}/close`, {}, 403],
    [crew, `/api/rollcalls/${rc.id}/close`, {}, 403],
    [observer, `/api/rollcalls/${rc.id}/checkins`, checkin, 403],
    [crew, `/api/rollcalls/${rc.id}/checkins`, checkin, 403],
    [postal, `/api/rollcalls/${rc.id}/checkins`, checkin, 404],
    [f.vnpt, `/api/rollcalls/${rc.id}/checkins`, { ...checkin, organizationId: f.org.viettel }, 403],
    [f.coordinator, `/api/rollcalls/9999/checkins`, { ...checkin, organizationId: f.org.vnpt }, 404],
    [desk.anonymous(), `/api/rollcalls/${rc.id}/checkins`, checkin, 401],
  ]
  for (const [client, path, body, status] of refusals) {
    const res = await client.post(path, body)
    assert.is(res.status, status, `${path}: ${JSON.stringify(res.body)}`)
  }
  assert.equal(eventsAfter(desk.deps, seq), [], 'refusals leave no trace')
  assert.is((await f.vnpt.post(`/api/rollcalls/${rc.id}/checkins`, checkin)).status, 201)
  assert.is((await admin.post(`/api/rollcalls/${rc.id}/checkins`, { ...checkin, organizationId: f.org.viettel })).status, 201)
  // Reading: an enterprise sees only the roll-calls that call it, and only its own rows.
  assert.equal((await postal.get('/api/rollcalls')).body, [])
  assert.is((await postal.get(`/api/rollcalls/${rc.id}/board`)).status, 404)
  const mine = (await f.vnpt.get(`/api/rollcalls/${rc.id}/board`)).body
  assert.ok(mine.cells.length > 0 && mine.cells.every((c: any) => c.organizationId === f.org.vnpt))
  assert.is((await crew.get('/api/rollcalls')).status, 403)
  assert.is((await observer.get(`/api/rollcalls/${rc.id}/board`)).status, 200)
  const snap = (await f.vnpt.get('/api/snapshot')).body
  assert.equal(snap.rollcalls.map((r: any) => r.id), [rc.id])
  assert.ok(snap.checkins.every((c: any) => c.organizationId === f.org.vnpt))
  assert.equal((await postal.get('/api/snapshot')).body.rollcalls, [])
})

test('period arithmetic: hourly at the minute of dueMinute, never less than half an hour for the first', () => {
  const at = (h: number, m: number) => Date.UTC(2026, 4, 23, h - 7, m) // local time in Vũng Tàu
  const hourly = { cadence: 'hourly' as const, dueMinute: 15, openedAt: at(8, 50) }
  assert.is(firstDueAt(hourly), at(10, 15), '09:15 is less than 30 min after 08:50: the first is due at 10:15')
  assert.is(upcomingIndex(hourly, at(10, 15)), 1, 'at the due time exactly: still that period')
  assert.is(upcomingIndex(hourly, at(10, 15) + 1), 2)
  assert.is(periodOf(hourly, 3).dueAt, at(12, 15))
  const daily = { cadence: 'daily' as const, dueMinute: 540, openedAt: at(8, 45) }
  assert.is(firstDueAt(daily), at(9, 0) + 24 * HOUR, 'less than 30 min before 09:00: the first is tomorrow')
  assert.is(periodOf(daily, 2).dueAt - periodOf(daily, 1).dueAt, 24 * HOUR)
})

test.run()
