// Intake: POST /api/incidents through the real desk (synchronous=FULL, session cookie, Origin,
// the event appended and fanned out) against the bare ceiling (one zod parse, one prepared INSERT,
// synchronous=NORMAL), rotated within seconds of each other so their ratio holds on a noisy host.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { child, cpuSeconds, median, type Child } from './lib'

export const CONNECTIONS = 50
const WARMUP_S = 1
const LIVE_CLIENTS = 200

export interface IntakeSample {
  name: string
  rps: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  serverCpu: number
}

/** One server configuration under one kind of load. */
interface Config {
  name: string
  script: 'bare-http.ts' | 'serve.ts'
  env?: Record<string, string>
  /** Reports near protected sites (site status derived) or touching none (the write path alone). */
  reports: 'near-sites' | 'no-site'
  live?: boolean
  /** The row the goal is judged on. */
  headline?: boolean
}

export const CONFIGS: Config[] = [
  { name: 'bare: zod + prepared INSERT, NORMAL', script: 'bare-http.ts', reports: 'near-sites' },
  { name: 'desk: FULL, group commit', script: 'serve.ts', reports: 'near-sites', headline: true },
  { name: 'desk: FULL, no grouping (maxBatch 1)', script: 'serve.ts', env: { MAX_BATCH: '1' }, reports: 'near-sites' },
  { name: `desk: FULL, group commit, ${LIVE_CLIENTS} live sockets`, script: 'serve.ts', reports: 'near-sites', live: true },
  { name: 'desk: FULL, group commit, reports touching no site', script: 'serve.ts', reports: 'no-site' },
  { name: 'desk: FULL, no grouping, reports touching no site', script: 'serve.ts', env: { MAX_BATCH: '1' }, reports: 'no-site' },
  { name: 'desk: NORMAL (diagnostic), touching no site', script: 'serve.ts', env: { SYNC: 'NORMAL' }, reports: 'no-site' },
]

export async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'commsdesk-demo' }),
  })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

/**
 * Outage reports near the sites that get VNPT's mobile service (the desk's core loop, step 1), or
 * the same reports with no radius, which touch no site.
 */
async function reportBodies(base: string, cookie: string, vnptId: number, radiusM: number): Promise<string[]> {
  const snap = (await (await fetch(`${base}/api/snapshot`, { headers: { cookie } })).json()) as {
    sites: { name: string; lat: number; lng: number; services: { organizationId: number; service: string }[] }[]
  }
  const sites = snap.sites.filter((s) => s.services.some((x) => x.organizationId === vnptId && x.service === 'mobile'))
  let seed = 42
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  return Array.from({ length: 1000 }, (_, i) => {
    const site = sites[i % sites.length]!
    return JSON.stringify({
      kind: 'outage',
      cause: 'power',
      severity: ['low', 'medium', 'high', 'critical'][i % 4],
      title: `Mất sóng di động khu vực ${site.name}`,
      description:
        'Trạm BTS mất điện lưới, máy phát dự phòng chưa khởi động được; thuê bao quanh điểm bầu cử không gọi được. Đội ứng cứu đang trên đường tới.',
      services: ['mobile'],
      lat: site.lat + (rnd() - 0.5) * 0.004,
      lng: site.lng + (rnd() - 0.5) * 0.004,
      radiusM,
    })
  })
}

function load(url: string, headers: Record<string, string>, bodies: string[], duration: number) {
  let i = 0
  return autocannon({
    url: `${url}/api/incidents`,
    connections: CONNECTIONS,
    duration,
    requests: [{ method: 'POST', headers, setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }) }],
  })
}

async function measure(name: string, server: Child, url: string, headers: Record<string, string>, bodies: string[], secs: number): Promise<IntakeSample> {
  await load(url, headers, bodies, WARMUP_S)
  const pid = server.proc.pid!
  const c0 = cpuSeconds(pid)
  const r = await load(url, headers, bodies, secs)
  return {
    name,
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    serverCpu: (cpuSeconds(pid) - c0) / r.duration,
  }
}

export interface IntakeResult {
  cycles: IntakeSample[][]
  /** Median over cycles of each figure, and of each per-cycle ratio to the bare ceiling. */
  rows: (IntakeSample & { ratio: number; headline: boolean })[]
}

/** One cycle: every configuration on a fresh server, measured back to back. */
async function cycle(clients: Child, secs: number): Promise<IntakeSample[]> {
  const dir = mkdtempSync(join(tmpdir(), 'commsdesk-bench-intake-'))
  const servers = await Promise.all(CONFIGS.map((c, k) => child(c.script, { DB_FILE: join(dir, `${k}.db`), ...c.env })))
  try {
    const urls = await Promise.all(servers.map(async (s) => `http://127.0.0.1:${(await s.ask('ready')).port}`))
    const desk = urls[CONFIGS.findIndex((c) => c.script === 'serve.ts')]!
    const probe = await signIn(desk, 'enterprise')
    const me = (await (await fetch(`${desk}/api/me`, { headers: { cookie: probe } })).json()) as { organizationId: number }
    const bodies = {
      'near-sites': await reportBodies(desk, probe, me.organizationId, 500),
      'no-site': await reportBodies(desk, probe, me.organizationId, 0),
    }
    const row: IntakeSample[] = []
    for (const [k, c] of CONFIGS.entries()) {
      const url = urls[k]!
      let headers: Record<string, string> = { 'content-type': 'application/json' }
      if (c.script === 'serve.ts') headers = { ...headers, origin: url, cookie: await signIn(url, 'enterprise') }
      if (c.live) {
        const since = await servers[k]!.ask('head')
        const cookies = [headers.cookie!, await signIn(url, 'coordinator')]
        await clients.ask('connect', { group: 'intake', url: `${url.replace('http', 'ws')}/api/live`, count: LIVE_CLIENTS, cookies, since })
      }
      row.push(await measure(c.name, servers[k]!, url, headers, bodies[c.reports], secs))
      if (c.live) await clients.ask('close', { group: 'intake' })
    }
    return row
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function runIntake(clients: Child, cycles: number, secs: number): Promise<IntakeResult> {
  const all: IntakeSample[][] = []
  for (let k = 0; k < cycles; k++) {
    const row = await cycle(clients, secs)
    all.push(row)
    console.log(`  intake cycle ${k + 1}: ${row.map((r) => Math.round(r.rps)).join(' / ')} req/s`)
  }
  const rows = CONFIGS.map((c, k) => ({
    name: c.name,
    rps: median(all.map((r) => r[k]!.rps)),
    p50: median(all.map((r) => r[k]!.p50)),
    p99: median(all.map((r) => r[k]!.p99)),
    non2xx: all.reduce((n, r) => n + r[k]!.non2xx, 0),
    errors: all.reduce((n, r) => n + r[k]!.errors, 0),
    serverCpu: median(all.map((r) => r[k]!.serverCpu)),
    ratio: median(all.map((r) => r[k]!.rps / r[0]!.rps)),
    headline: !!c.headline,
  }))
  return { cycles: all, rows }
}
