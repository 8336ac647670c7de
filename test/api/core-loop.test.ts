import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { verifyChain } from '../../server/events/log'
import { distanceM } from '../../shared/geo'
import { eventsAfter, headSeq, testDesk } from '../helpers'

test('the core loop: report → site down → dispatch → link up → on backup → resolved → closed → released', async () => {
  const desk = await testDesk()
  const [enterprise, coordinator, crew] = await Promise.all([desk.as('enterprise'), desk.as('coordinator'), desk.as('crew')])
  const snap = (await coordinator.get('/api/snapshot')).body
  const vnpt = snap.organizations.find((o: any) => o.code === 'vnpt').id
  // A polling station that VNPT serves with mobile, with no other site within 200 m.
  const site = snap.sites.find(
    (s: any) =>
      s.kind === 'polling_station' &&
      s.status === 'ok' &&
      s.services.some((v: any) => v.organizationId === vnpt && v.service === 'mobile') &&
      snap.sites.every((o: any) => o.id === s.id || distanceM(o, s) > 200),
  )
  assert.ok(site, 'a suitable polling station exists')
  const me = (await crew.get('/api/me')).body
  const vsat = snap.resources.find((r: any) => r.crewId === me.crewId && r.kind === 'vsat')
  assert.ok(vsat, 'the crew carries a VSAT terminal')

  const step = async (name: string, call: Promise<any>, status: number, types: string[]) => {
    const before = headSeq(desk.deps)
    const res = await call
    assert.is(res.status, status, `${name}: ${JSON.stringify(res.body)}`)
    assert.equal(eventsAfter(desk.deps, before).map((e) => e.type), types, name)
    return res.body
  }

  const incident = await step(
    'report',
    enterprise.post('/api/incidents', {
      kind: 'outage', cause: 'power', severity: 'critical', title: 'Mất điện trạm BTS', description: 'Ắc quy cạn',
      services: ['mobile'], lat: site.lat, lng: site.lng, radiusM: 100,
    }),
    201,
    ['incident.reported', 'site.status_changed'],
  )
  assert.is(incident.status, 'reported')
  assert.is(incident.organizationId, vnpt)
  assert.is((await coordinator.get(`/api/sites/${site.id}`)).body.status, 'down')
  const detail = (await coordinator.get(`/api/incidents/${incident.id}`)).body
  assert.equal(detail.affectedSites.map((s: any) => s.id), [site.id])

  await step('acknowledge', coordinator.post(`/api/incidents/${incident.id}/status`, { status: 'acknowledged' }), 200, ['incident.status_changed'])
  const dispatch = await step(
    'dispatch',
    coordinator.post('/api/dispatches', { incidentId: incident.id, crewId: me.crewId, resourceIds: [vsat.id], siteId: site.id, task: 'Lắp VSAT dự phòng' }),
    201,
    ['dispatch.sent'],
  )
  assert.is(dispatch.status, 'sent')
  assert.is((await coordinator.get(`/api/incidents/${incident.id}`)).body.incident.status, 'responding')
  assert.is((await coordinator.get(`/api/crews/${me.crewId}`)).body.status, 'dispatched')
  assert.is((await coordinator.get(`/api/resources/${vsat.id}`)).body.status, 'assigned')

  const mine = (await crew.get('/api/dispatches?mine=1')).body
  assert.equal(mine.map((d: any) => d.id), [dispatch.id])
  for (const status of ['acknowledged', 'en_route', 'on_site']) {
    await step(status, crew.post(`/api/dispatches/${dispatch.id}/status`, { status, position: { lat: site.lat, lng: site.lng, accuracy: 12 } }), 200, ['dispatch.status_changed'])
  }
  assert.is((await coordinator.get(`/api/crews/${me.crewId}`)).body.status, 'on_site')

  const link = await step(
    'link up',
    crew.post('/api/links', { siteId: site.id, kind: 'vsat', dispatchId: dispatch.id, resourceId: vsat.id, status: 'up' }),
    201,
    ['link.created', 'site.status_changed'],
  )
  assert.is((await coordinator.get(`/api/sites/${site.id}`)).body.status, 'on_backup')
  assert.is((await coordinator.get(`/api/incidents/${incident.id}`)).body.incident.status, 'mitigated')

  await step('resolve', enterprise.post(`/api/incidents/${incident.id}/status`, { status: 'resolved', note: 'Có điện lại' }), 200, ['incident.status_changed'])
  await step('close', coordinator.post(`/api/incidents/${incident.id}/status`, { status: 'closed' }), 200, ['incident.status_changed'])
  await step('release', crew.post(`/api/links/${link.id}/status`, { status: 'released' }), 200, ['link.status_changed', 'site.status_changed'])
  assert.is((await coordinator.get(`/api/sites/${site.id}`)).body.status, 'ok')
  await step('complete', crew.post(`/api/dispatches/${dispatch.id}/status`, { status: 'completed' }), 200, ['dispatch.status_changed'])
  assert.is((await coordinator.get(`/api/crews/${me.crewId}`)).body.status, 'available')
  assert.is((await coordinator.get(`/api/resources/${vsat.id}`)).body.status, 'available')

  const timeline = (await coordinator.get(`/api/incidents/${incident.id}`)).body.timeline.map((e: any) => e.type)
  assert.ok(timeline.includes('dispatch.sent') && timeline.includes('link.created'), 'the timeline reads the whole story')
  const check = verifyChain(desk.deps.db)
  assert.ok(check.ok, 'the hash chain verifies')
  assert.is(check.head.seq, headSeq(desk.deps))
  assert.equal(desk.published.map((e) => e.seq), eventsAfter(desk.deps, desk.seedSeq).map((e) => e.seq), 'every committed event is published once, in order')
})

