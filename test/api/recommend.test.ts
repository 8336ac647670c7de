import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { headSeq, testDesk } from '../helpers'

const at = { lat: 10.3725, lng: 107.0935 } // central Vũng Tàu

async function scenario() {
  const desk = await testDesk()
  const [coordinator, crew, enterprise] = await Promise.all([desk.as('coordinator'), desk.as('crew'), desk.as('enterprise')])
  const snap = (await coordinator.get('/api/snapshot')).body
  const withVsat = (await crew.get('/api/me')).body.crewId
  assert.ok(snap.resources.some((r: any) => r.crewId === withVsat && r.kind === 'vsat'), 'the crew carries a VSAT')
  const plain = snap.crews.find((c: any) => c.id !== withVsat && c.skills.includes('fibre') && !snap.resources.some((r: any) => r.crewId === c.id && (r.kind === 'vsat' || r.kind === 'microwave_kit')))
  assert.ok(plain, 'a fibre crew with no VSAT or microwave kit')
  // The crew without a VSAT stands at the incident; the one with it is about 5 km off.
  await coordinator.post(`/api/crews/${plain.id}/position`, at)
  await coordinator.post(`/api/crews/${withVsat}/position`, { lat: at.lat + 0.045, lng: at.lng })
  const incident = (
    await enterprise.post('/api/incidents', {
      kind: 'outage', cause: 'transmission', severity: 'critical', title: 'Đứt cáp quang', services: ['mobile', 'internet'], ...at, radiusM: 500,
    })
  ).body
  return { desk, coordinator, crew, enterprise, incident, plain, withVsat, snap }
}

test('the nearest crew without the needed VSAT loses to a farther one that has it', async () => {
  const { coordinator, incident, plain, withVsat } = await scenario()
  const res = await coordinator.get(`/api/incidents/${incident.id}/recommendations`)
  assert.is(res.status, 200, JSON.stringify(res.body))
  assert.equal(res.body.neededKinds, ['vsat', 'microwave_kit'])
  const [first] = res.body.items
  assert.is(first.crewId, withVsat)
  assert.is(first.resourceKind, 'vsat')
  assert.ok(first.reasons.some((r: any) => r.code === 'carries'))
  const near = res.body.items.find((i: any) => i.crewId === plain.id)
  if (near) {
    assert.ok(near.rank > first.rank)
    assert.ok(near.etaMinutes < first.etaMinutes, 'it is nearer, yet ranked lower')
    assert.ok(near.reasons.some((r: any) => r.code === 'lacks_resource'))
  }
  assert.ok(res.body.items.length <= 5)
})

test('a busy crew is never suggested', async () => {
  const { coordinator, incident, withVsat, snap } = await scenario()
  const other = snap.incidents[0]
  assert.is((await coordinator.post('/api/dispatches', { incidentId: other.id, crewId: withVsat, task: 'Việc khác' })).status, 201)
  const res = await coordinator.get(`/api/incidents/${incident.id}/recommendations`)
  assert.not.ok(res.body.items.some((i: any) => i.crewId === withVsat))
  for (const item of res.body.items) {
    const crew = (await coordinator.get(`/api/crews/${item.crewId}`)).body
    assert.is(crew.status, 'available')
  }
})

test('an island site prefers the island crew; mainland crews would need a boat', async () => {
  const desk = await testDesk()
  const [coordinator, enterprise] = await Promise.all([desk.as('coordinator'), desk.as('enterprise')])
  const snap = (await coordinator.get('/api/snapshot')).body
  const conDao = snap.areas.find((a: any) => a.code === 'con-dao')
  const site = snap.sites.find((s: any) => s.areaId === conDao.id && s.kind === 'polling_station')
  const incident = (
    await enterprise.post('/api/incidents', {
      kind: 'outage', cause: 'transmission', severity: 'high', title: 'Mất tuyến truyền dẫn ra đảo', services: ['mobile'], lat: site.lat, lng: site.lng, radiusM: 2000,
    })
  ).body
  const res = await coordinator.get(`/api/incidents/${incident.id}/recommendations?siteId=${site.id}`)
  assert.is(res.status, 200)
  const [first, ...rest] = res.body.items
  const firstCrew = snap.crews.find((c: any) => c.id === first.crewId)
  assert.ok(firstCrew.lat < 9.5, 'the first suggestion is on Côn Đảo')
  assert.is(first.travel, 'road')
  assert.ok(first.reasons.some((r: any) => r.code === 'on_island'))
  const mainland = rest.filter((i: any) => snap.crews.find((c: any) => c.id === i.crewId).lat > 9.5)
  assert.ok(mainland.every((i: any) => i.travel === 'boat' && i.reasons.some((r: any) => r.code === 'needs_boat')))
})

test('only the authority asks for recommendations; asking writes nothing', async () => {
  const { desk, incident } = await scenario()
  const [observer, enterprise] = await Promise.all([desk.as('observer'), desk.as('enterprise')])
  const seq = headSeq(desk.deps)
  assert.is((await observer.get(`/api/incidents/${incident.id}/recommendations`)).status, 403)
  assert.is((await enterprise.get(`/api/incidents/${incident.id}/recommendations`)).status, 403)
  const admin = await desk.as('admin')
  const after = headSeq(desk.deps)
  assert.is((await admin.get(`/api/incidents/${incident.id}/recommendations?siteId=999999`)).status, 400)
  assert.is((await admin.get(`/api/incidents/999999/recommendations`)).status, 404)
  assert.is(headSeq(desk.deps), after)
  assert.ok(after >= seq)
})

test.run()
