// De-duplication proposes, the coordinator merges; correlation across operators only groups.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { correlationGroups, duplicateCandidates } from '../../shared/correlation'
import { distanceM } from '../../shared/geo'
import { loadConfig } from '../../server/config'
import { eventsAfter, headSeq, testDesk, type Client } from '../helpers'

const MIN = 60_000
const HERE = { lat: 10.4, lng: 107.12 }
/** A point `m` metres due north of HERE. */
const north = (m: number) => ({ lat: HERE.lat + m / 111_194.93, lng: HERE.lng })
const south = (m: number) => north(-m)

const report = async (c: Client, at: { lat: number; lng: number }, extra: Record<string, unknown> = {}) => {
  const res = await c.post('/api/incidents', {
    kind: 'outage', severity: 'medium', title: 'Mất sóng', services: ['mobile'], radiusM: 0, ...at, ...extra,
  })
  assert.is(res.status, 201, JSON.stringify(res.body))
  return res.body
}

const ids = (list: { id: number }[]) => list.map((i) => i.id)

test('a later report of the same kind from the same organisation is proposed at the thresholds, not beyond', async () => {
  const desk = await testDesk({ env: { DEDUP_METRES: '500', DEDUP_MINUTES: '60' } })
  const [vnpt, viettel, coordinator] = await Promise.all([desk.as('enterprise'), desk.as('enterprise2'), desk.as('coordinator')])
  const master = await report(vnpt, HERE)
  assert.ok(Math.abs(distanceM(HERE, north(499)) - 499) < 0.5, 'the test measures as the desk does')
  desk.clock.advance(60 * MIN)
  const inside = await report(vnpt, north(499)) // 499 m, exactly 60 min later
  const outside = await report(vnpt, south(502)) // away from `inside` too
  const otherKind = await report(vnpt, HERE, { kind: 'degradation' })
  const otherOrg = await report(viettel, HERE)
  desk.clock.advance(1)
  const tooLate = await report(vnpt, HERE) // 60 min and 1 ms after the master

  const proposal = async (id: number) => {
    const res = await coordinator.get(`/api/incidents/${id}/duplicates`)
    assert.is(res.status, 200, JSON.stringify(res.body))
    return res.body
  }
  assert.equal(ids((await proposal(inside.id)).masters), [master.id], 'just inside both thresholds')
  assert.equal(ids((await proposal(outside.id)).masters), [], 'just beyond the distance')
  assert.equal(ids((await proposal(otherKind.id)).masters), [], 'another kind')
  assert.equal(ids((await proposal(otherOrg.id)).masters), [], 'another organisation is never a duplicate')
  assert.ok(!ids((await proposal(tooLate.id)).masters).includes(master.id), 'just beyond the time window')
  const fromMaster = await proposal(master.id)
  assert.equal(ids(fromMaster.duplicates), [inside.id], 'the master lists what probably repeats it')
  assert.ok(ids(fromMaster.correlated).includes(otherOrg.id), 'another operator nearby is correlated instead')
  // The enterprise sees proposals among its own reports, and nothing of other operators.
  const own = (await vnpt.get(`/api/incidents/${master.id}/duplicates`)).body
  assert.equal(ids(own.duplicates), [inside.id])
  assert.equal(own.correlated, [])
  assert.is((await viettel.get(`/api/incidents/${master.id}/duplicates`)).status, 404)
})

test('thresholds come from configuration and bad values stop the server', async () => {
  const desk = await testDesk({ env: { DEDUP_METRES: '100', DEDUP_MINUTES: '5' } })
  const vnpt = await desk.as('enterprise')
  const master = await report(vnpt, HERE)
  desk.clock.advance(5 * MIN)
  const near = await report(vnpt, south(150))
  assert.equal(ids((await vnpt.get(`/api/incidents/${near.id}/duplicates`)).body.masters), [], '150 m is beyond 100 m')
  const close = await report(vnpt, north(90))
  assert.equal(ids((await vnpt.get(`/api/incidents/${close.id}/duplicates`)).body.masters), [master.id])
  const config = (await vnpt.get('/api/config')).body
  assert.is(config.dedupMetres, 100)
  assert.is(config.dedupMinutes, 5)
  assert.throws(() => loadConfig({ DEDUP_METRES: '-1' }), /DEDUP_METRES/)
  assert.throws(() => loadConfig({ DEDUP_MINUTES: 'soon' }), /DEDUP_MINUTES/)
  assert.throws(() => loadConfig({ CORRELATE_METRES: '100000' }), /CORRELATE_METRES/)
})