test('two coordinators dispatching the same crew at once: exactly one wins', async () => {
  const desk = await testDesk()
  const [a, b] = await Promise.all([desk.as('coordinator'), desk.as('admin')])
  const snap = (await a.get('/api/snapshot')).body
  const crewId = snap.crews.find((c: any) => c.status === 'available').id
  const [i1, i2] = snap.incidents
  const results = await Promise.all([
    a.post('/api/dispatches', { incidentId: i1.id, crewId, task: 'Đến hiện trường' }),
    b.post('/api/dispatches', { incidentId: i2.id, crewId, task: 'Đến hiện trường' }),
  ])
  assert.equal(results.map((r) => r.status).sort(), [201, 409])
  const loser = results.find((r) => r.status === 409)!
  assert.is(loser.body.code, 'crew_unavailable')
  assert.is((desk.deps.db.$client.prepare(`SELECT count(*) AS n FROM dispatches WHERE crew_id = ?`).get(crewId) as { n: number }).n, 1)
  assert.is(desk.published.filter((e) => e.type === 'dispatch.sent').length, 1)
})

test('a busy resource cannot go out twice', async () => {
  const desk = await testDesk()
  const c = await desk.as('coordinator')
  const snap = (await c.get('/api/snapshot')).body
  const [crewA, crewB] = snap.crews.filter((x: any) => x.status === 'available')
  const res = snap.resources[0]
  const first = await c.post('/api/dispatches', { incidentId: snap.incidents[0].id, crewId: crewA.id, resourceIds: [res.id], task: 'A' })
  assert.is(first.status, 201)
  const before = headSeq(desk.deps)
  const second = await c.post('/api/dispatches', { incidentId: snap.incidents[0].id, crewId: crewB.id, resourceIds: [res.id], task: 'B' })
  assert.is(second.status, 409)
  assert.is(second.body.code, 'resource_unavailable')
  assert.is(headSeq(desk.deps), before, 'nothing appended')
  assert.is((await c.get(`/api/crews/${crewB.id}`)).body.status, 'available', 'the failed write left the crew as it was')
})

test.run()
