// Restart: the real server is stopped and started again on its database while reports keep coming
// and live sockets are open. The sockets come back by themselves and converge: each ends with the
// events it may see, once each, in order, and no acknowledged report is missing from the log.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { startServer, type RunningServer } from '../browser/server'
import { judge, resumable, type Resumable } from './resumable'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function signIn(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username, password: 'commsdesk-demo' }),
  })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`)
  return res.headers.getSetCookie()[0]!.split(';')[0]!
}

/** Everything a user may see after `since`, as a fresh socket is replayed it: the log's own word. */
async function replay(wsUrl: string, cookie: string, since: number): Promise<{ seqs: number[] }> {
  const oracle = resumable('oracle', wsUrl, cookie, since, { retryMs: [50, 100] })
  try {
    const deadline = Date.now() + 10_000
    while (oracle.ready === null && Date.now() < deadline) await sleep(20)
    assert.ok(oracle.ready !== null, `the replay ended with ready (connections ${oracle.connections}, resets ${oracle.resets}, got ${oracle.got.length})`)
    return { seqs: oracle.got }
  } finally {
    oracle.stop()
  }
}

test('live sockets converge after a server restart, and no acknowledged report is lost', async () => {
  let server: RunningServer | null = null
  const clients: Resumable[] = []
  try {
    server = await startServer()
    const url = server.url
    const users = ['enterprise', 'enterprise2', 'coordinator'] as const
    const cookies = Object.fromEntries(await Promise.all(users.map(async (u) => [u, await signIn(url, u)] as const)))
    const snap = (await (await fetch(`${url}/api/snapshot`, { headers: { cookie: cookies.coordinator! } })).json()) as { seq: number }
    const from = snap.seq
    const wsUrl = `${url.replace('http', 'ws')}/api/live`
    for (const u of users) for (const k of [1, 2]) clients.push(resumable(`${u}#${k}`, wsUrl, cookies[u]!, from, { retryMs: [50, 250] }))
    while (clients.some((c) => c.ready === null)) await sleep(20)

    // Two operators keep reporting through the restart; only a 201 counts as acknowledged.
    const acked: number[] = []
    const failures: string[] = []
    let writing = true
    const writer = async (user: 'enterprise' | 'enterprise2') => {
      for (let i = 0; writing; i++) {
        try {
          const res = await fetch(`${url}/api/incidents`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: url, cookie: cookies[user]! },
            body: JSON.stringify({ kind: 'outage', severity: 'high', title: `${user} ${i}`, lat: 10.4, lng: 107.1 + i / 1e4, radiusM: 0 }),
          })
          const body = await res.text()
          if (res.status === 201) acked.push(JSON.parse(body).id)
          else failures.push(`${res.status} ${body}`)
        } catch {
          // The server is down: the report was not acknowledged; the operator tries again shortly.
          await sleep(50)
        }
      }
    }
    const writers = [writer('enterprise'), writer('enterprise2')]
    await sleep(700)
    const beforeRestart = acked.length
    await server.restart()
    const reconnectedFrom = clients.map((c) => c.connections)
    await sleep(700)
    writing = false
    await Promise.all(writers)

    assert.ok(beforeRestart > 0 && acked.length > beforeRestart, `reports acknowledged before (${beforeRestart}) and after the restart`)
    assert.ok(failures.every((f) => !/^5\d\d/.test(f)), `no 5xx: ${failures.slice(0, 3)}`)

    // Converge: each resumes once more after the last write, and must reach the head.
    for (const c of clients) c.cut('close')
    const staff = await replay(wsUrl, cookies.coordinator!, from)
    const head = staff.seqs.at(-1)!
    const deadline = Date.now() + 15_000
    while (clients.some((c) => c.ready === null || c.ready < head) && Date.now() < deadline) await sleep(20)

    for (const c of clients) assert.ok(c.connections > 1, `${c.name} came back after the restart (connections ${reconnectedFrom})`)
    const visible: Record<string, number[]> = {
      coordinator: staff.seqs,
      enterprise: (await replay(wsUrl, cookies.enterprise!, from)).seqs,
      enterprise2: (await replay(wsUrl, cookies.enterprise2!, from)).seqs,
    }
    for (const c of clients) {
      const verdict = judge(c, visible[c.name.split('#')[0]!]!)
      assert.equal(
        { ...verdict, missing: verdict.missing.length, foreign: verdict.foreign.length },
        { missing: 0, duplicate: 0, outOfOrder: 0, foreign: 0, resets: 0 },
        `${c.name} (missing ${verdict.missing.slice(0, 5)})`,
      )
    }

    // Every acknowledged report is in the log after the restart, and reached the staff sockets.
    const ids = new Set<number>()
    let after: number | null = 0
    while (after !== null) {
      const page = (await (await fetch(`${url}/api/incidents?limit=500&after=${after}`, { headers: { cookie: cookies.coordinator! } })).json()) as {
        items: { id: number }[]
        next: number | null
      }
      for (const i of page.items) ids.add(i.id)
      after = page.next
    }
    assert.equal(acked.filter((id) => !ids.has(id)), [], 'acknowledged but lost')
    const staffGot = clients.filter((c) => c.name.startsWith('coordinator')).map((c) => c.got.length)
    assert.ok(staffGot.every((n) => n === staff.seqs.length), 'the staff sockets hold the whole log since they started')
    assert.ok(staff.seqs.length >= acked.length, 'one event at least per acknowledged report')
  } finally {
    for (const c of clients) c.stop()
    await server?.stop()
  }
})

test.run()
