// Writes the demo province (or, with SEED=none, a lone admin) into an empty database through the
// one write path, so the event log begins with the province it describes.
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { areas, crews, incidentElements, incidents, networkElements, organizations, resources, siteDependencies, sites, siteServices, users } from '../db/schema'
import { DEMO_PASSWORD, demoProvince } from '../db/seed/demo'
import { demoNetwork } from '../db/seed/network'
import type { SiteDependency } from '../shared/element'
import { hashPassword } from './auth/password'
import type { Deps } from './context'
import { presentCrew, presentResource } from './crews/present'
import { presentOrganization, presentUser } from './directory/present'
import { areaFor } from './directory/areas'
import { presentIncident } from './incidents/present'
import { presentElement } from './network/present'
import { presentSite, servicesBySite } from './sites/present'
import { recomputeSites } from './sites/status'

export function isEmpty(deps: Deps): boolean {
  return deps.db.select({ n: sql<number>`count(*)` }).from(organizations).get()!.n === 0
}

export async function seedDemo(deps: Deps): Promise<void> {
  const demo = demoProvince()
  const network = demoNetwork(demo.sites, demo.incidents)
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  await deps.writer.run(null, (w) => {
    const now = w.now
    const orgId: Record<string, number> = {}
    for (const o of demo.orgs) {
      const row = w.db.insert(organizations).values({ ...o, createdAt: now }).returning().get()
      orgId[o.code] = row.id
      w.append({ type: 'organization.created', entityType: 'organization', entityId: row.id, orgIds: [row.id], data: { organization: presentOrganization(row) } })
    }
    const province = w.db.insert(areas).values({ ...demo.province, level: 'province', boundary: demo.districts.map((d) => d.ring) }).returning().get()
    const areaId: Record<string, number> = {}
    for (const d of demo.districts) {
      areaId[d.code] = w.db
        .insert(areas)
        .values({ code: d.code, name: d.name, level: 'district', parentId: province.id, lat: d.lat, lng: d.lng, boundary: [d.ring], areaType: d.areaType })
        .returning()
        .get().id
    }
    // The network, each element after the one it hangs from.
    const elementId: Record<string, number> = {}
    for (const e of network.elements) {
      const { org, upstream, area, ...fields } = e
      const row = w.db
        .insert(networkElements)
        .values({
          ...fields, organizationId: orgId[org]!, upstreamId: upstream === null ? null : elementId[`${org}|${upstream}`]!,
          areaId: areaId[area] ?? null, createdAt: now, updatedAt: now,
        })
        .returning()
        .get()
      elementId[`${org}|${e.code}`] = row.id
      w.append({ type: 'element.created', entityType: 'element', entityId: row.id, orgIds: [row.organizationId], data: { element: presentElement(row, 'ok') } })
    }
    for (const s of demo.sites) {
      const { services, area, ...fields } = s
      const row = w.db.insert(sites).values({ ...fields, areaId: areaId[area]!, status: 'ok', statusChangedAt: now }).returning().get()
      for (const sv of services) {
        w.db.insert(siteServices).values({ siteId: row.id, organizationId: orgId[sv.org]!, service: sv.service }).onConflictDoNothing().run()
      }
      const dependencies: SiteDependency[] = (network.dependencies.get(s.code) ?? []).map((d) => ({
        organizationId: orgId[d.org]!, service: d.service, elementId: elementId[`${d.org}|${d.element}`]!, role: d.role,
      }))
      if (dependencies.length > 0) w.db.insert(siteDependencies).values(dependencies.map((d) => ({ siteId: row.id, ...d }))).run()
      const own = servicesBySite(w.db, [row.id]).get(row.id) ?? []
      w.append({
        type: 'site.created', entityType: 'site', entityId: row.id, orgIds: own.map((x) => x.organizationId),
        data: { site: presentSite(row, own), ...(dependencies.length > 0 ? { dependencies } : {}) },
      })
    }
    const crewId: Record<string, number> = {}
    for (const c of demo.crews) {
      const { key, org, ...fields } = c
      const row = w.db
        .insert(crews)
        .values({ ...fields, organizationId: orgId[org]!, status: 'available', statusChangedAt: now, positionAt: now - 10 * 60_000 })
        .returning()
        .get()
      crewId[key] = row.id
      w.append({ type: 'crew.created', entityType: 'crew', entityId: row.id, orgIds: [row.organizationId], crewIds: [row.id], data: { crew: presentCrew(row) } })
    }
    for (const r of demo.resources) {
      const { org, crew, ...fields } = r
      const row = w.db
        .insert(resources)
        .values({ ...fields, organizationId: orgId[org]!, crewId: crew ? crewId[crew]! : null, status: 'available', statusChangedAt: now })
        .returning()
        .get()
      w.append({
        type: 'resource.created', entityType: 'resource', entityId: row.id, orgIds: [row.organizationId], crewIds: [row.crewId],
        data: { resources: [presentResource(row)] },
      })
    }
    for (const u of demo.users) {
      const row = w.db
        .insert(users)
        .values({
          username: u.username, displayName: u.displayName, passwordHash, role: u.role,
          organizationId: orgId[u.org]!, crewId: u.crew ? crewId[u.crew]! : null, createdAt: now,
        })
        .returning()
        .get()
      w.append({ type: 'user.created', entityType: 'user', entityId: row.id, data: { user: presentUser(row) } })
    }
    const siteIds = w.db.select({ id: sites.id }).from(sites).all().map((s) => s.id)
    for (const [index, i] of demo.incidents.entries()) {
      const { org, minutesAgo, ...fields } = i
      const at = now - minutesAgo * 60_000
      const row = w.db
        .insert(incidents)
        .values({
          ...fields, organizationId: orgId[org]!, status: 'reported', areaId: areaFor(w.db, fields), source: 'form', impact: {},
          createdAt: at, updatedAt: at, statusChangedAt: at,
        })
        .returning()
        .get()
      const named = (network.incidentElements.get(index) ?? [])
        .map((n) => ({ elementId: elementId[`${n.org}|${n.element}`]!, effect: n.effect }))
        .sort((a, b) => a.elementId - b.elementId)
      if (named.length > 0) w.db.insert(incidentElements).values(named.map((n) => ({ incidentId: row.id, ...n }))).run()
      w.append({
        type: 'incident.reported', entityType: 'incident', entityId: row.id, incidentId: row.id, orgIds: [row.organizationId],
        data: { incident: presentIncident({ ...row, elements: named }) },
      })
    }
    w.later(() => recomputeSites(w, siteIds))
  })
}

/** An empty desk: one authority, one admin whose password is returned to be printed once. */
export async function seedAdminOnly(deps: Deps): Promise<string> {
  const password = randomBytes(12).toString('base64url')
  const passwordHash = await hashPassword(password)
  await deps.writer.run(null, (w) => {
    const org = w.db.insert(organizations).values({ code: 'authority', name: 'Cơ quan điều phối', kind: 'authority', phone: null, createdAt: w.now }).returning().get()
    w.append({ type: 'organization.created', entityType: 'organization', entityId: org.id, orgIds: [org.id], data: { organization: presentOrganization(org) } })
    const user = w.db
      .insert(users)
      .values({ username: 'admin', displayName: 'Quản trị hệ thống', passwordHash, role: 'admin', organizationId: org.id, createdAt: w.now })
      .returning()
      .get()
    w.append({ type: 'user.created', entityType: 'user', entityId: user.id, data: { user: presentUser(user) } })
  })
  return password
}
