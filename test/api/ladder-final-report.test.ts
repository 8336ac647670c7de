// The report ladder: notification → updates → a final report due within FINAL_REPORT_HOURS of
// the restoration, flagged once when it is late, filed once and never edited.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { finalReportDueAt, finalReportOverdue, reportStage } from '../../shared/report-ladder'
import { eventsAfter, headSeq, testDesk, type Client, type TestDesk } from '../helpers'

const HOUR = 3_600_000
const FINAL = { rootCause: 'Mất điện lưới kéo dài', contributingFactors: 'Ắc quy xuống cấp', actionsTaken: 'Chạy máy phát, thay ắc quy' }
const typesAfter = (desk: TestDesk, seq: number) => eventsAfter(desk.deps, seq).map((e) => e.type)

async function resolved(desk: TestDesk, who: Client) {
  const incident = (
    await who.post('/api/incidents', { kind: 'outage', severity: 'medium', title: 'Mất sóng trạm', services: ['mobile'], lat: 10.4, lng: 107.12, radiusM: 0 })
  ).body
  desk.clock.advance(HOUR)
  const res = await who.post(`/api/incidents/${incident.id}/status`, { status: 'resolved', note: 'Đã có điện lại' })
  assert.is(res.status, 200, JSON.stringify(res.body))
  return res.body
}

test('a resolved incident owes a final report; one not filed in time is flagged once', async () => {
  const desk = await testDesk()
  const vnpt = await desk.as('enterprise')
  const incident = await resolved(desk, vnpt)
  assert.is(incident.restoredAt, desk.clock.now(), 'restoration is when it was resolved')
  assert.is(reportStage(incident), 'update')
  assert.is(finalReportDueAt(incident, 24), incident.restoredAt + 24 * HOUR)
  const seq = headSeq(desk.deps)
  desk.clock.advance(24 * HOUR - 1)
  await desk.sweeper.sweep()
  assert.equal(typesAfter(desk, seq), [], 'not due yet')
  assert.not.ok(finalReportOverdue(incident, 24, desk.clock.now()))
  desk.clock.advance(1)
  await desk.sweeper.sweep()
  assert.equal(typesAfter(desk, seq), ['incident.final_report_overdue'])
  const overdue = desk.published.at(-1)!
  assert.is(overdue.incidentId, incident.id)
  assert.is(overdue.data.reason, 'final_report')
  assert.equal(overdue.orgIds, [incident.organizationId], 'the organisation is told, and staff see everything')
  desk.clock.advance(48 * HOUR)
  await desk.sweeper.sweep()
  assert.equal(typesAfter(desk, seq), ['incident.final_report_overdue'], 'flagged once')
  // Late is still better than never: it can be filed, and then it is the final stage.
  const filed = await vnpt.post(`/api/incidents/${incident.id}/final-report`, FINAL)
  assert.is(filed.status, 200, JSON.stringify(filed.body))
  assert.is(reportStage(filed.body), 'final')
})

test('filed in time: the event, the stage, the deadline cancelled, and never edited', async () => {
  const desk = await testDesk({ env: { FINAL_REPORT_HOURS: '2' } })
  const vnpt = await desk.as('enterprise')
  const incident = await resolved(desk, vnpt)
  desk.clock.advance(HOUR)
  let seq = headSeq(desk.deps)
  const res = await vnpt.post(`/api/incidents/${incident.id}/final-report`, { ...FINAL, restoredAt: incident.restoredAt - 10 * 60_000 })
  assert.is(res.status, 200, JSON.stringify(res.body))
  assert.equal(res.body.finalReport, FINAL)
  assert.is(res.body.finalReportAt, desk.clock.now())
  assert.is(res.body.restoredAt, incident.restoredAt - 10 * 60_000, 'a restoration time given is kept')
  assert.equal(typesAfter(desk, seq), ['incident.final_reported'])
  assert.equal(desk.published.at(-1)!.data.incident!.finalReport, FINAL)
  seq = headSeq(desk.deps)
  desk.clock.advance(5 * HOUR)
  await desk.sweeper.sweep()
  assert.equal(typesAfter(desk, seq), [], 'no overdue once filed')
  const again = await vnpt.post(`/api/incidents/${incident.id}/final-report`, FINAL)
  assert.is(again.status, 409)
  assert.equal(typesAfter(desk, seq), [])
  const detail = (await vnpt.get(`/api/incidents/${incident.id}`)).body
  assert.ok(detail.timeline.some((e: any) => e.type === 'incident.final_reported'), 'in the timeline')
})

