// Network bench: site status after one incident change, and coverage for the whole province, on a
// synthetic province of 5,000 sites and 20,000 network elements (three operators; per operator
// 2 core nodes, 32 exchanges, 32 district links, 6,600 cell sites; two power feeds), 40 open incidents and 2,000
// closed ones, 30 backup links up. The database is a real file with the desk's pragmas
// (WAL, synchronous=FULL), written through the one writer.
// Run alone: npx tsx bench/network.ts (env BENCH_NET_RUNS, default 30); npm run bench runs it last.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DISTRICTS, PROVINCE } from '../db/seed/areas'
import { seededRandom } from '../db/seed/random'
import { coverageByArea } from '../shared/coverage'
import { IncidentUpdate } from '../shared/incident'
import { pointInRing } from '../shared/geo'
import { systemClock } from '../server/clock'
import { loadConfig } from '../server/config'
import type { Actor, Deps } from '../server/context'
import { coverage } from '../server/coverage/service'
import { buildDeps } from '../server/deps'
import { sitesTouched } from '../server/incidents/elements'
import { incidentRow } from '../server/incidents/present'
import { updateIncident } from '../server/incidents/service'
import { listSites } from '../server/sites/present'
import { recomputeSites } from '../server/sites/status'
import { seedAdminOnly } from '../server/seed'
import { BENCH_DIR, median, percentile, round } from './lib'
import { table } from './table'

const SITES = 5000
const ORGS = ['vnpt', 'viettel', 'mobifone'] as const
const LINKS_PER_DISTRICT = 4
const EXCHANGES = 32
const CELLS_PER_ORG = 6600
const RUNS = Number(process.env.BENCH_NET_RUNS ?? 30)
const GOAL_MS = 50

interface Built {
  deps: Deps
  actor: Actor
  dir: string
  elementCount: number
  /** Per operator: its district links, each with the number of sites below it. */
  links: { id: number; org: number; sites: number }[]
  nodes: { id: number; org: number }[]
  incidentId: number
}

function build(): Built {
  const dir = mkdtempSync(join(tmpdir(), 'commsdesk-net-'))
  const deps = buildDeps(loadConfig({ DB_FILE: join(dir, 'net.db'), SEED: 'none' }), systemClock)
  return { deps, dir } as Built
}

