// Fan-out: N sockets in another process subscribed to the desk (half enterprise, half coordinator),
// events made by real reports at a fixed rate; publish→receive latency against a bare ws server
// sending frames of the same size to the same number of sockets, in the same run.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { signIn } from './intake'
import { child, median, sleep, type Child } from './lib'

export interface FanoutStep {
  clients: number
  rate: number
}

export interface FanoutSample {
  clients: number
  rate: number
  connected: number
  frameBytes: number
  p50: number
  p99: number
  max: number
  delivered: number
  /** Longest one broadcast (the desk: one slice of it) held the server's event loop (ms), median over runs. */
  loopMaxMs: number
  /** Longest event-loop delay seen by a timer while the step ran, whatever the cause (ms). */
  loopDelayMaxMs?: number
  memPerConnKB: number
}

export interface FanoutResult {
  steps: { desk: FanoutSample; bare: FanoutSample; ratioP99: number }[]
}

/** A report that touches no site: exactly one event per request. */
const quietReport = (i: number) =>
  JSON.stringify({
    kind: 'degradation',
    severity: 'low',
    title: `Chất lượng cuộc gọi giảm, trạm số ${i}`,
    description: 'Tỉ lệ rớt cuộc gọi tăng nhẹ trong giờ cao điểm; đang theo dõi thêm.',
    lat: 10.35 + (i % 100) / 1000,
    lng: 107.08 + (i % 97) / 1000,
    radiusM: 0,
  })

/** Open loop: requests leave on schedule whether or not earlier ones have answered. */
async function reportAt(url: string, headers: Record<string, string>, rate: number, secs: number, from: number) {
  const total = Math.round(rate * secs)
  const t0 = performance.now()
  const pending: Promise<number>[] = []
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / rate - performance.now()
    if (wait > 0) await sleep(wait)
    pending.push(
      fetch(`${url}/api/incidents`, { method: 'POST', headers, body: quietReport(from + i) }).then(async (r) => {
        await r.arrayBuffer()
        return r.status
      }),
    )
  }
  const statuses = await Promise.all(pending)
  return { sent: total, failed: statuses.filter((s) => s !== 201).length }
}

async function waitForDeliveries(clients: Child, expected: number) {
  const t0 = performance.now()
  while (performance.now() - t0 < 5000 && (await clients.ask<number>('count')) < expected) await sleep(50)
}

interface Server {
  name: 'desk' | 'bare'
  connect(n: number): Promise<{ opened: number }>
  memory(): Promise<{ rss: number }>
  /** Sends `count` events at `rate`; answers with each seq's publish time and what the loop saw. */
  send(rate: number, count: number, size: number): Promise<{ published: [number, number][]; sliceMs: number; delayMs?: number }>
}

async function measure(clients: Child, server: Server, rate: number, secs: number, size: number, opened: number) {
  await clients.ask('reset')
  const run = await server.send(rate, rate * secs, size)
  await waitForDeliveries(clients, run.published.length * opened)
  const lat = await clients.ask('latency', { published: run.published, group: server.name })
  return { ...lat, sliceMs: run.sliceMs, delayMs: run.delayMs }
}

const med = (xs: number[]) => median(xs.filter((x) => Number.isFinite(x)))

/**
 * For each step both servers have their N sockets connected at once; the desk and the bare server
 * then take turns, `reps` times, so that each ratio is taken between runs seconds apart.
 */
