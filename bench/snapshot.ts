// A desk under storm-day load (5,000 open incidents, 1,000 sites, 200 crews), built through the
// API: how long GET /api/snapshot takes and how big it is, how fast a socket that missed 5,000
// events catches up, and what the crew page weighs on first load.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { signIn } from './intake'
import { child, median, ROOT, type Child } from './lib'

export const SIZES = { incidents: 5000, sites: 1000, crews: 200 }
const MISSED = 5000

/** Runs calls with at most `width` in flight; fails on the first non-2xx. */
async function pool(total: number, width: number, call: (i: number) => Promise<Response>) {
  let next = 0
  const worker = async () => {
    while (next < total) {
      const i = next++
      const res = await call(i)
      const body = await res.text()
      if (res.status >= 300) throw new Error(`populate #${i}: ${res.status} ${body}`)
    }
  }
  await Promise.all(Array.from({ length: width }, worker))
}

async function populate(url: string) {
  const [admin, coordinator, vnpt, viettel] = await Promise.all(
    ['admin', 'coordinator', 'enterprise', 'enterprise2'].map((u) => signIn(url, u)),
  )
  const post = (cookie: string, path: string, body: unknown) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url, cookie }, body: JSON.stringify(body) })
  const snap = (await (await fetch(`${url}/api/snapshot`, { headers: { cookie: coordinator } })).json()) as {
    sites: unknown[]
    crews: unknown[]
    incidents: unknown[]
    areas: { id: number; level: string; lat: number; lng: number }[]
    organizations: { id: number; code: string }[]
  }
  const districts = snap.areas.filter((a) => a.level !== 'province')
  const org = (code: string) => snap.organizations.find((o) => o.code === code)!.id
  const telecoms = [org('vnpt'), org('viettel'), org('mobifone')]
  await pool(SIZES.sites - snap.sites.length, 16, (i) => {
    const d = districts[i % districts.length]!
    return post(admin, '/api/sites', {
      code: `BENCH-${i}`,
      name: `Điểm bỏ phiếu thử số ${i}`,
      kind: 'polling_station',
      areaId: d.id,
      lat: d.lat + ((i % 37) - 18) / 1500,
      lng: d.lng + ((i % 41) - 20) / 1500,
      services: telecoms.map((organizationId) => ({ organizationId, service: 'mobile' })),
    })
  })
  await pool(SIZES.crews - snap.crews.length, 16, (i) =>
    post(coordinator, '/api/crews', {
      organizationId: telecoms[i % 3],
      name: `Đội ứng cứu dự phòng ${i}`,
      phone: `+8490${String(1000000 + i)}`,
      skills: ['fibre', 'vsat'].slice(0, 1 + (i % 2)),
      lat: 10.4 + (i % 50) / 500,
      lng: 107.1 + (i % 47) / 500,
    }),
  )
  await pool(SIZES.incidents - snap.incidents.length, 32, (i) =>
    post(i % 2 ? viettel : vnpt, '/api/incidents', {
      kind: 'outage',
      cause: 'power',
      severity: ['low', 'medium', 'high', 'critical'][i % 4],
      title: `Mất sóng trạm BTS số ${i}`,
      description: 'Trạm mất điện lưới, ắc quy dự phòng còn khoảng hai giờ; đề nghị hỗ trợ máy phát.',
      services: ['mobile'],
      lat: 10.33 + (i % 113) / 400,
      lng: 107.05 + (i % 127) / 400,
      radiusM: 0,
    }),
  )
  return { coordinator, vnpt }
}

async function timeSnapshot(url: string, cookie: string) {
  const times: number[] = []
  let body = ''
  for (let k = 0; k < 12; k++) {
    const t0 = performance.now()
    const res = await fetch(`${url}/api/snapshot`, { headers: { cookie } })
    body = await res.text()
    if (k >= 2) times.push(performance.now() - t0)
  }
  const parsed = JSON.parse(body)
  return {
    ms: median(times),
    maxMs: Math.max(...times),
    bytes: Buffer.byteLength(body),
    gzipBytes: gzipSync(body).length,
    counts: { incidents: parsed.incidents.length, sites: parsed.sites.length, crews: parsed.crews.length },
  }
}

/** The files dist/field.html loads, with what each module imports in turn. */
function crewPage() {
  const dist = join(ROOT, 'dist')
  const html = readFileSync(join(dist, 'field.html'), 'utf8')
  const files = new Set<string>()
  const add = (path: string) => {
    if (files.has(path)) return
    files.add(path)
    if (!path.endsWith('.js')) return
    const js = readFileSync(join(dist, path), 'utf8')
    for (const m of js.matchAll(/(?:from|import)\s*\(?"(\.\/[^"]+\.js)"/g)) add(join('assets', m[1]!))
  }
  for (const m of html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)) add(m[1]!)
  const sizes = [...files].map((f) => {
    const raw = readFileSync(join(dist, f))
    return { file: f, bytes: raw.length, gzipBytes: gzipSync(raw).length }
  })
  const htmlGzip = gzipSync(html).length
  return {
    files: sizes,
    bytes: Buffer.byteLength(html) + sizes.reduce((n, s) => n + s.bytes, 0),
    gzipBytes: htmlGzip + sizes.reduce((n, s) => n + s.gzipBytes, 0),
  }
}

export async function runSnapshot(clients: Child) {
  const dir = mkdtempSync(join(tmpdir(), 'commsdesk-bench-snapshot-'))
  const desk = await child('serve.ts', { DB_FILE: join(dir, 'desk.db') })
  try {
    const url = `http://127.0.0.1:${(await desk.ask('ready')).port}`
    const t0 = performance.now()
    const { coordinator, vnpt } = await populate(url)
    const populateS = (performance.now() - t0) / 1000
    const asCoordinator = await timeSnapshot(url, coordinator)
    const asEnterprise = await timeSnapshot(url, vnpt)

    const head = await desk.ask<number>('head')
    const resumes = []
    for (let k = 0; k < 3; k++) {
      resumes.push(await clients.ask('resume', { url: `${url.replace('http', 'ws')}/api/live`, cookie: coordinator, since: head - MISSED }))
    }
    const fieldRes = await fetch(`${url}/field`, { headers: { 'accept-encoding': 'gzip, br' } })
    await fieldRes.arrayBuffer()
    return {
      populateS,
      snapshot: { coordinator: asCoordinator, enterprise: asEnterprise },
      resume: { missed: MISSED, runs: resumes, ms: median(resumes.map((r: any) => r.ms)) },
      crewPage: { ...crewPage(), servedEncoding: fieldRes.headers.get('content-encoding') ?? 'none' },
    }
  } finally {
    await desk.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