test('a final report needs a restored incident, sane times and its three fields', async () => {
  const desk = await testDesk()
  const [vnpt, coordinator] = await Promise.all([desk.as('enterprise'), desk.as('coordinator')])
  const open = (
    await vnpt.post('/api/incidents', { kind: 'outage', severity: 'low', title: 'Chưa xong', lat: 10.4, lng: 107.12 })
  ).body
  const seq = headSeq(desk.deps)
  const early = await vnpt.post(`/api/incidents/${open.id}/final-report`, FINAL)
  assert.is(early.status, 409, 'not before the restoration')
  assert.is(early.body.code, 'invalid_transition')
  const incident = await resolved(desk, vnpt)
  const mid = headSeq(desk.deps)
  const cases: [unknown, string][] = [
    [{ ...FINAL, rootCause: '' }, 'rootCause'],
    [{ contributingFactors: '', actionsTaken: 'x' }, 'rootCause'],
    [{ ...FINAL, actionsTaken: '   ' }, 'actionsTaken'],
    [{ ...FINAL, restoredAt: incident.createdAt - 3 * HOUR }, 'restoredAt'],
    [{ ...FINAL, restoredAt: desk.clock.now() + 3 * HOUR }, 'restoredAt'],
    [{ ...FINAL, restoredAt: -5 }, 'restoredAt'],
    [{ ...FINAL, attested: true }, ''],
  ]
  for (const [body, field] of cases) {
    const res = await vnpt.post(`/api/incidents/${incident.id}/final-report`, body)
    assert.is(res.status, 400, JSON.stringify(body))
    assert.ok(
      res.body.details.some((d: any) => d.path.join('.') === field || (field === '' && d.code === 'unrecognized_keys')),
      `${JSON.stringify(body)} names ${field}: ${JSON.stringify(res.body.details)}`,
    )
  }
  assert.equal(typesAfter(desk, mid), [], 'bad input writes nothing')
  // The authority may file it for the organisation; the closed incident still owes it meanwhile.
  assert.is((await coordinator.post(`/api/incidents/${incident.id}/status`, { status: 'closed' })).status, 200)
  const snap = (await vnpt.get('/api/snapshot')).body
  assert.ok(snap.incidents.some((i: any) => i.id === incident.id && i.status === 'closed'), 'a closed incident owing its report stays listed')
  assert.is((await coordinator.post(`/api/incidents/${incident.id}/final-report`, FINAL)).status, 200)
  assert.ok(typesAfter(desk, seq).includes('incident.final_reported'))
})

test('who may file a final report: the organisation and the authority, nobody else, and no trace when refused', async () => {
  const desk = await testDesk()
  const vnpt = await desk.as('enterprise')
  const incident = await resolved(desk, vnpt)
  const seq = headSeq(desk.deps)
  for (const [user, status] of [
    ['observer', 403],
    ['crew', 403],
    ['crew2', 403],
    ['enterprise2', 404],
    ['postal', 404],
  ] as const) {
    const res = await (await desk.as(user)).post(`/api/incidents/${incident.id}/final-report`, FINAL)
    assert.is(res.status, status, `${user}: ${JSON.stringify(res.body)}`)
  }
  assert.is((await desk.anonymous().post(`/api/incidents/${incident.id}/final-report`, FINAL)).status, 401)
  assert.equal(eventsAfter(desk.deps, seq).filter((e) => e.type !== 'user.logged_in'), [], 'nothing appended')
})

test('stages: a fresh report is a notification, any change an update', () => {
  const base = { status: 'reported' as const, createdAt: 1000, updatedAt: 1000, restoredAt: null, statusChangedAt: 1000, finalReportAt: null, duplicateOf: null }
  assert.is(reportStage(base), 'notification')
  assert.is(reportStage({ ...base, updatedAt: 2000 }), 'update')
  assert.is(finalReportDueAt(base, 24), null, 'an open incident owes no final report yet')
  assert.is(finalReportDueAt({ ...base, status: 'cancelled' }, 24), null, 'nor a cancelled one')
})

test.run()
