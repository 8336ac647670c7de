// A site's communications status is derived, never typed in. In order:
//   on_backup  while a backup link for it is up;
//   down       when an open incident (not a drill) covers it within its radius and takes away a
//              service the site gets from the incident's organisation (any organisation when the
//              incident names none), or when a service it gets has no working path left: every
//              element that service depends on, primary and secondary, is down;
//   at_risk    when a service lost a primary element but a secondary still works, or an element
//              it depends on (itself or upstream) is degraded;
//   ok         otherwise.
// It is recomputed inside the write of the change that can move it, and each change is an event.
// A batch reads everything it needs in a few statements (no query per site).
import { OPEN_INCIDENT_STATUSES } from '../../shared/enums'
import { sqlIn } from '../sql'
import type { Db } from '../../db/client'
import type { DependencyRole, ElementEffect, Service, SiteStatus } from '../../shared/enums'
import type { IncidentElement } from '../../shared/element'
import { bboxAround, distanceM, inBBox, type BBox, type LatLng } from '../../shared/geo'
import type { Site, SiteService } from '../../shared/site'
import { elementStates } from '../network/state'
import type { WriteScope } from '../writer'
import { presentSite } from './present'

export interface Coverage extends LatLng {
  radiusM: number
  services: readonly Service[]
  organizationId: number | null
}

export function incidentAffects(incident: Coverage, site: LatLng, services: readonly SiteService[]): boolean {
  if (distanceM(incident, site) > incident.radiusM) return false
  return incident.services.some((s) =>
    services.some(
      (ss) =>
        ss.service === s &&
        (incident.organizationId === null || ss.organizationId === incident.organizationId),
    ),
  )
}

export interface Dependency {
  organizationId: number
  service: Service
  elementId: number
  role: DependencyRole
}

type SiteRow = Parameters<typeof presentSite>[0]

const cache = new WeakMap<Db, ReturnType<typeof prepare>>()
function prepare(db: Db) {
  const s = db.$client
  const ids = 'SELECT value FROM json_each(?)'
  return {
    // A drill's link never hides a real outage.
    linksUp: s.prepare(
      `SELECT DISTINCT l.site_id AS id FROM backup_links l
       WHERE l.status = 'up' AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = l.incident_id AND i.drill = 1)`,
    ),
    // The open incidents whose reach (the box bboxAround draws around them) meets a box of sites.
    openIncidents: s.prepare(
      `SELECT lat, lng, radius_m AS radiusM, services, organization_id AS organizationId FROM incidents
       WHERE status IN ${sqlIn(OPEN_INCIDENT_STATUSES)} AND drill = 0
         AND lat - radius_m * :degPerM <= :maxLat AND lat + radius_m * :degPerM >= :minLat
         AND lng - radius_m * :degPerM / max(0.01, cos(radians(lat))) <= :maxLng
         AND lng + radius_m * :degPerM / max(0.01, cos(radians(lat))) >= :minLng`,
    ),
    siteBox: s.prepare(
      `SELECT min(lat) AS minLat, max(lat) AS maxLat, min(lng) AS minLng, max(lng) AS maxLng
       FROM sites WHERE id IN (${ids})`,
    ),
    sitesIn: s.prepare('SELECT id, lat, lng FROM sites WHERE lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?'),
    sites: s.prepare(
      `SELECT id, code, name, kind, area_id AS areaId, lat, lng, priority, address, status,
              status_changed_at AS statusChangedAt
       FROM sites WHERE id IN (${ids}) ORDER BY id`,
    ),
    services: s.prepare(
      `SELECT site_id AS siteId, organization_id AS organizationId, service FROM site_services
       WHERE site_id IN (${ids}) ORDER BY site_id, organization_id, service`,
    ),
    dependencies: s.prepare(
      `SELECT site_id AS siteId, organization_id AS organizationId, service, element_id AS elementId, role
       FROM site_dependencies WHERE site_id IN (${ids})`,
    ),

    setStatus: s.prepare(
      `UPDATE sites SET status = ?, status_changed_at = ? WHERE id = ?
       RETURNING id, code, name, kind, area_id AS areaId, lat, lng, priority, address, status,
                 status_changed_at AS statusChangedAt`,
    ),
  }
}
function statements(db: Db) {
  let s = cache.get(db)
  if (!s) cache.set(db, (s = prepare(db)))
  return s
}

interface RadiusIncident extends Coverage {
  box: BBox
}

/** Everything the derivation reads, loaded once for a batch of sites. */
export interface StatusInputs {
  incidents: RadiusIncident[]
  linksUp: Set<number>
  /** Elements that are not ok. */
  elements: Map<number, ElementEffect>
  dependencies: Map<number, Dependency[]>
}

/** An incident not yet saved, for the preview: it counts as if it were open and real. */
export interface Hypothesis {
  incident?: Coverage
  elements?: readonly IncidentElement[]
}

const withBox = (i: Coverage): RadiusIncident => ({ ...i, box: bboxAround(i, i.radiusM) })
/** Degrees of latitude per metre, as bboxAround reckons them, a hair wider so rounding never drops one. */
const DEG_PER_M = (bboxAround({ lat: 0, lng: 0 }, 1_000_000).maxLat / 1_000_000) * (1 + 1e-9)

