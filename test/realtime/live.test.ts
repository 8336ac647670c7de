import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { DeskEvent } from '../../shared/events'
import type { LiveHubOptions } from '../../server/realtime/hub'
import type { Client } from '../helpers'
import { eventsAfter, headSeq } from '../helpers'
import { liveDesk, type LiveDesk } from './live-helpers'

/** Runs a test body against a live desk and always closes it, pass or fail. */
const live =
  (body: (l: LiveDesk) => Promise<void>, opts: LiveHubOptions = {}) =>
  async () => {
    const l = await liveDesk(opts)
    try {
      await body(l)
    } finally {
      await l.close()
    }
  }

async function placeOf(c: Client, n = 0): Promise<{ lat: number; lng: number }> {
  const site = (await c.get('/api/snapshot')).body.sites[n]
  return { lat: site.lat, lng: site.lng }
}

async function report(c: Client, title: string, at: { lat: number; lng: number }) {
  const res = await c.post('/api/incidents', {
    kind: 'outage',
    severity: 'high',
    title,
    ...at,
    radiusM: 50,
  })
  assert.is(res.status, 201, JSON.stringify(res.body))
  return res.body as { id: number; organizationId: number }
}

async function setStatus(c: Client, path: string, status: string) {
  const res = await c.post(`${path}/status`, { status })
  assert.is(res.status, 200, JSON.stringify(res.body))
}

async function dispatch(c: Client, incidentId: number, crewId: number) {
  const res = await c.post('/api/dispatches', { incidentId, crewId, task: 'Đến hiện trường' })
  assert.is(res.status, 201, JSON.stringify(res.body))
  return res.body as { id: number }
}

const seqs = (events: DeskEvent[]) => events.map((e) => e.seq)
const about = (incidentId: number) => (e: DeskEvent) =>
  e.incidentId === incidentId ||
  e.data.incident?.id === incidentId ||
  e.data.dispatch?.incidentId === incidentId

test(
  'a subscriber hears ready at the head, then each new event once, in order',
  live(async ({ desk, open }) => {
    const [enterprise, coordinator] = await Promise.all([
      desk.as('enterprise'),
      desk.as('coordinator'),
    ])
    const at = await placeOf(coordinator)
    const sock = await open(coordinator.cookie)
    const head = headSeq(desk.deps)

    assert.is(await sock.subscribe(head), head, 'ready carries the head at subscribe time')
    const a = await report(enterprise, 'Mất sóng 1', at)
    const b = await report(enterprise, 'Mất sóng 2', at)
    await setStatus(coordinator, `/api/incidents/${a.id}`, 'acknowledged')
    await setStatus(coordinator, `/api/incidents/${b.id}`, 'acknowledged')
    await sock.sync()

    const expected = eventsAfter(desk.deps, head)
    assert.ok(expected.length >= 4, 'the writes appended events')
    assert.equal(
      sock.messages[0],
      { type: 'ready', seq: head },
      'ready comes first, with no replay',
    )
    assert.equal(
      seqs(sock.events()),
      expected.map((e) => e.seq),
      'every event once, in seq order, no gaps',
    )
    assert.equal(
      sock.events().map((e) => e.type),
      expected.map((e) => e.type),
    )
  }),
)

test(
  'a client that reconnects from its last seq gets exactly what it missed, then ready',
  live(async ({ desk, open }) => {
    const [enterprise, coordinator] = await Promise.all([
      desk.as('enterprise'),
      desk.as('coordinator'),
    ])
    const at = await placeOf(coordinator)
    const first = await open(coordinator.cookie)
    await first.subscribe(headSeq(desk.deps))
    const a = await report(enterprise, 'Trước khi rớt mạng', at)
    await first.sync()
    const last = first.events().at(-1)!.seq
    first.terminate()
    await first.closed()

    await setStatus(coordinator, `/api/incidents/${a.id}`, 'acknowledged')
    await report(enterprise, 'Trong lúc mất kết nối', at)
    const missed = eventsAfter(desk.deps, last)
    assert.ok(missed.length >= 2, 'writes happened while away')

    const again = await open(coordinator.cookie)
    const ready = await again.subscribe(last)
    assert.is(ready, headSeq(desk.deps))
    assert.equal(
      seqs(again.events()),
      missed.map((e) => e.seq),
      'the missed events, once each, in order',
    )
    assert.is(again.messages.at(-1)!.type, 'ready', 'ready closes the replay')

    await setStatus(coordinator, `/api/incidents/${a.id}`, 'responding')
    await again.sync()
    const streamed = again.events().slice(missed.length)
    assert.equal(
      seqs(streamed),
      eventsAfter(desk.deps, ready).map((e) => e.seq),
      'then it streams from there',
    )
  }),
)

