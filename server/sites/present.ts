import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { sites, siteServices } from '../../db/schema'
import type { Site, SiteService } from '../../shared/site'

type SiteRow = typeof sites.$inferSelect

export function presentSite(row: SiteRow, services: SiteService[]): Site {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    areaId: row.areaId,
    lat: row.lat,
    lng: row.lng,
    priority: row.priority,
    address: row.address,
    status: row.status,
    statusChangedAt: row.statusChangedAt,
    services,
  }
}

export function servicesBySite(db: Db, siteIds?: number[]): Map<number, SiteService[]> {
  const order = [siteServices.siteId, siteServices.organizationId, siteServices.service] as const
  const rows =
    siteIds === undefined
      ? db.select().from(siteServices).orderBy(...order).all()
      : siteIds.length === 0
        ? []
        : db.select().from(siteServices).where(inArray(siteServices.siteId, siteIds)).orderBy(...order).all()
  const bySite = new Map<number, SiteService[]>()
  for (const r of rows) {
    const list = bySite.get(r.siteId) ?? []
    list.push({ organizationId: r.organizationId, service: r.service })
    bySite.set(r.siteId, list)
  }
  return bySite
}

export function loadSite(db: Db, id: number): Site | null {
  const row = db.select().from(sites).where(eq(sites.id, id)).get()
  return row ? presentSite(row, servicesBySite(db, [id]).get(id) ?? []) : null
}

export function listSites(db: Db): Site[] {
  const services = servicesBySite(db)
  return db
    .select()
    .from(sites)
    .orderBy(sites.id)
    .all()
    .map((r) => presentSite(r, services.get(r.id) ?? []))
}