export function loadInputs(db: Db, siteIds: readonly number[], extra: Hypothesis = {}): StatusInputs {
  const q = statements(db)
  // Only the incidents that can reach these sites: with thousands open, reading and parsing every
  // one of them for each write was most of the cost of a report (bench/: intake near sites).
  const box = q.siteBox.get(JSON.stringify(siteIds)) as BBox | { minLat: null }
  const near = box.minLat === null ? [] : q.openIncidents.all({ ...box, degPerM: DEG_PER_M })
  const incidents = (near as (Omit<Coverage, 'services'> & { services: string })[]).map((i) =>
    withBox({ ...i, services: JSON.parse(i.services) as Service[] }),
  )
  if (extra.incident) incidents.push(withBox(extra.incident))
  const dependencies = new Map<number, Dependency[]>()
  for (const d of q.dependencies.all(JSON.stringify(siteIds)) as (Dependency & { siteId: number })[]) {
    const list = dependencies.get(d.siteId)
    if (list) list.push(d)
    else dependencies.set(d.siteId, [d])
  }
  return {
    incidents,
    linksUp: new Set((q.linksUp.all() as { id: number }[]).map((r) => r.id)),
    // Only worth the walk when some site of the batch depends on an element.
    elements: dependencies.size > 0 || extra.elements?.length ? elementStates(db, extra.elements) : new Map(),
    dependencies,
  }
}

/**
 * The worst of the services the site gets that rest on elements: down when one has no working
 * element left, at_risk when one lost a primary or leans on a degraded element, ok otherwise.
 * Dependencies for a service the site does not get are ignored.
 */
export function dependencyStatus(
  deps: readonly Dependency[],
  services: readonly SiteService[],
  elements: ReadonlyMap<number, ElementEffect>,
): 'ok' | 'at_risk' | 'down' {
  const groups = new Map<string, { working: boolean; risk: boolean }>()
  for (const d of deps) {
    if (!services.some((s) => s.organizationId === d.organizationId && s.service === d.service)) continue
    const key = `${d.organizationId}|${d.service}`
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { working: false, risk: false }))
    const state = elements.get(d.elementId)
    if (state === 'down') {
      if (d.role === 'primary') g.risk = true
    } else {
      g.working = true
      if (state === 'degraded') g.risk = true
    }
  }
  let worst: 'ok' | 'at_risk' = 'ok'
  for (const g of groups.values()) {
    if (!g.working) return 'down'
    if (g.risk) worst = 'at_risk'
  }
  return worst
}

export function statusOf(inputs: StatusInputs, site: LatLng & { id: number }, services: readonly SiteService[]): SiteStatus {
  if (inputs.linksUp.has(site.id)) return 'on_backup'
  for (const i of inputs.incidents) {
    if (inBBox(site, i.box) && incidentAffects(i, site, services)) return 'down'
  }
  const deps = inputs.dependencies.get(site.id)
  return deps ? dependencyStatus(deps, services, inputs.elements) : 'ok'
}

export function deriveSiteStatus(db: Db, site: LatLng & { id: number }, services: readonly SiteService[]): SiteStatus {
  return statusOf(loadInputs(db, [site.id]), site, services)
}

/** Ids of the sites within radiusM of a point. */
export function siteIdsWithin(db: Db, centre: LatLng, radiusM: number): number[] {
  const b = bboxAround(centre, radiusM)
  const rows = statements(db).sitesIn.all(b.minLat, b.maxLat, b.minLng, b.maxLng) as (LatLng & {
    id: number
  })[]
  return rows.filter((r) => distanceM(centre, r) <= radiusM).map((r) => r.id)
}

/** The sites with these ids, presented, in id order: one read for the rows, one for the services. */
export function loadSites(db: Db, siteIds: readonly number[]): Site[] {
  const { rows, services } = readSites(db, siteIds)
  return rows.map((r) => presentSite(r, services.get(r.id) ?? []))
}

function readSites(db: Db, siteIds: readonly number[]) {
  const q = statements(db)
  const json = JSON.stringify(siteIds)
  const rows = q.sites.all(json) as SiteRow[]
  const services = new Map<number, SiteService[]>()
  for (const s of q.services.all(json) as (SiteService & { siteId: number })[]) {
    const list = services.get(s.siteId)
    const one = { organizationId: s.organizationId, service: s.service }
    if (list) list.push(one)
    else services.set(s.siteId, [one])
  }
  return { rows, services }
}

/** Each site's status as it would be with the hypothesis (`status`) and without it (`before`). */
export function hypotheticalStatuses(
  db: Db,
  siteIds: readonly number[],
  extra: Hypothesis,
): { site: Site; status: SiteStatus; before: SiteStatus }[] {
  const ids = [...new Set(siteIds)]
  if (ids.length === 0) return []
  const now = loadInputs(db, ids)
  const would = loadInputs(db, ids, extra)
  const { rows, services } = readSites(db, ids)
  return rows.map((r) => {
    const own = services.get(r.id) ?? []
    return { site: presentSite(r, own), status: statusOf(would, r, own), before: statusOf(now, r, own) }
  })
}

/** Recomputes the given sites; each one whose status moves is written and logged. */
export function recomputeSites(w: WriteScope, siteIds: Iterable<number>, drill = false): void {
  const ids = [...new Set(siteIds)]
  if (ids.length === 0) return
  const q = statements(w.db)
  const inputs = loadInputs(w.db, ids)
  const { rows, services } = readSites(w.db, ids)
  for (const row of rows) {
    const own = services.get(row.id) ?? []
    const status = statusOf(inputs, row, own)
    if (status === row.status) continue
    const updated = q.setStatus.get(status, w.now, row.id) as SiteRow
    w.append({
      type: 'site.status_changed',
      entityType: 'site',
      entityId: row.id,
      orgIds: own.map((s) => s.organizationId),
      drill,
      data: { site: presentSite(updated, own), from: row.status, to: status },
    })
  }
}