test(
  'each socket hears only what its user may see: organisations and crews stay apart',
  live(async ({ desk, open }) => {
    const users = ['coordinator', 'enterprise', 'enterprise2', 'crew', 'crew2'] as const
    const [coordinator, enterprise, enterprise2, crew, crew2] = await Promise.all(
      users.map((u) => desk.as(u)),
    )
    const crewId = (await crew.get('/api/me')).body.crewId as number
    const crew2Id = (await crew2.get('/api/me')).body.crewId as number
    const at = await placeOf(coordinator)
    const socks = await Promise.all(
      [coordinator, enterprise, enterprise2, crew, crew2].map((c) => open(c.cookie)),
    )
    const head = headSeq(desk.deps)
    await Promise.all(socks.map((s) => s.subscribe(head)))
    const [sCoordinator, sEnterprise, sEnterprise2, sCrew, sCrew2] = socks

    const vnpt = await report(enterprise, 'Mất sóng VNPT', at)
    const viettel = await report(enterprise2, 'Mất sóng Viettel', at)
    await setStatus(coordinator, `/api/incidents/${vnpt.id}`, 'acknowledged')
    const d1 = await dispatch(coordinator, vnpt.id, crewId)
    const d2 = await dispatch(coordinator, viettel.id, crew2Id)
    await setStatus(crew, `/api/dispatches/${d1.id}`, 'acknowledged')
    await setStatus(crew2, `/api/dispatches/${d2.id}`, 'acknowledged')
    await Promise.all(socks.map((s) => s.sync()))

    const typesAbout = (sock: (typeof socks)[number], id: number) =>
      sock
        .events()
        .filter(about(id))
        .map((e) => e.type)
    const vnptStory = [
      'incident.reported',
      'incident.status_changed',
      'dispatch.sent',
      'dispatch.status_changed',
    ]
    assert.equal(
      typesAbout(sCoordinator, vnpt.id),
      vnptStory,
      'the coordinator sees the VNPT incident',
    )
    assert.equal(typesAbout(sEnterprise, vnpt.id), vnptStory, 'VNPT sees its own incident')
    assert.equal(typesAbout(sEnterprise2, vnpt.id), [], 'Viettel hears nothing of it')
    assert.ok(
      sEnterprise2
        .events()
        .every(
          (e) =>
            e.data.incident === undefined || e.data.incident.organizationId !== vnpt.organizationId,
        ),
      'no event carries a VNPT incident to Viettel',
    )
    assert.equal(typesAbout(sEnterprise2, viettel.id), [
      'incident.reported',
      'dispatch.sent',
      'dispatch.status_changed',
    ])
    assert.equal(typesAbout(sEnterprise, viettel.id), [], 'and VNPT hears nothing of Viettel’s')

    const dispatchTypes = (sock: (typeof socks)[number], id: number) =>
      sock
        .events()
        .filter((e) => e.data.dispatch?.id === id)
        .map((e) => e.type)
    assert.equal(
      dispatchTypes(sCrew, d1.id),
      ['dispatch.sent', 'dispatch.status_changed'],
      'the crew hears its dispatch',
    )
    assert.equal(dispatchTypes(sCrew2, d1.id), [], 'another crew does not')
    assert.equal(dispatchTypes(sCrew2, d2.id), ['dispatch.sent', 'dispatch.status_changed'])
    assert.equal(dispatchTypes(sCrew, d2.id), [])
    assert.equal(typesAbout(sCrew2, vnpt.id), [], 'crew2 hears nothing of the VNPT incident')

    // A late joiner replaying from the same point is filtered the same way: no more, no less.
    for (const [i, c] of [coordinator, enterprise, enterprise2, crew, crew2].entries()) {
      const late = await open(c.cookie)
      await late.subscribe(head)
      assert.equal(
        seqs(late.events()),
        seqs(socks[i]!.events()),
        `${users[i]} replays what it heard live`,
      )
    }
  }),
)

test(
  'the handshake needs a session cookie and, when an Origin is sent, this desk’s own',
  live(async ({ desk, open, refused, origin, hub }) => {
    const coordinator = await desk.as('coordinator')
    assert.is(
      await refused(coordinator.cookie, { origin: 'http://evil.example' }),
      403,
      'a foreign origin',
    )
    assert.is(await refused(null), 401, 'no cookie')
    assert.is(await refused('cd_session=not-a-session'), 401, 'an unknown session')
    assert.is(hub.size, 0, 'no refused socket was kept')

    const sock = await open(coordinator.cookie, { origin })
    assert.is(
      await sock.subscribe(headSeq(desk.deps)),
      headSeq(desk.deps),
      'the desk’s own origin is let in',
    )
    assert.is(hub.size, 1)
  }),
)

test(
  'a since ahead of the log gets reset, and the socket can subscribe again',
  live(async ({ desk, open }) => {
    const sock = await open((await desk.as('observer')).cookie)
    const head = headSeq(desk.deps)
    sock.send({ type: 'subscribe', since: head + 1 })
    assert.equal(await sock.waitFor((m) => m.type === 'reset'), {
      type: 'reset',
      reason: 'ahead_of_server',
    })
    assert.is(await sock.subscribe(head), head)
  }),
)

