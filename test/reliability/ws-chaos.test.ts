// Websocket chaos: 20 clients of two operators and the staff drop their sockets at random (cut or
// closed) and resume with `since` while 2,000 events stream in. Each ends with exactly the events
// it may see: none missing, none twice, none out of order, none from the other operator.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { EntityType } from '../../shared/events'
import { canSeeEvent, type Viewer } from '../../shared/permissions'
import { headSeq, type Client } from '../helpers'
import { liveDesk } from '../realtime/live-helpers'
import { judge, resumable, type Resumable } from './resumable'

const EVENTS = 2000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo)

test('20 clients reconnecting at random through 2,000 events: 0 missing, 0 duplicate, 0 out of order, 0 across organisations', async () => {
  const live = await liveDesk()
  let chaos = true
  const clients: (Resumable & { viewer: Viewer })[] = []
  try {
    const { desk } = live
    const users = ['enterprise', 'enterprise2', 'coordinator', 'observer'] as const
    const as = Object.fromEntries(await Promise.all(users.map(async (u) => [u, await desk.as(u)] as const))) as Record<
      (typeof users)[number],
      Client
    >
    const viewers = Object.fromEntries(
      await Promise.all(users.map(async (u) => [u, (await as[u].get('/api/me')).body as Viewer] as const)),
    )
    const from = headSeq(desk.deps)
    const url = `${live.origin.replace('http', 'ws')}/api/live`
    const plan = [...Array(8).fill('enterprise'), ...Array(8).fill('enterprise2'), 'coordinator', 'coordinator', 'observer', 'observer']
    plan.forEach((user: (typeof users)[number], i) => {
      // Each socket, once open, is cut again 10–250 ms later, mostly abruptly, while the chaos lasts.
      const onOpen = (c: Resumable) => {
        if (chaos) setTimeout(() => chaos && c.cut(Math.random() < 0.7 ? 'terminate' : 'close'), between(10, 250))
      }
      const c = resumable(`${user}#${i}`, url, as[user].cookie!, from, { retryMs: [0, 30], onOpen })
      clients.push(Object.assign(c, { viewer: viewers[user] }))
    })

    // The stream: both operators report (some near sites, whose status events concern several
    // organisations), and the coordinator acknowledges what they report.
    const sites = (await as.coordinator.get('/api/snapshot')).body.sites as { lat: number; lng: number }[]
    const open: number[] = []
    let n = 0
    const step = async () => {
      const k = n++
      if (k % 5 === 4 && open.length > 0) {
        const id = open.splice(Math.floor(Math.random() * open.length), 1)[0]!
        const res = await as.coordinator.post(`/api/incidents/${id}/status`, { status: 'acknowledged' })
        assert.is(res.status, 200, JSON.stringify(res.body))
        return
      }
      const site = sites[k % sites.length]!
      const near = k % 10 === 0
      const reporter = k % 2 ? as.enterprise2 : as.enterprise
      const res = await reporter.post('/api/incidents', {
        kind: 'outage',
        severity: 'medium',
        title: `Mất sóng ${k}`,
        services: ['mobile', 'internet'],
        lat: near ? site.lat : 10.3 + (k % 50) / 1000,
        lng: near ? site.lng : 107.0 + (k % 50) / 1000,
        radiusM: near ? 300 : 0,
      })
      assert.is(res.status, 201, JSON.stringify(res.body))
      open.push(res.body.id)
    }
    while (headSeq(desk.deps) - from < EVENTS) {
      await Promise.all([step(), step(), step(), step()])
      await sleep(between(0, 3))
    }

    // Calm: the stream is over; each client resumes once more and must come to 'ready' at the head.
    chaos = false
    await sleep(300)
    for (const c of clients) c.cut('close')
    const head = headSeq(desk.deps)
    const deadline = Date.now() + 15_000
    while (clients.some((c) => c.ready !== head) && Date.now() < deadline) await sleep(20)

    const log = desk.deps.db.$client
      .prepare('SELECT seq, entity_type, org_ids, crew_ids FROM events WHERE seq > ? ORDER BY seq')
      .all(from) as { seq: number; entity_type: EntityType; org_ids: string; crew_ids: string }[]
    assert.ok(log.length >= EVENTS, `${log.length} events streamed`)
    const reconnects = clients.reduce((s, c) => s + c.connections - 1, 0)
    assert.ok(reconnects >= 100, `the sockets were cut and resumed ${reconnects} times`)
    for (const c of clients) {
      assert.is(c.ready, head, `${c.name} caught up to the head`)
      const visible = log
        .filter((e) => canSeeEvent(c.viewer, { entityType: e.entity_type, orgIds: JSON.parse(e.org_ids), crewIds: JSON.parse(e.crew_ids) }))
        .map((e) => e.seq)
      const verdict = judge(c, visible)
      assert.equal(
        { ...verdict, missing: verdict.missing.length, foreign: verdict.foreign.length },
        { missing: 0, duplicate: 0, outOfOrder: 0, foreign: 0, resets: 0 },
        `${c.name} after ${c.connections} connections (missing ${verdict.missing.slice(0, 5)}, foreign ${verdict.foreign.slice(0, 5)})`,
      )
      assert.equal(c.got, visible, c.name)
    }
    // The two operators really did see different streams.
    const vnpt = clients.find((c) => c.name.startsWith('enterprise#'))!
    const viettel = clients.find((c) => c.name.startsWith('enterprise2#'))!
    assert.ok(vnpt.got.length > 0 && viettel.got.length > 0)
    assert.ok(vnpt.got.length < log.length && viettel.got.length < log.length, 'an operator sees only its part')
  } finally {
    for (const c of clients) c.stop()
    await live.close()
  }
})

test.run()
