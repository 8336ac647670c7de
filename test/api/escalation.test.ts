import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { fixedClock } from '../../server/clock'
import { loadConfig } from '../../server/config'
import { buildDeps } from '../../server/deps'
import { seedDemo } from '../../server/seed'
import { DEADLINE_HANDLERS } from '../../server/timers/handlers'
import { Sweeper } from '../../server/timers/sweeper'
import { eventsAfter, headSeq, testDesk, type TestDesk } from '../helpers'

const MIN = 60_000

async function dispatched(desk: TestDesk, severity: 'critical' | 'high' | 'medium' | 'low' = 'critical') {
  const [enterprise, coordinator, crew] = await Promise.all([desk.as('enterprise'), desk.as('coordinator'), desk.as('crew')])
  const incident = (
    await enterprise.post('/api/incidents', {
      kind: 'outage', cause: 'power', severity, title: 'Mất điện trạm', services: ['mobile'], lat: 10.4, lng: 107.12, radiusM: 100,
    })
  ).body
  const crewId = (await crew.get('/api/me')).body.crewId
  const dispatch = (await coordinator.post('/api/dispatches', { incidentId: incident.id, crewId, task: 'Đến ngay' })).body
  assert.ok(dispatch.id, JSON.stringify(dispatch))
  return { incident, dispatch, coordinator, crew, enterprise }
}

const typesAfter = (desk: TestDesk, seq: number) => eventsAfter(desk.deps, seq).map((e) => e.type)

test('an unacknowledged dispatch escalates once per deadline, again after the next, and stops once acknowledged', async () => {
  const desk = await testDesk()
  const { dispatch, crew } = await dispatched(desk, 'critical')
  let seq = headSeq(desk.deps)
  desk.clock.advance(5 * MIN - 1)
  assert.is(await desk.sweeper.sweep(), 0, 'not yet due')
  desk.clock.advance(1)
  assert.is(await desk.sweeper.sweep(), 1)
  assert.equal(typesAfter(desk, seq), ['dispatch.escalated'])
  const escalated = desk.published.at(-1)!
  assert.is(escalated.data.level, 1)
  assert.is(escalated.data.reason, 'no_ack')
  assert.is(escalated.data.dispatch!.id, dispatch.id)
  seq = headSeq(desk.deps)
  assert.is(await desk.sweeper.sweep(), 0, 'the same deadline never fires twice')
  desk.clock.advance(5 * MIN)
  await desk.sweeper.sweep() // the incident's no-dispatch clock is due too, and finds a dispatch
  assert.equal(typesAfter(desk, seq), ['dispatch.escalated'])
  assert.is(desk.published.at(-1)!.data.level, 2)
  assert.is((await crew.post(`/api/dispatches/${dispatch.id}/status`, { status: 'acknowledged' })).status, 200)
  seq = headSeq(desk.deps)
  desk.clock.advance(10 * MIN)
  await desk.sweeper.sweep()
  assert.not.ok(typesAfter(desk, seq).includes('dispatch.escalated'), 'an acknowledged dispatch does not escalate for acknowledgement')
})

test('an acknowledged dispatch with no progress escalates; a step resets the clock', async () => {
  const desk = await testDesk()
  const { dispatch, crew } = await dispatched(desk, 'medium')
  await crew.post(`/api/dispatches/${dispatch.id}/status`, { status: 'acknowledged' })
  desk.clock.advance(20 * MIN)
  await crew.post(`/api/dispatches/${dispatch.id}/status`, { status: 'en_route' })
  let seq = headSeq(desk.deps)
  desk.clock.advance(10 * MIN) // 30 min after acknowledging, but only 10 after the last step
  await desk.sweeper.sweep()
  assert.equal(typesAfter(desk, seq), [], 'progress since the deadline was set')
  desk.clock.advance(20 * MIN)
  await desk.sweeper.sweep()
  assert.equal(typesAfter(desk, seq), ['dispatch.escalated'])
  assert.is(desk.published.at(-1)!.data.reason, 'no_progress')
})

test('a crew on site that goes quiet is reported; a check-in starts the clock again', async () => {
  const desk = await testDesk()
  const { dispatch, crew, coordinator } = await dispatched(desk, 'high')
  for (const status of ['acknowledged', 'en_route', 'on_site']) await crew.post(`/api/dispatches/${dispatch.id}/status`, { status })
  desk.clock.advance(60 * MIN)
  let seq = headSeq(desk.deps)
  const checkin = await crew.post(`/api/dispatches/${dispatch.id}/checkin`, { position: { lat: 10.4, lng: 107.12 } })
  assert.is(checkin.status, 200, JSON.stringify(checkin.body))
  assert.equal(typesAfter(desk, seq), ['dispatch.checked_in'])
  desk.clock.advance(60 * MIN) // 67.5 min after arriving would have fired; the check-in moved it
  seq = headSeq(desk.deps)
  await desk.sweeper.sweep()
  assert.equal(typesAfter(desk, seq), [])
  desk.clock.advance(8 * MIN)
  await desk.sweeper.sweep()
  assert.equal(typesAfter(desk, seq), ['crew.checkin_missed'])
  // Who may check in: the crew itself and the coordinators; not an observer, not another crew.
  const observer = await desk.as('observer')
  const crew2 = await desk.as('crew2')
  seq = headSeq(desk.deps)
  assert.is((await observer.post(`/api/dispatches/${dispatch.id}/checkin`, {})).status, 403)
  assert.is((await crew2.post(`/api/dispatches/${dispatch.id}/checkin`, {})).status, 404)
  assert.is(headSeq(desk.deps), seq, 'refused check-ins append nothing')
  assert.is((await coordinator.post(`/api/dispatches/${dispatch.id}/checkin`, {})).status, 200)
})