test(
  'a gap larger than the replay limit gets reset instead of a replay',
  live(
    async ({ desk, open }) => {
      const coordinator = await desk.as('coordinator')
      const sock = await open(coordinator.cookie)
      const head = headSeq(desk.deps)

      sock.send({ type: 'subscribe', since: head - 6 })
      assert.equal(await sock.waitFor((m) => m.type === 'reset'), {
        type: 'reset',
        reason: 'gap_too_large',
      })
      assert.equal(sock.events(), [], 'nothing was replayed')

      await report(coordinator, 'Trong khoảng trống', await placeOf(coordinator))
      await sock.sync()
      assert.equal(sock.events(), [], 'a reset socket hears nothing live until it subscribes again')

      const now = headSeq(desk.deps)
      assert.is(await sock.subscribe(now - 5), now, 'a gap of exactly the limit is replayed')
      // Everything but sign-ins, which only admins read.
      assert.equal(
        seqs(sock.events()),
        eventsAfter(desk.deps, now - 5)
          .filter((e) => !e.type.startsWith('user.'))
          .map((e) => e.seq),
      )
    },
    { maxReplay: 5 },
  ),
)

test(
  'ping gets pong; a bad message gets an error and the socket stays open',
  live(async ({ desk, open }) => {
    const sock = await open((await desk.as('observer')).cookie)
    sock.send({ type: 'ping' })
    assert.equal(await sock.waitFor((m) => m.type === 'pong'), {
      type: 'pong',
      at: desk.clock.now(),
    })

    for (const bad of [
      'not json',
      { type: 'subscribe', since: -1 },
      { type: 'subscribe' },
      { type: 'shout' },
    ]) {
      const from = sock.messages.length
      sock.send(bad)
      const reply = await sock.waitFor(() => true, from)
      assert.is(reply.type, 'error', JSON.stringify(bad))
      assert.is(reply.type === 'error' && reply.code, 'invalid_input')
    }
    await sock.sync()
    assert.ok(sock.isOpen, 'still open')
    assert.is(await sock.subscribe(headSeq(desk.deps)), headSeq(desk.deps), 'and still usable')
  }),
)

test(
  'logging out closes that session’s socket with 4401, and only that one',
  live(async ({ desk, open, hub }) => {
    const [mine, myOther, coordinator] = await Promise.all([
      desk.as('enterprise'),
      desk.as('enterprise'),
      desk.as('coordinator'),
    ])
    const socks = await Promise.all([mine, myOther, coordinator].map((c) => open(c.cookie)))
    await Promise.all(socks.map((s) => s.subscribe(headSeq(desk.deps))))
    const [sMine, sOther, sCoordinator] = socks

    assert.is((await mine.post('/api/auth/logout')).status, 200)
    assert.is(await sMine.closed(), 4401)
    await Promise.all([sOther.sync(), sCoordinator.sync()])
    assert.ok(sOther.isOpen, 'the same user’s other session keeps its socket')
    assert.ok(sCoordinator.isOpen)
    assert.is(hub.size, 2)
  }),
)

test(
  'disabling a user closes their socket with 4401',
  live(async ({ desk, open }) => {
    const [admin, enterprise2, coordinator] = await Promise.all([
      desk.as('admin'),
      desk.as('enterprise2'),
      desk.as('coordinator'),
    ])
    const id = (await enterprise2.get('/api/me')).body.id as number
    const [sUser, sCoordinator] = await Promise.all([
      open(enterprise2.cookie),
      open(coordinator.cookie),
    ])
    await Promise.all([
      sUser.subscribe(headSeq(desk.deps)),
      sCoordinator.subscribe(headSeq(desk.deps)),
    ])

    assert.is((await admin.patch(`/api/users/${id}`, { disabled: true })).status, 200)
    assert.is(await sUser.closed(), 4401)
    await sCoordinator.sync()
    assert.ok(sCoordinator.isOpen, 'other users keep theirs')
    assert.is((await enterprise2.get('/api/me')).status, 401, 'the session is over over HTTP too')
  }),
)

test(
  'a client too slow to drain its buffer is dropped while the others keep receiving',
  live(
    async ({ desk, open, hub }) => {
      const [enterprise, coordinator] = await Promise.all([
        desk.as('enterprise'),
        desk.as('coordinator'),
      ])
      const at = await placeOf(coordinator)
      const [slow, fast] = await Promise.all([open(coordinator.cookie), open(coordinator.cookie)])
      const head = headSeq(desk.deps)
      await Promise.all([slow.subscribe(head), fast.subscribe(head)])

      slow.stall()
      const a = await report(enterprise, 'Một', at)
      await setStatus(coordinator, `/api/incidents/${a.id}`, 'acknowledged')
      await report(enterprise, 'Hai', at)
      await fast.sync()

      assert.is(await slow.closed(), 1006, 'dropped without a close handshake')
      assert.equal(
        seqs(fast.events()),
        eventsAfter(desk.deps, head).map((e) => e.seq),
        'the fast one missed nothing',
      )
      assert.is(hub.size, 1)
    },
    // Every event frame is larger than this, so the second one finds the first still queued.
    { maxBuffered: 100 },
  ),
)

test.run()
