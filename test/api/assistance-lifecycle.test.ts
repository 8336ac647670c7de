// Assistance requests: an enterprise asks, the authority approves (naming the dispatch that
// delivers) or declines with a reason, then marks it fulfilled; live on both sides.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { eventsAfter, headSeq, testDesk, type Client, type TestDesk } from '../helpers'

async function setup() {
  const desk = await testDesk()
  const [vnpt, viettel, coordinator] = await Promise.all([desk.as('enterprise'), desk.as('enterprise2'), desk.as('coordinator')])
  const incident = (
    await vnpt.post('/api/incidents', { kind: 'outage', cause: 'power', severity: 'high', title: 'Mất điện trạm', services: ['mobile'], lat: 10.4, lng: 107.12, radiusM: 0 })
  ).body
  const siteId = (await coordinator.get('/api/sites')).body[0].id
  return { desk, vnpt, viettel, coordinator, incident, siteId }
}

const ask = (c: Client, body: Record<string, unknown>) => c.post('/api/assistance', body)
const step = (c: Client, id: number, body: Record<string, unknown>) => c.post(`/api/assistance/${id}/status`, body)
const typesAfter = (desk: TestDesk, seq: number) => eventsAfter(desk.deps, seq).map((e) => e.type)

test('asked, approved with the dispatch that delivers, fulfilled; each step one event on both sides', async () => {
  const { desk, vnpt, coordinator, incident } = await setup()
  let seq = headSeq(desk.deps)
  const asked = await ask(vnpt, { kind: 'generator', incidentId: incident.id, description: 'Cần máy phát 20 kVA cho trạm' })
  assert.is(asked.status, 201, JSON.stringify(asked.body))
  assert.is(asked.body.status, 'requested')
  assert.is(asked.body.organizationId, incident.organizationId)
  assert.equal(typesAfter(desk, seq), ['assistance.requested'])
  const event = desk.published.at(-1)!
  assert.is(event.incidentId, incident.id, 'it is part of the incident’s story')
  assert.equal(event.orgIds, [incident.organizationId])

  const crewId = (await coordinator.get('/api/crews')).body.find((c: any) => c.status === 'available').id
  const dispatch = (await coordinator.post('/api/dispatches', { incidentId: incident.id, crewId, task: 'Mang máy phát đến trạm' })).body
  seq = headSeq(desk.deps)
  const approved = await step(coordinator, asked.body.id, { status: 'approved', dispatchId: dispatch.id, reason: 'Điều máy phát từ kho' })
  assert.is(approved.status, 200, JSON.stringify(approved.body))
  assert.is(approved.body.dispatchId, dispatch.id)
  assert.is(approved.body.decisionReason, 'Điều máy phát từ kho')
  const fulfilled = await step(coordinator, asked.body.id, { status: 'fulfilled' })
  assert.is(fulfilled.status, 200)
  assert.is(fulfilled.body.dispatchId, dispatch.id, 'the dispatch stays named')
  assert.equal(typesAfter(desk, seq), ['assistance.status_changed', 'assistance.status_changed'])
  const last = desk.published.at(-1)!
  assert.is(last.data.from, 'approved')
  assert.is(last.data.to, 'fulfilled')
  assert.ok(last.crewIds.includes(crewId), 'the crew that delivers sees it too')
  const timeline = (await vnpt.get(`/api/incidents/${incident.id}`)).body.timeline.map((e: any) => e.type)
  assert.ok(timeline.includes('assistance.requested') && timeline.includes('assistance.status_changed'))
  // Both sides start from the snapshot with it.
  assert.ok((await vnpt.get('/api/snapshot')).body.assistance.some((a: any) => a.id === asked.body.id && a.status === 'fulfilled'))
  assert.is((await step(coordinator, asked.body.id, { status: 'cancelled' })).status, 409, 'delivered help is not withdrawn')
})

test('declining needs a reason; the requester may withdraw; transitions hold', async () => {
  const { desk, vnpt, coordinator, incident, siteId } = await setup()
  const a = (await ask(vnpt, { kind: 'site_access', siteId, description: 'Cần vào trạm trong khu quân sự' })).body
  const seq = headSeq(desk.deps)
  const noReason = await step(coordinator, a.id, { status: 'declined' })
  assert.is(noReason.status, 400)
  assert.equal(noReason.body.details[0].path, ['reason'])
  const declined = await step(coordinator, a.id, { status: 'declined', reason: 'Đã có đơn vị khác hỗ trợ' })
  assert.is(declined.status, 200)
  assert.is(declined.body.decisionReason, 'Đã có đơn vị khác hỗ trợ')
  assert.is((await step(coordinator, a.id, { status: 'approved' })).status, 409, 'declined is final')
  assert.equal(typesAfter(desk, seq), ['assistance.status_changed'])
  const b = (await ask(vnpt, { kind: 'fuel', incidentId: incident.id, description: 'Dầu cho máy phát' })).body
  assert.is((await step(vnpt, b.id, { status: 'cancelled', reason: 'Đã mua được dầu' })).status, 200, 'the requester withdraws')
  const c = (await ask(vnpt, { kind: 'national_roaming', incidentId: incident.id, description: 'Chuyển vùng sang Viettel' })).body
  assert.is((await step(coordinator, c.id, { status: 'fulfilled' })).status, 409, 'not before it is approved')
  assert.is((await step(coordinator, c.id, { status: 'requested' })).status, 409)
})