test('merging with one click links the report to its master and brings its story into the master’s timeline', async () => {
  const desk = await testDesk()
  const [vnpt, coordinator] = await Promise.all([desk.as('enterprise'), desk.as('coordinator')])
  const master = await report(vnpt, HERE)
  desk.clock.advance(3 * MIN)
  const dup = await report(vnpt, north(100), { title: 'Mất sóng lần nữa' })
  const seq = headSeq(desk.deps)
  const merged = await coordinator.post(`/api/incidents/${dup.id}/status`, { status: 'cancelled', duplicateOf: master.id })
  assert.is(merged.status, 200, JSON.stringify(merged.body))
  assert.is(merged.body.duplicateOf, master.id)
  assert.equal(eventsAfter(desk.deps, seq).map((e) => e.type).slice(0, 1), ['incident.status_changed'])
  const detail = (await coordinator.get(`/api/incidents/${master.id}`)).body
  const theirs = detail.timeline.filter((e: any) => e.incidentId === dup.id).map((e: any) => e.type)
  assert.equal(theirs, ['incident.reported', 'incident.status_changed'], 'the duplicate’s events are in the master’s timeline')
  const seqs = detail.timeline.map((e: any) => e.seq)
  assert.equal(seqs, [...seqs].sort((a: number, b: number) => a - b), 'in log order')
  const after = (await coordinator.get(`/api/incidents/${master.id}/duplicates`)).body
  assert.equal(ids(after.merged), [dup.id])
  assert.equal(after.duplicates, [], 'a merged report is no longer proposed')
  // The enterprise sees the merge in its own master's timeline too; an enterprise may not merge.
  assert.ok((await vnpt.get(`/api/incidents/${master.id}`)).body.timeline.some((e: any) => e.incidentId === dup.id))
  const other = await report(vnpt, north(50))
  const before = headSeq(desk.deps)
  const refused = await vnpt.post(`/api/incidents/${other.id}/status`, { status: 'cancelled', duplicateOf: master.id })
  assert.is(refused.status, 403)
  assert.is(headSeq(desk.deps), before, 'nothing appended')
})

test('reports from three operators near the same place and time are one correlated group, never merged', async () => {
  const desk = await testDesk()
  const [vnpt, viettel, coordinator] = await Promise.all([desk.as('enterprise'), desk.as('enterprise2'), desk.as('coordinator')])
  const mobifone = (await coordinator.get('/api/organizations')).body.find((o: any) => o.code === 'mobifone').id
  const a = await report(vnpt, HERE)
  desk.clock.advance(10 * MIN)
  const b = await report(viettel, north(800))
  const c = await report(coordinator, north(1500), { organizationId: mobifone })
  const far = await report(viettel, north(6000))
  const list = (await coordinator.get('/api/snapshot')).body.incidents
  const groups = correlationGroups(list, { metres: 2000, minutes: 60 })
  const group = groups.find((g) => g.incidents.some((i) => i.id === a.id))!
  assert.ok(group, 'a group holds the first report')
  assert.equal(ids(group.incidents).sort(), [a.id, b.id, c.id].sort(), 'chained by nearness, the far one left out')
  assert.is(group.organizationIds.length, 3)
  assert.not.ok(groups.some((g) => g.incidents.some((i) => i.id === far.id)))
  const fromA = (await coordinator.get(`/api/incidents/${a.id}/duplicates`)).body
  assert.equal(ids(fromA.correlated), [b.id, c.id], 'nearest first')
  assert.equal(fromA.masters, [], 'other operators are never proposed as duplicates')
  for (const i of [a, b, c]) assert.is((await coordinator.get(`/api/incidents/${i.id}`)).body.incident.status, 'reported', 'nothing merged')
  // Same operator twice is not a correlation of operators.
  const solo = correlationGroups(
    [
      { ...a, id: 1, organizationId: 7 },
      { ...a, id: 2, organizationId: 7 },
    ],
    { metres: 2000, minutes: 60 },
  )
  assert.equal(solo, [])
})

test('the pure rules: drills apart from live reports, closed incidents not proposed, earlier one is the master', () => {
  const base = { kind: 'outage' as const, organizationId: 3, status: 'reported' as const, drill: false, createdAt: 1_000_000, ...HERE }
  const a = { ...base, id: 1 }
  const b = { ...base, id: 2, createdAt: base.createdAt + MIN }
  const n = { metres: 500, minutes: 60 }
  assert.equal(ids(duplicateCandidates(b, [a, b], n).masters), [1])
  assert.equal(ids(duplicateCandidates(a, [a, b], n).masters), [], 'the earlier report is the master')
  assert.equal(ids(duplicateCandidates({ ...b, drill: true }, [a], n).masters), [])
  assert.equal(ids(duplicateCandidates(b, [{ ...a, status: 'resolved' as const }], n).masters), [])
  const same = { ...b, createdAt: a.createdAt }
  assert.equal(ids(duplicateCandidates(same, [a], n).masters), [1], 'at the same instant the lower id is the master')
})

test.run()
