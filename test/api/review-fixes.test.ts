// Behaviours found in review: each was a way the desk could show something false or lose control.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { DEMO_PASSWORD } from '../../db/seed/demo'
import { headSeq, testDesk } from '../helpers'

const MIN = 60_000

async function outageWithCrew(desk: Awaited<ReturnType<typeof testDesk>>, drill = false) {
  const [enterprise, coordinator, crew] = await Promise.all([desk.as('enterprise'), desk.as('coordinator'), desk.as('crew')])
  const snap = (await coordinator.get('/api/snapshot')).body
  const vnpt = snap.organizations.find((o: any) => o.code === 'vnpt').id
  const site = snap.sites.find((s: any) => s.status === 'ok' && s.kind === 'polling_station' && s.services.some((v: any) => v.organizationId === vnpt && v.service === 'mobile'))
  const incident = (
    await enterprise.post('/api/incidents', {
      kind: 'outage', cause: 'power', severity: 'critical', title: 'Mất điện', services: ['mobile'], lat: site.lat, lng: site.lng, radiusM: 50, drill,
    })
  ).body
  const crewId = (await crew.get('/api/me')).body.crewId
  const dispatch = (await coordinator.post('/api/dispatches', { incidentId: incident.id, crewId, siteId: site.id, task: 'Đi' })).body
  return { enterprise, coordinator, crew, site, incident, dispatch, crewId, snap }
}

test('cancelling an incident ends its dispatches, frees the crew, and nothing escalates after', async () => {
  const desk = await testDesk()
  const { coordinator, incident, dispatch, crewId } = await outageWithCrew(desk)
  const res = await coordinator.post(`/api/incidents/${incident.id}/status`, { status: 'cancelled', note: 'Báo nhầm' })
  assert.is(res.status, 200)
  assert.is((await coordinator.get(`/api/dispatches/${dispatch.id}`)).body.status, 'cancelled')
  assert.is((await coordinator.get(`/api/crews/${crewId}`)).body.status, 'available')
  const seq = headSeq(desk.deps)
  for (let i = 0; i < 3; i++) {
    desk.clock.advance(10 * MIN)
    await desk.sweeper.sweep()
  }
  assert.not.ok(desk.published.some((e) => e.seq > seq && e.type === 'dispatch.escalated'))
})

test('a closed incident stops its dispatches escalating', async () => {
  const desk = await testDesk()
  const { coordinator, incident, dispatch } = await outageWithCrew(desk)
  await coordinator.post(`/api/incidents/${incident.id}/status`, { status: 'resolved' })
  await coordinator.post(`/api/incidents/${incident.id}/status`, { status: 'closed' })
  const seq = headSeq(desk.deps)
  desk.clock.advance(30 * MIN)
  await desk.sweeper.sweep()
  assert.not.ok(desk.published.some((e) => e.seq > seq && e.type === 'dispatch.escalated'))
  assert.is((await coordinator.get(`/api/dispatches/${dispatch.id}`)).body.status, 'sent', 'the crew still reports done itself')
})

test("a drill's backup link never hides a real outage", async () => {
  const desk = await testDesk()
  const { coordinator, site } = await outageWithCrew(desk)
  assert.is((await coordinator.get(`/api/sites/${site.id}`)).body.status, 'down')
  const drill = (
    await coordinator.post('/api/incidents', { kind: 'outage', severity: 'low', title: 'Diễn tập', lat: site.lat, lng: site.lng, drill: true })
  ).body
  assert.is((await coordinator.post('/api/links', { siteId: site.id, kind: 'vsat', incidentId: drill.id, status: 'up' })).status, 201)
  assert.is((await coordinator.get(`/api/sites/${site.id}`)).body.status, 'down')
})