test('a request names a real incident or site of its own; every error names the field', async () => {
  const { desk, vnpt, viettel, incident, siteId } = await setup()
  const seq = headSeq(desk.deps)
  const cases: [Client, unknown, string][] = [
    [vnpt, { kind: 'generator', description: 'x' }, 'incidentId'],
    [vnpt, { kind: 'helicopter', incidentId: incident.id, description: 'x' }, 'kind'],
    [vnpt, { kind: 'generator', incidentId: incident.id, description: '' }, 'description'],
    [vnpt, { kind: 'generator', incidentId: 999_999, description: 'x' }, 'incidentId'],
    [vnpt, { kind: 'generator', siteId: 999_999, description: 'x' }, 'siteId'],
    [viettel, { kind: 'generator', incidentId: incident.id, description: 'x' }, 'incidentId'],
    [vnpt, { kind: 'generator', siteId, description: 'x', urgent: true }, ''],
  ]
  for (const [c, body, field] of cases) {
    const res = await ask(c, body as Record<string, unknown>)
    assert.is(res.status, 400, JSON.stringify(body))
    assert.ok(
      res.body.details.some((d: any) => d.path.join('.') === field || (field === '' && d.code === 'unrecognized_keys')),
      `${JSON.stringify(body)}: ${JSON.stringify(res.body.details)}`,
    )
  }
  const coordinator = await desk.as('coordinator')
  const a = (await ask(vnpt, { kind: 'generator', incidentId: incident.id, description: 'x' })).body
  const otherIncident = (
    await viettel.post('/api/incidents', { kind: 'outage', severity: 'low', title: 'Khác', lat: 10.41, lng: 107.13 })
  ).body
  const crewId = (await coordinator.get('/api/crews')).body.find((c: any) => c.status === 'available').id
  const elsewhere = (await coordinator.post('/api/dispatches', { incidentId: otherIncident.id, crewId, task: 'Đi' })).body
  const wrong = await step(coordinator, a.id, { status: 'approved', dispatchId: elsewhere.id })
  assert.is(wrong.status, 400)
  assert.equal(wrong.body.details[0].path, ['dispatchId'])
  const notApproval = await step(coordinator, a.id, { status: 'declined', reason: 'x', dispatchId: elsewhere.id })
  assert.is(notApproval.status, 400)
  assert.equal(notApproval.body.details[0].path, ['dispatchId'])
  assert.equal(
    typesAfter(desk, seq).filter((t) => t.startsWith('assistance')),
    ['assistance.requested'],
    'only the good request was written',
  )
})

test('who may ask, decide and withdraw: 403 or 404, and no event', async () => {
  const { desk, vnpt, viettel, coordinator, incident } = await setup()
  const a = (await ask(vnpt, { kind: 'security_escort', incidentId: incident.id, description: 'Hộ tống xe VSAT' })).body
  const [observer, crew, postal] = await Promise.all([desk.as('observer'), desk.as('crew'), desk.as('postal')])
  const seq = headSeq(desk.deps)
  const body = { kind: 'frequency', incidentId: incident.id, description: 'Cấp tần số tạm' }
  const refusals: [Client, string, unknown, number][] = [
    [observer, '/api/assistance', body, 403],
    [crew, '/api/assistance', body, 403],
    [observer, `/api/assistance/${a.id}/status`, { status: 'approved' }, 403],
    [crew, `/api/assistance/${a.id}/status`, { status: 'approved' }, 403],
    [vnpt, `/api/assistance/${a.id}/status`, { status: 'approved' }, 403],
    [crew, `/api/assistance/${a.id}/status`, { status: 'cancelled' }, 403],
    [observer, `/api/assistance/${a.id}/status`, { status: 'cancelled' }, 403],
    [viettel, `/api/assistance/${a.id}/status`, { status: 'cancelled' }, 404],
    [postal, `/api/assistance/${a.id}/status`, { status: 'cancelled' }, 404],
    [desk.anonymous(), '/api/assistance', body, 401],
  ]
  for (const [client, path, b, status] of refusals) {
    const res = await client.post(path, b)
    assert.is(res.status, status, `${path} ${JSON.stringify(b)}: ${JSON.stringify(res.body)}`)
  }
  assert.equal(eventsAfter(desk.deps, seq), [], 'refusals leave no trace')
  assert.equal((await viettel.get('/api/assistance')).body, [], 'an enterprise lists only its own')
  assert.equal((await vnpt.get('/api/assistance')).body.map((x: any) => x.id), [a.id])
  assert.is((await observer.get('/api/assistance')).status, 200)
  assert.is((await crew.get('/api/assistance')).status, 403)
  assert.is((await step(coordinator, a.id, { status: 'approved' })).status, 200)
})

test.run()
