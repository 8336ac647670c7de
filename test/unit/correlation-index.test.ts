// The grid that makes duplicate and correlation search linear must find exactly what the pairwise
// rules find.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { correlatedWith, correlationGroups, duplicateCandidates, mastersOf } from '../../shared/correlation'

function reports(count: number, seed: number) {
  let s = seed
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    kind: rnd() < 0.7 ? ('outage' as const) : ('congestion' as const),
    organizationId: 1 + Math.floor(rnd() * 3),
    lat: 10.3 + rnd() * 0.08,
    lng: 107.05 + rnd() * 0.08,
    createdAt: Math.floor(rnd() * 3 * 3_600_000),
    status: rnd() < 0.9 ? ('reported' as const) : ('resolved' as const),
    drill: false,
  }))
}

test('mastersOf finds the same masters as the pairwise rule, nearest first', () => {
  const all = reports(400, 7)
  const n = { metres: 800, minutes: 60 }
  const fast = mastersOf(all, n)
  let found = 0
  for (const i of all) {
    const slow = duplicateCandidates(i, all, n).masters.map((m) => m.id)
    assert.equal(fast.get(i.id)?.map((m) => m.id) ?? [], slow, `incident ${i.id}`)
    found += slow.length
  }
  assert.ok(found > 20, `the data has duplicates to find (${found})`)
})

test('correlation groups link exactly the pairs the rule links', () => {
  const all = reports(400, 11)
  const n = { metres: 1500, minutes: 60 }
  const groups = correlationGroups(all, n)
  const groupOf = new Map(groups.flatMap((g) => g.incidents.map((i) => [i.id, g] as const)))
  assert.ok(groups.length > 3, `groups formed (${groups.length})`)
  for (const i of all) {
    for (const o of correlatedWith(i, all, n)) assert.is(groupOf.get(i.id), groupOf.get(o.id), `${i.id} and ${o.id}`)
  }
})

test.run()
