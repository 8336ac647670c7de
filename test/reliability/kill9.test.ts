// kill -9 during intake: the real server is SIGKILLed 20 times at random moments while a client files
// reports, each retried with its own Idempotency-Key until a 2xx. Every acknowledged report exists
// exactly once, the database passes its integrity check and the event log's hash chain holds.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { openDb } from '../../db/client'
import { verifyChain } from '../../server/events/log'
import { startServer, type RunningServer } from '../browser/server'

const REPORTS = 150
const KILLS = 20
const WORKERS = 4

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const between = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1))

// Far from every site and taking no service away, so each report makes one event of its own.
const report = (run: string, i: number) => ({
  kind: 'outage',
  severity: 'medium',
  title: `kill9 ${run} #${i}`,
  lat: 10.6 + i / 10_000,
  lng: 107.45,
  radiusM: 0,
  services: [],
})

interface Filed {
  key: string
  title: string
  id: number
  attempts: number
  replayed: boolean
}

test('20 kill -9s during intake lose no acknowledged report and duplicate none; the log verifies', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'commsdesk-kill9-'))
  const dbFile = join(dir, 'desk.db')
  let server: RunningServer | null = null
  try {
    server = await startServer({ DB_FILE: dbFile })
    const url = server.url
    const run = randomUUID().slice(0, 8)

    let cookie = ''
    const signIn = async () => {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ username: 'enterprise', password: 'commsdesk-demo' }),
      })
      if (res.status !== 200) throw new Error(`login: ${res.status}`)
      cookie = res.headers.getSetCookie()[0]!.split(';')[0]!
    }
    await signIn()

    let relogins = 0
    let networkErrors = 0
    /** One POST with its key, repeated on a network error, 5xx or lost session until a 2xx. */
    const file = async (key: string, body: object): Promise<{ id: number; attempts: number; replayed: boolean }> => {
      const deadline = Date.now() + 45_000
      for (let attempts = 1; ; attempts++) {
        if (Date.now() > deadline) throw new Error(`no 2xx for ${key} after ${attempts} attempts`)
        let res: Response
        try {
          res = await fetch(`${url}/api/incidents`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: url, cookie, 'idempotency-key': key },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(5_000),
          })
        } catch {
          networkErrors++
          await sleep(between(10, 40))
          continue
        }
        const text = await res.text().catch(() => null)
        if (res.ok && text !== null) {
          return { id: JSON.parse(text).id, attempts, replayed: res.headers.get('idempotent-replayed') === 'true' }
        }
        if (res.status === 401) {
          relogins++
          await signIn().catch(() => undefined)
          continue
        }
        if (res.status < 500 && text !== null) throw new Error(`${key}: ${res.status} ${text}`)
        await sleep(between(10, 40))
      }
    }

    const filed: Filed[] = []
    let next = 0
    const worker = async () => {
      while (next < REPORTS) {
        const i = next++
        const key = randomUUID()
        const body = report(run, i)
        filed.push({ key, title: body.title, ...(await file(key, body)) })
      }
    }

    // The killer waits for a few fresh acknowledgements after each start, then kills mid-stream.
    const started = performance.now()
    let kills = 0
    const killer = async () => {
      while (kills < KILLS) {
        const target = filed.length + between(1, 5)
        while (filed.length < target && filed.length < REPORTS) await sleep(2)
        if (filed.length >= REPORTS) return
        await sleep(between(0, 15))
        await server!.kill9()
        kills++
        await sleep(between(0, 100))
        await server!.restart()
      }
    }
    await Promise.all([killer(), ...Array.from({ length: WORKERS }, worker)])
    const elapsed = Math.round(performance.now() - started)

    assert.is(kills, KILLS, `kills during intake (all ${REPORTS} reports were filed first)`)
    assert.is(filed.length, REPORTS)

    // Each key asked again once the desk is steady: the same id every time.
    const again = await Promise.all(filed.map((f) => file(f.key, report(run, Number(f.title.split('#')[1])))))
    const moved = filed.filter((f, n) => again[n]!.id !== f.id).map((f) => f.key)
    assert.equal(moved, [], 'keys answered with another id on retry')
    assert.ok(again.every((a) => a.replayed), 'every retry is a replay')

    await server.stop()
    server = null

    const db = openDb(dbFile)
    try {
      const sqlite = db.$client
      const rows = sqlite.prepare('SELECT id, title FROM incidents WHERE title LIKE ?').all(`kill9 ${run} #%`) as { id: number; title: string }[]
      const byTitle = new Map<string, number[]>()
      for (const r of rows) byTitle.set(r.title, [...(byTitle.get(r.title) ?? []), r.id])
      const wrong = filed.filter((f) => byTitle.get(f.title)?.length !== 1 || byTitle.get(f.title)![0] !== f.id)
      assert.equal(
        wrong.map((f) => `${f.title}: acked ${f.id}, stored ${JSON.stringify(byTitle.get(f.title) ?? [])}`),
        [],
        'every acknowledged report stored exactly once, under the id it was acknowledged with',
      )
      assert.is(rows.length, REPORTS, 'no report stored that was not acknowledged')
      assert.is(sqlite.pragma('integrity_check', { simple: true }), 'ok')
      const chain = verifyChain(db)
      assert.ok(chain.ok, `the chain breaks at seq ${chain.brokenAt}`)
      const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n
      assert.is(
        count("SELECT count(*) AS n FROM events WHERE type = 'incident.reported'"),
        count('SELECT count(*) AS n FROM incidents'),
        'one incident.reported event per incident',
      )
    } finally {
      db.$client.close()
    }

    const retried = filed.filter((f) => f.attempts > 1).length
    const replays = filed.filter((f) => f.replayed).length
    console.log(
      `  kill9: ${REPORTS} reports, ${kills} kills in ${elapsed} ms; ${retried} retried, ${replays} acknowledged by replay ` +
        `(committed before the kill), ${networkErrors} network errors, ${relogins} re-logins`,
    )
  } finally {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