test("an operator cannot put up a link at a site it does not serve; a crew only at its dispatch's site", async () => {
  const desk = await testDesk()
  const { site, dispatch, crew, snap } = await outageWithCrew(desk)
  const viettel = snap.organizations.find((o: any) => o.code === 'viettel').id
  const foreign = snap.sites.find((s: any) => s.status === 'ok' && !s.services.some((v: any) => v.organizationId === viettel))
  const enterprise2 = await desk.as('enterprise2')
  const seq = headSeq(desk.deps)
  const refused = await enterprise2.post('/api/links', { siteId: foreign.id, kind: 'vsat', status: 'up' })
  assert.is(refused.status, 400)
  assert.equal(refused.body.details[0].path, ['siteId'])
  const elsewhere = snap.sites.find((s: any) => s.id !== site.id)
  assert.is((await crew.post('/api/links', { siteId: elsewhere.id, kind: 'vsat', dispatchId: dispatch.id, status: 'up' })).status, 400)
  assert.is(headSeq(desk.deps), seq)
})

test('a retried link tap returns the same link instead of a second one', async () => {
  const desk = await testDesk()
  const { site, dispatch, crew } = await outageWithCrew(desk)
  for (const status of ['acknowledged', 'en_route', 'on_site']) await crew.post(`/api/dispatches/${dispatch.id}/status`, { status })
  const body = { siteId: site.id, kind: 'vsat', dispatchId: dispatch.id, status: 'up' }
  const first = await crew.post('/api/links', body)
  const seq = headSeq(desk.deps)
  const again = await crew.post('/api/links', body)
  assert.is(first.status, 201)
  assert.is(again.body.id, first.body.id)
  assert.is(headSeq(desk.deps), seq, 'the retry appends nothing')
  await crew.post(`/api/links/${first.body.id}/status`, { status: 'released' })
  assert.not.equal((await crew.get(`/api/sites/${site.id}`)).body.status, 'on_backup')
})

test('parallel wrong passwords cannot outrun the lock', async () => {
  const desk = await testDesk()
  const guesses = await Promise.all(
    Array.from({ length: 30 }, (_, i) => desk.anonymous().post('/api/auth/login', { username: 'coordinator', password: `guess ${i}` })),
  )
  const wrong = guesses.filter((r) => r.status === 401).length
  assert.ok(wrong <= 5, `${wrong} guesses were checked`)
  assert.is(guesses.filter((r) => r.status === 429).length, 30 - wrong)
  assert.is((await desk.anonymous().post('/api/auth/login', { username: 'coordinator', password: DEMO_PASSWORD })).status, 429)
})

test('a position from the future is stored as now, and an older fix does not move the crew back', async () => {
  const desk = await testDesk()
  const crew = await desk.as('crew')
  const crewId = (await crew.get('/api/me')).body.crewId
  const now = desk.clock.now()
  const ahead = await crew.post(`/api/crews/${crewId}/position`, { lat: 10.4, lng: 107.1, at: now + 86_400_000 })
  assert.is(ahead.body.positionAt, now)
  const older = await crew.post(`/api/crews/${crewId}/position`, { lat: 10.5, lng: 107.2, at: now - MIN })
  assert.is(older.status, 200)
  assert.is(older.body.lat, 10.4, 'the older fix moved nothing')
})

test('sign-ins and user changes are shown to admins only; site status reaches enterprises and crews', async () => {
  const { canSeeEvent } = await import('../../shared/permissions')
  const base = { orgIds: [], crewIds: [] }
  assert.not.ok(canSeeEvent({ role: 'observer', organizationId: 1, crewId: null }, { ...base, entityType: 'user' }))
  assert.ok(canSeeEvent({ role: 'admin', organizationId: 1, crewId: null }, { ...base, entityType: 'user' }))
  assert.ok(canSeeEvent({ role: 'enterprise', organizationId: 3, crewId: null }, { ...base, entityType: 'site' }))
  assert.ok(canSeeEvent({ role: 'crew', organizationId: 3, crewId: 7 }, { ...base, entityType: 'site' }))
  assert.not.ok(canSeeEvent({ role: 'crew', organizationId: 3, crewId: 7 }, { orgIds: [3], crewIds: [7], entityType: 'assistance' }))
})

test.run()