async function fill(b: Built): Promise<void> {
  await seedAdminOnly(b.deps)
  const s = b.deps.db.$client
  const rnd = seededRandom(5000_20000)
  const now = Date.now()
  const admin = s.prepare(`SELECT id, organization_id AS org FROM users WHERE username = 'admin'`).get() as { id: number; org: number }
  b.actor = { userId: admin.id, username: 'admin', role: 'admin', organizationId: admin.org, crewId: null }

  s.exec('BEGIN')
  const org = s.prepare(`INSERT INTO organizations (code, name, kind, phone, created_at) VALUES (?, ?, 'telecom', NULL, ?) RETURNING id`)
  const orgIds = ORGS.map((o) => (org.get(o, o.toUpperCase(), now) as { id: number }).id)
  const area = s.prepare(
    `INSERT INTO areas (code, name, level, parent_id, lat, lng, boundary, area_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  )
  const province = (area.get(PROVINCE.code, PROVINCE.name, 'province', null, PROVINCE.lat, PROVINCE.lng, null, 'rural') as { id: number }).id
  const districts = DISTRICTS.map((d) => ({
    ...d,
    id: (area.get(d.code, d.name, 'district', province, d.lat, d.lng, JSON.stringify([d.ring]), d.areaType) as { id: number }).id,
  }))
  const weight = districts.reduce((n, d) => n + d.pollingStations, 0)
  const pointIn = (d: (typeof districts)[number]) => {
    const lngs = d.ring.map((p) => p[0])
    const lats = d.ring.map((p) => p[1])
    for (;;) {
      const p = { lng: Math.min(...lngs) + rnd.next() * (Math.max(...lngs) - Math.min(...lngs)), lat: Math.min(...lats) + rnd.next() * (Math.max(...lats) - Math.min(...lats)) }
      if (pointInRing(p, d.ring)) return p
    }
  }

  const el = s.prepare(
    `INSERT INTO network_elements (organization_id, kind, code, name, lat, lng, coverage_radius_m, power_source, medium, upstream_id, area_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  )
  const add = (o: number, kind: string, code: string, at: { lat: number; lng: number }, upstream: number | null, areaId: number, extra: { r?: number; power?: string; medium?: string } = {}) =>
    (el.get(o, kind, code, code, at.lat, at.lng, extra.r ?? null, extra.power ?? null, extra.medium ?? null, upstream, areaId, now, now) as { id: number }).id
  let elementCount = 0
  const cellsByDistrict = new Map<string, number[]>() // `${org}|${district}` → cell ids
  const linkOfCell = new Map<number, number>()
  b.links = []
  b.nodes = []
  ORGS.forEach((name, oi) => {
    const o = orgIds[oi]!
    const nodes = [0, 1].map((i) => add(o, 'transmission_node', `${name}-N${i}`, districts[i]!, null, districts[i]!.id, { power: 'grid_battery' }))
    nodes.forEach((id) => b.nodes.push({ id, org: o }))
    for (let i = 0; i < EXCHANGES; i++) add(o, 'exchange', `${name}-X${i}`, pointIn(districts[i % districts.length]!), nodes[i % 2]!, districts[i % districts.length]!.id)
    const links: { id: number; district: (typeof districts)[number] }[] = []
    for (const d of districts) {
      for (let k = 0; k < LINKS_PER_DISTRICT; k++) {
        const id = add(o, 'transmission_link', `${name}-L-${d.code}-${k}`, d, nodes[d.code === 'vung-tau' ? 1 : 0]!, d.id, { medium: 'fibre' })
        links.push({ id, district: d })
        b.links.push({ id, org: o, sites: 0 })
      }
    }
    for (let i = 0; i < CELLS_PER_ORG; i++) {
      const link = links[i % links.length]!
      const id = add(o, 'cell_site', `${name}-C${i}`, pointIn(link.district), link.id, link.district.id, { r: 2000, power: 'grid_battery' })
      const key = `${o}|${link.district.code}`
      cellsByDistrict.set(key, [...(cellsByDistrict.get(key) ?? []), id])
      linkOfCell.set(id, link.id)
    }
    elementCount += 2 + EXCHANGES + links.length + CELLS_PER_ORG
  })
  // Two power feeds make it an even 20,000.
  for (const d of districts.slice(0, 2)) add(orgIds[0]!, 'power_feed', `feed-${d.code}`, d, null, d.id, { power: 'grid' })
  elementCount += 2

  const site = s.prepare(
    `INSERT INTO sites (code, name, kind, area_id, lat, lng, priority, address, status, status_changed_at) VALUES (?, ?, ?, ?, ?, ?, 2, NULL, 'ok', ?) RETURNING id`,
  )
  const service = s.prepare('INSERT INTO site_services (site_id, organization_id, service) VALUES (?, ?, ?)')
  const dep = s.prepare(`INSERT OR IGNORE INTO site_dependencies (site_id, organization_id, service, element_id, role) VALUES (?, ?, ?, ?, ?)`)
  const sitesPerLink = new Map<number, Set<number>>()
  const siteIds: number[] = []
  for (let i = 0; i < SITES; i++) {
    let pick = rnd.next() * weight
    const d = districts.find((x) => (pick -= x.pollingStations) < 0) ?? districts[0]!
    const at = pointIn(d)
    const id = (site.get(`S${i}`, `Điểm ${i}`, i % 20 === 0 ? 'election_committee' : 'polling_station', d.id, at.lat, at.lng, now) as { id: number }).id
    siteIds.push(id)
    const n = rnd.int(1, 3)
    const orgsHere = [...orgIds].sort(() => rnd.next() - 0.5).slice(0, n)
    orgsHere.forEach((o, k) => {
      const cells = cellsByDistrict.get(`${o}|${d.code}`)!
      const primary = rnd.pick(cells)
      const secondary = rnd.pick(cells)
      for (const svc of k === 0 ? ['mobile', 'internet', 'fixed'] : ['mobile']) {
        service.run(id, o, svc)
        dep.run(id, o, svc, primary, 'primary')
        if (secondary !== primary) dep.run(id, o, svc, secondary, 'secondary')
      }
      for (const c of [primary, secondary]) {
        const l = linkOfCell.get(c)!
        if (!sitesPerLink.has(l)) sitesPerLink.set(l, new Set())
        sitesPerLink.get(l)!.add(id)
      }
    })
  }
  for (const l of b.links) l.sites = sitesPerLink.get(l.id)?.size ?? 0

  const inc = s.prepare(
    `INSERT INTO incidents (organization_id, kind, cause, severity, status, title, description, services, lat, lng, radius_m, area_id, source, impact, drill, reported_by, created_at, updated_at, status_changed_at)
     VALUES (?, 'outage', 'unknown', 'medium', ?, 'Bench', '', ?, ?, ?, ?, ?, 'api', '{}', 0, ?, ?, ?, ?) RETURNING id`,
  )
  const named = s.prepare('INSERT INTO incident_elements (incident_id, element_id, effect) VALUES (?, ?, ?)')
  const allCells = [...linkOfCell.keys()]
  const incidentIds: number[] = []
  for (let i = 0; i < 2040; i++) {
    const d = rnd.pick(districts)
    const at = pointIn(d)
    const open = i < 40
    const id = (inc.get(rnd.pick(orgIds), open ? 'reported' : 'closed', JSON.stringify(['mobile']), at.lat, at.lng, rnd.int(200, 2000), d.id, admin.id, now, now, now) as { id: number }).id
    if (open && i < 10) named.run(id, rnd.pick(allCells), i % 2 ? 'down' : 'degraded')
    incidentIds.push(id)
  }
  const link = s.prepare(`INSERT INTO backup_links (site_id, kind, status, created_at, updated_at, status_changed_at) VALUES (?, 'vsat', 'up', ?, ?, ?)`)
  for (let i = 0; i < 30; i++) link.run(rnd.pick(siteIds), now, now, now)
  s.exec('COMMIT')
  s.exec('ANALYZE')
  b.elementCount = elementCount
  // The incident the bench changes: open, no radius, naming nothing yet.
  b.incidentId = (inc.get(orgIds[0], 'reported', '[]', districts[0]!.lat, districts[0]!.lng, 0, districts[0]!.id, admin.id, now, now, now) as { id: number }).id
  // Every site's status as the desk would hold it.
  await b.deps.writer.run(null, (w) => recomputeSites(w, siteIds))
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return { p50: round(median(s), 2), p95: round(percentile(s, 95), 2), max: round(s[s.length - 1]!, 2) }
}

export interface NetworkResult {
  sites: number
  elements: number
  rows: { figure: string; p50: number; p95: number; max: number; goal: string; met: boolean }[]
}

export async function runNetwork(): Promise<NetworkResult> {
  const b = build()
  try {
    await fill(b)
    const { deps, actor } = b
    const rows: NetworkResult['rows'] = []
    const row = (figure: string, xs: number[], goal = `< ${GOAL_MS} ms`) => {
      const st = stats(xs)
      rows.push({ figure, ...st, goal, met: goal === 'reported' || st.p95 < GOAL_MS })
    }
    const typical = b.links.filter((l) => l.org === b.links[0]!.org)
    const patch = (elements: { elementId: number; effect: 'down' | 'degraded' }[]) => IncidentUpdate.parse({ elements })

    // 1. One incident change: the incident now names another district link (effect down). The
    //    sites below the old link recover and those below the new one go down or at risk.
    const write: number[] = []
    const derive: number[] = []
    const touched: number[] = []
    const moved: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const l = typical[i % typical.length]!
      const before = deps.db.$client.prepare('SELECT max(seq) AS s FROM events').get() as { s: number }
      const t0 = performance.now()
      await updateIncident(deps, actor, b.incidentId, patch([{ elementId: l.id, effect: 'down' }]))
      write.push(performance.now() - t0)
      moved.push((deps.db.$client.prepare(`SELECT count(*) AS n FROM events WHERE seq > ? AND type = 'site.status_changed'`).get(before.s) as { n: number }).n)
      // The derivation alone on the same sites: read, derive, compare (nothing left to change).
      await deps.writer.run(null, (w) => {
        const t1 = performance.now()
        const ids = sitesTouched(w.db, incidentRow(w.db, b.incidentId)!)
        recomputeSites(w, ids)
        derive.push(performance.now() - t1)
        touched.push(ids.length)
      })
    }
    const avg = (xs: number[]) => Math.round(xs.reduce((a, x) => a + x, 0) / xs.length)
    row(`one incident change (a district link down, ~${avg(touched)} sites touched, ~${avg(moved)} change): the whole write, fsync included`, write)
    row('  of which: recompute of the touched sites (reads + derivation)', derive)

    // 2. The worst change: a core node down, half an operator's network below it.
    const worst: number[] = []
    const worstDerive: number[] = []
    let worstMoved = 0
    let worstTouched = 0
    for (let i = 0; i < Math.max(3, Math.round(RUNS / 5)); i++) {
      const node = b.nodes[0]! // the Bà Rịa node of the first operator: all but one district
      const before = deps.db.$client.prepare('SELECT max(seq) AS s FROM events').get() as { s: number }
      let t0 = performance.now()
      await updateIncident(deps, actor, b.incidentId, patch([{ elementId: node.id, effect: 'down' }]))
      worst.push(performance.now() - t0)
      worstMoved = (deps.db.$client.prepare(`SELECT count(*) AS n FROM events WHERE seq > ? AND type = 'site.status_changed'`).get(before.s) as { n: number }).n
      await deps.writer.run(null, (w) => {
        t0 = performance.now()
        const ids = sitesTouched(w.db, incidentRow(w.db, b.incidentId)!)
        recomputeSites(w, ids)
        worstDerive.push(performance.now() - t0)
        worstTouched = ids.length
      })
      await updateIncident(deps, actor, b.incidentId, patch([]))
    }
    row(`worst case: a core node down (${worstTouched} sites touched, ${worstMoved} change, one event each): the whole write`, worst, 'reported')
    row('  of which: recompute of the touched sites (reads + derivation)', worstDerive, 'reported')

    // 3. Every site of the province recomputed (nothing changes): the derivation at full size.
    const all = listSites(deps.db).map((s) => s.id)
    const full: number[] = []
    for (let i = 0; i < 5; i++) {
      await deps.writer.run(null, (w) => {
        const t0 = performance.now()
        recomputeSites(w, all)
        full.push(performance.now() - t0)
      })
    }
    row(`all ${all.length} sites recomputed at once (reads + derivation)`, full, 'reported')

    // 4. Coverage for the whole province: the server's endpoint work, and the console's function.
    const server: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now()
      coverage(deps.db, Date.now())
      server.push(performance.now() - t0)
    }
    row('coverage for the whole province: GET /api/coverage service (2 reads + aggregation)', server)
    const sites = listSites(deps.db)
    const areas = deps.db.$client.prepare('SELECT id, name, level, parent_id AS parentId FROM areas').all() as Parameters<typeof coverageByArea>[0]
    const client: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now()
      coverageByArea(areas, sites)
      client.push(performance.now() - t0)
    }
    row('coverage in the console: coverageByArea on 5,000 live sites', client)
    return { sites: SITES, elements: b.elementCount, rows }
  } finally {
    b.deps.writer.close()
    b.deps.db.$client.close()
    rmSync(b.dir, { recursive: true, force: true })
  }
}

export function printNetwork(r: NetworkResult): void {
  console.log(`\n## Network: site status and coverage, ${r.sites} sites, ${r.elements} elements\n`)
  console.log(
    table(
      ['figure', 'p50 ms', 'p95 ms', 'max ms', 'goal', 'met'],
      r.rows.map((x) => [x.figure, x.p50, x.p95, x.max, x.goal, x.goal === 'reported' ? '—' : x.met ? 'yes' : 'NO']),
    ),
  )
}

/** For npm run bench: runs, prints, and writes bench/results/network.json. */
export async function runAndPrint(): Promise<NetworkResult> {
  const r = await runNetwork()
  printNetwork(r)
  mkdirSync(join(BENCH_DIR, 'results'), { recursive: true })
  writeFileSync(join(BENCH_DIR, 'results', 'network.json'), JSON.stringify({ at: new Date().toISOString(), ...r }, null, 1))
  return r
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runAndPrint().then(
    () => process.exit(0),
    (err) => {
      console.error(err)
      process.exit(1)
    },
  )
}
