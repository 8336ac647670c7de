// A site's communications status is derived, never typed in: down when an open incident covers it
// and takes away a service the site gets from the incident's organisation (any organisation when
// the incident names none); on_backup while a backup link for it is up; ok otherwise. It is
// recomputed inside the transaction of the change that can move it, and a change is an event.
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { sites } from '../../db/schema'
import type { Service, SiteStatus } from '../../shared/enums'
import { bboxAround, distanceM, type LatLng } from '../../shared/geo'
import { MAX_RADIUS_M } from '../../shared/incident'
import type { SiteService } from '../../shared/site'
import type { WriteScope } from '../writer'
import { presentSite, servicesBySite } from './present'

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

const cache = new WeakMap<Db, ReturnType<typeof prepare>>()
function prepare(db: Db) {
  const s = db.$client
  return {
    linkUp: s.prepare(`SELECT 1 FROM backup_links WHERE site_id = ? AND status = 'up' LIMIT 1`),
    openNear: s.prepare(
      `SELECT lat, lng, radius_m AS radiusM, services, organization_id AS organizationId FROM incidents
       WHERE status IN ('reported', 'acknowledged', 'responding', 'mitigated') AND drill = 0
         AND lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?`,
    ),
    sitesIn: s.prepare(
      'SELECT id, lat, lng FROM sites WHERE lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?',
    ),
  }
}
function statements(db: Db) {
  let s = cache.get(db)
  if (!s) cache.set(db, (s = prepare(db)))
  return s
}

export function deriveSiteStatus(db: Db, site: LatLng & { id: number }, services: readonly SiteService[]): SiteStatus {
  const q = statements(db)
  if (q.linkUp.get(site.id)) return 'on_backup'
  const b = bboxAround(site, MAX_RADIUS_M)
  const near = q.openNear.all(b.minLat, b.maxLat, b.minLng, b.maxLng) as (Omit<Coverage, 'services'> & {
    services: string
  })[]
  const down = near.some((i) =>
    incidentAffects({ ...i, services: JSON.parse(i.services) as Service[] }, site, services),
  )
  return down ? 'down' : 'ok'
}

/** Ids of the sites within radiusM of a point. */
export function siteIdsWithin(db: Db, centre: LatLng, radiusM: number): number[] {
  const b = bboxAround(centre, radiusM)
  const rows = statements(db).sitesIn.all(b.minLat, b.maxLat, b.minLng, b.maxLng) as (LatLng & {
    id: number
  })[]
  return rows.filter((r) => distanceM(centre, r) <= radiusM).map((r) => r.id)
}

/** Recomputes the given sites; each one whose status moves is written and logged. */
export function recomputeSites(w: WriteScope, siteIds: Iterable<number>, drill = false): void {
  const ids = [...new Set(siteIds)]
  if (ids.length === 0) return
  const services = servicesBySite(w.db, ids)
  for (const id of ids) {
    const row = w.db.select().from(sites).where(eq(sites.id, id)).get()
    if (!row) continue
    const own = services.get(id) ?? []
    const status = deriveSiteStatus(w.db, row, own)
    if (status === row.status) continue
    const updated = w.db
      .update(sites)
      .set({ status, statusChangedAt: w.now })
      .where(eq(sites.id, id))
      .returning()
      .get()
    w.append({
      type: 'site.status_changed',
      entityType: 'site',
      entityId: id,
      orgIds: own.map((s) => s.organizationId),
      drill,
      data: { site: presentSite(updated, own), from: row.status, to: status },
    })
  }
}
