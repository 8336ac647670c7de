// The hub's broadcast runs in slices so that a fan-out to thousands of sockets never holds the
// event loop; these check that slicing keeps its promises: each socket gets each event it may see
// once, in order, whether it was there from the start, joined mid-round or resubscribed mid-round.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { StoredEvent } from '../../server/events/log'
import { FanOut, type Subscriber } from '../../server/realtime/fanout'
import type { Viewer } from '../../shared/permissions'

const SEND_US = 50
/** Spends this much CPU time (not wall time, which a busy machine stretches). */
const busy = (us: number) => {
  const start = process.cpuUsage()
  for (;;) {
    const used = process.cpuUsage(start)
    if (used.user + used.system >= us) return
  }
}

interface Fake extends Subscriber {
  /** What this socket received: event seqs, and 'pong' where a reply was written. */
  got: (number | 'pong')[]
  sentAt: number[]
}

function fake(actor: Viewer, lastSeq = -1): Fake {
  const c: Fake = {
    actor,
    lastSeq,
    got: [],
    sentAt: [],
    ws: {
      readyState: 1,
      bufferedAmount: 0,
      // Each send costs a little, as a real socket write does, so a round takes long enough to slice.
      send(frame: Buffer) {
        busy(SEND_US)
        c.sentAt.push(performance.now())
        c.got.push(JSON.parse(frame.toString()).event.seq)
      },
      terminate() {},
    } as unknown as Subscriber['ws'],
  }
  return c
}

const VNPT = 3
const VIETTEL = 4
const staff: Viewer = { role: 'coordinator', organizationId: 1, crewId: null }
const vnpt: Viewer = { role: 'enterprise', organizationId: VNPT, crewId: null }

function event(seq: number): StoredEvent {
  return {
    seq,
    at: seq,
    actorId: null,
    type: 'incident.reported',
    entityType: 'incident',
    entityId: seq,
    incidentId: seq,
    drill: false,
    data: {},
    dataJson: '{}',
    // Every third event is Viettel's: VNPT's sockets must never get it.
    orgIds: [seq % 3 === 0 ? VIETTEL : VNPT],
    crewIds: [],
    hash: '',
  }
}

const visibleTo = (v: Viewer, seq: number) => v.role === 'coordinator' || event(seq).orgIds.includes(v.organizationId)
const tick = () => new Promise((r) => setImmediate(r))

test('a broadcast to 3,000 sockets yields to the event loop and still reaches each once, in order', async () => {
  const clients = new Set<Fake>()
  for (let i = 0; i < 3000; i++) clients.add(fake(i % 4 === 0 ? vnpt : staff, 0))
  const rounds: number[] = []
  const fanOut = new FanOut(() => clients, 1 << 20, () => rounds.push(performance.now()))

  // The most CPU time spent between two of this test's own callbacks: how long one slice held the
  // event loop. CPU time, not wall time, so that a busy machine preempting the test does not count.
  let longest = 0
  let last = process.cpuUsage()
  const held = () => {
    const used = process.cpuUsage(last)
    longest = Math.max(longest, (used.user + used.system) / 1000)
    last = process.cpuUsage()
  }
  const tick = async () => {
    await new Promise((r) => setImmediate(r))
    held()
  }
  fanOut.publish([event(1)])
  held()
  const reachedBeforeYield = [...clients].filter((c) => c.got.length > 0).length
  assert.ok(reachedBeforeYield > 0, 'the first slice runs at once')
  assert.ok(reachedBeforeYield < clients.size, `the round yielded after ${reachedBeforeYield} sockets`)

  // Publish more while the first round is still going, and move some sockets about meanwhile.
  let head = 1
  const late: Fake[] = []
  const resubscribed: Fake[] = []
  for (let k = 0; k < 40 && head < 12; k++) {
    await tick()
    if (k % 3 === 0) fanOut.publish([event(++head), event(++head)])
    if (k % 5 === 0) {
      // A socket that subscribes now is replayed up to the head by the hub, then goes live.
      const joined = fake(staff)
      for (let s = 1; s <= head; s++) joined.got.push(s)
      joined.lastSeq = head
      clients.add(joined)
      late.push(joined)
    }
    if (k % 7 === 0) {
      const c = [...clients][k * 37]!
      // It asks again from where it is: the replay covers what is still on its way to it.
      for (let s = c.lastSeq + 1; s <= head; s++) if (visibleTo(c.actor, s)) c.got.push(s)
      c.lastSeq = head
      resubscribed.push(c)
    }
  }
  while (rounds.length === 0 || [...clients].some((c) => c.lastSeq < head)) await tick()

  for (const c of clients) {
    const want = Array.from({ length: head }, (_, i) => i + 1).filter((s) => visibleTo(c.actor, s))
    assert.equal(c.got, want, `a ${c.actor.role} socket${late.includes(c) ? ' that joined late' : ''}`)
  }
  assert.ok(late.length > 0 && resubscribed.length > 0, 'sockets joined and resubscribed mid-round')

  assert.ok(longest < 50, `one slice held the loop ${longest.toFixed(1)} ms (3,000 × ${SEND_US} µs of CPU unsliced is 150 ms)`)
})

test('a pong follows every event published before it, even mid-round', async () => {
  const clients = new Set<Fake>()
  for (let i = 0; i < 2000; i++) clients.add(fake(staff, 0))
  const fanOut = new FanOut(() => clients, 1 << 20, () => {})
  fanOut.publish([event(1)])
  fanOut.publish([event(2)])
  const last = [...clients].at(-1)!
  assert.equal(last.got, [], 'the last socket has not been reached yet')
  fanOut.catchUp(last)
  last.got.push('pong')
  assert.equal(last.got, [1, 2, 'pong'])
  while ([...clients].some((c) => c.lastSeq < 2)) await tick()
  assert.equal(last.got, [1, 2, 'pong'], 'the rounds did not send it those events again')
})

test('a socket that cannot keep up is dropped, and the round goes on without it', async () => {
  const slow = fake(staff, 0)
  let terminated = false
  slow.ws = { ...slow.ws, bufferedAmount: 2 << 20, terminate: () => (terminated = true) } as unknown as Subscriber['ws']
  const other = fake(staff, 0)
  const fanOut = new FanOut(() => [slow, other], 1 << 20, () => {})
  fanOut.publish([event(1), event(2)])
  assert.ok(terminated)
  assert.equal(slow.got, [])
  assert.equal(other.got, [1, 2])
})

test.run()