test('a high incident nobody is sent to escalates; a dispatch stops it', async () => {
  const desk = await testDesk()
  const enterprise = await desk.as('enterprise')
  const incident = (
    await enterprise.post('/api/incidents', {
      kind: 'outage', cause: 'power', severity: 'high', title: 'Mất sóng', services: ['mobile'], lat: 10.4, lng: 107.12, radiusM: 100,
    })
  ).body
  const low = (
    await enterprise.post('/api/incidents', {
      kind: 'degradation', severity: 'low', title: 'Chậm', services: ['internet'], lat: 10.41, lng: 107.13, radiusM: 100,
    })
  ).body
  let seq = headSeq(desk.deps)
  desk.clock.advance(10 * MIN)
  await desk.sweeper.sweep()
  const fired = desk.published.filter((e) => e.seq > seq)
  assert.equal(fired.map((e) => [e.type, e.entityId]), [['incident.escalated', incident.id]], 'only the high one')
  assert.not.ok(fired.some((e) => e.entityId === low.id))
  const coordinator = await desk.as('coordinator')
  const kept = (await coordinator.get(`/api/incidents/${incident.id}`)).body.incident
  assert.is(kept.escalationLevel, 1, 'the escalation is kept on the incident, so a reload still shows it')
  const crewId = (await coordinator.get('/api/crews')).body.find((c: any) => c.status === 'available').id
  await coordinator.post('/api/dispatches', { incidentId: incident.id, crewId, task: 'Đi' })
  seq = headSeq(desk.deps)
  desk.clock.advance(10 * MIN)
  await desk.sweeper.sweep()
  assert.not.ok(typesAfter(desk, seq).includes('incident.escalated'))
})

test('deadlines survive a restart and fire exactly once across it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'commsdesk-timers-'))
  try {
    const file = join(dir, 'desk.db')
    const clock = fixedClock()
    const first = buildDeps(loadConfig({ DB_FILE: file }), clock)
    await seedDemo(first)
    const app = await import('../../server/app')
    const desk1 = app.createApp(first)
    const login = async (username: string) => {
      const res = await desk1.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify({ username, password: 'commsdesk-demo' }),
      })
      return res.headers.get('set-cookie')!.split(';')[0]!
    }
    const cookie = await login('coordinator')
    const post = (path: string, body: unknown) =>
      desk1.request(path, { method: 'POST', headers: { cookie, origin: 'http://localhost', 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const incidentId = (await (await post('/api/incidents', { kind: 'outage', severity: 'critical', title: 'X', lat: 10.4, lng: 107.1 })).json()).id
    const crewId = first.db.$client.prepare(`SELECT id FROM crews WHERE status = 'available' LIMIT 1`).get() as { id: number }
    assert.is((await post('/api/dispatches', { incidentId, crewId: crewId.id, task: 'Đi' })).status, 201)
    // The server is down when the deadline passes; it fires on the first sweep after the restart.
    first.db.$client.close()
    clock.advance(6 * 60_000)
    const second = buildDeps(loadConfig({ DB_FILE: file }), clock)
    const count = () =>
      (second.db.$client.prepare(`SELECT count(*) AS n FROM events WHERE type = 'dispatch.escalated'`).get() as { n: number }).n
    const a = new Sweeper(second, DEADLINE_HANDLERS)
    const b = new Sweeper(second, DEADLINE_HANDLERS)
    await Promise.all([a.sweep(), b.sweep()])
    assert.is(count(), 1, 'two sweeps at once fire it once')
    second.db.$client.close()
    const third = buildDeps(loadConfig({ DB_FILE: file }), clock)
    await new Sweeper(third, DEADLINE_HANDLERS).sweep()
    assert.is(
      (third.db.$client.prepare(`SELECT count(*) AS n FROM events WHERE type = 'dispatch.escalated'`).get() as { n: number }).n,
      1,
      'and a restart does not fire it again',
    )
    third.db.$client.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('escalation minutes come from configuration', async () => {
  const desk = await testDesk({ env: { ACK_MINUTES: '1,2,3,4' } })
  const { dispatch } = await dispatched(desk, 'critical')
  assert.is(dispatch.ackDeadlineAt - dispatch.createdAt, 1 * MIN)
  desk.clock.advance(MIN)
  assert.is(await desk.sweeper.sweep(), 1)
})

test.run()