export async function runFanout(clients: Child, steps: FanoutStep[], secs: number, reps: number): Promise<FanoutResult> {
  const dir = mkdtempSync(join(tmpdir(), 'commsdesk-bench-fanout-'))
  const desk = await child('serve.ts', { DB_FILE: join(dir, 'desk.db') })
  const bare = await child('bare-ws.ts')
  try {
    const url = `http://127.0.0.1:${(await desk.ask('ready')).port}`
    const bareUrl = `ws://127.0.0.1:${(await bare.ask('ready')).port}/`
    const [enterprise, coordinator] = await Promise.all([signIn(url, 'enterprise'), signIn(url, 'coordinator')])
    const headers = { 'content-type': 'application/json', origin: url, cookie: enterprise }
    let reports = 0
    let bareSeq = 1
    const servers: Server[] = [
      {
        name: 'desk',
        memory: () => desk.ask('memory'),
        connect: async (n) =>
          clients.ask('connect', { group: 'desk', url: `${url.replace('http', 'ws')}/api/live`, count: n, cookies: [enterprise, coordinator], since: await desk.ask('head') }),
        async send(rate, count) {
          await desk.ask('record', { on: true })
          await desk.ask('loopReset')
          const posted = await reportAt(url, headers, rate, count / rate, reports)
          reports += posted.sent
          if (posted.failed) console.log(`  fan-out: ${posted.failed} reports failed`)
          const loop = await desk.ask('loopMax')
          await desk.ask('record', { on: false })
          return { published: await desk.ask('published'), sliceMs: loop.sliceMs, delayMs: loop.maxMs }
        },
      },
      {
        name: 'bare',
        memory: () => bare.ask('memory'),
        connect: (n) => clients.ask('connect', { group: 'bare', url: bareUrl, count: n }),
        async send(rate, count, size) {
          const run = await bare.ask('run', { rate, count, size, firstSeq: bareSeq })
          bareSeq += count
          return { published: run.published, sliceMs: run.loopMaxMs }
        },
      },
    ]
    const out: FanoutResult['steps'] = []
    for (const { clients: n, rate } of steps) {
      const opened: Record<string, number> = {}
      const memKB: Record<string, number> = {}
      for (const s of servers) {
        const m0 = await s.memory()
        opened[s.name] = (await s.connect(n)).opened
        memKB[s.name] = ((await s.memory()).rss - m0.rss) / opened[s.name]! / 1024
      }
      // Warm-up, not recorded; it also tells the bare server how big the desk's frames are.
      const warm = await measure(clients, servers[0]!, rate, 1, 0, opened.desk!)
      const size = warm.frameBytes
      await measure(clients, servers[1]!, rate, 1, size, opened.bare!)
      const runs: Record<string, any[]> = { desk: [], bare: [] }
      for (let rep = 0; rep < reps; rep++) {
        for (const s of servers) runs[s.name]!.push(await measure(clients, s, rate, secs, size, opened[s.name]!))
      }
      for (const s of servers) await clients.ask('close', { group: s.name })
      const sample = (name: 'desk' | 'bare'): FanoutSample => {
        const r = runs[name]!
        return {
          clients: n,
          rate,
          connected: opened[name]!,
          frameBytes: r[0].frameBytes,
          p50: med(r.map((x) => x.p50)),
          p99: med(r.map((x) => x.p99)),
          max: Math.max(...r.map((x) => x.max)),
          delivered: Math.min(...r.map((x) => x.deliveries / Math.max(1, x.expected))),
          loopMaxMs: med(r.map((x) => x.sliceMs)),
          loopDelayMaxMs: name === 'desk' ? med(r.map((x) => x.delayMs)) : undefined,
          memPerConnKB: memKB[name]!,
        }
      }
      const d = sample('desk')
      const b = sample('bare')
      const ratioP99 = med(runs.desk!.map((x, i) => x.p99 / runs.bare![i]!.p99))
      out.push({ desk: d, bare: b, ratioP99 })
      console.log(
        `  fan-out ${n} × ${rate}/s (median of ${reps}): desk p50 ${d.p50.toFixed(1)} p99 ${d.p99.toFixed(1)} ms, bare p50 ${b.p50.toFixed(1)} p99 ${b.p99.toFixed(1)} ms`,
      )
    }
    return { steps: out }
  } finally {
    await Promise.all([desk.stop(), bare.stop()])
    rmSync(dir, { recursive: true, force: true })
  }
}
