// Organisations, users, areas and sites: read by everyone the table allows, written by admins.
import { and, eq, ne } from 'drizzle-orm'
import type { z } from 'zod'
import { areas, crews, organizations, sessions, sites, siteServices, users } from '../../db/schema'
import type { Area } from '../../shared/area'
import type { Organization, OrganizationCreate, OrganizationUpdate } from '../../shared/organization'
import type { Site, SiteCreate, SiteUpdate } from '../../shared/site'
import type { User, UserCreate, UserUpdate } from '../../shared/user'
import { authorize } from '../auth/authorize'
import { hashPassword } from '../auth/password'
import type { Actor, Deps } from '../context'
import { conflict, invalid, notFound } from '../errors'
import { listSites, loadSite, servicesBySite, presentSite } from '../sites/present'
import { deriveSiteStatus } from '../sites/status'
import type { WriteScope } from '../writer'
import { listAreas } from './areas'
import { presentOrganization, presentUser } from './present'

type Parsed<T extends z.ZodType> = z.output<T>

export function getOrganizations(deps: Deps, actor: Actor): Organization[] {
  authorize(actor, 'organization.read')
  return deps.db.select().from(organizations).orderBy(organizations.id).all().map(presentOrganization)
}

export function getOrganization(deps: Deps, actor: Actor, id: number): Organization {
  authorize(actor, 'organization.read')
  const row = deps.db.select().from(organizations).where(eq(organizations.id, id)).get()
  if (!row) throw notFound('Organisation')
  return presentOrganization(row)
}

export function createOrganization(deps: Deps, actor: Actor, input: Parsed<typeof OrganizationCreate>): Promise<Organization> {
  authorize(actor, 'organization.write')
  return deps.writer.run(actor.userId, (w) => {
    if (w.db.select().from(organizations).where(eq(organizations.code, input.code)).get()) {
      throw conflict('conflict', 'An organisation has this code', { path: ['code'] })
    }
    const row = w.db.insert(organizations).values({ ...input, phone: input.phone ?? null, createdAt: w.now }).returning().get()
    const organization = presentOrganization(row)
    w.append({ type: 'organization.created', entityType: 'organization', entityId: row.id, orgIds: [row.id], data: { organization } })
    return organization
  })
}

export function updateOrganization(
  deps: Deps,
  actor: Actor,
  id: number,
  patch: Parsed<typeof OrganizationUpdate>,
): Promise<Organization> {
  authorize(actor, 'organization.write')
  return deps.writer.run(actor.userId, (w) => {
    const row = w.db.update(organizations).set(patch).where(eq(organizations.id, id)).returning().get()
    if (!row) throw notFound('Organisation')
    const organization = presentOrganization(row)
    w.append({ type: 'organization.updated', entityType: 'organization', entityId: id, orgIds: [id], data: { organization } })
    return organization
  })
}

export function getAreas(deps: Deps, actor: Actor): Area[] {
  authorize(actor, 'area.read')
  return listAreas(deps.db)
}

export function getSites(deps: Deps, actor: Actor): Site[] {
  authorize(actor, 'site.read')
  return listSites(deps.db)
}

export function getSite(deps: Deps, actor: Actor, id: number): Site {
  authorize(actor, 'site.read')
  const site = loadSite(deps.db, id)
  if (!site) throw notFound('Site')
  return site
}

function checkSiteRefs(w: WriteScope, input: { areaId?: number; services?: { organizationId: number }[] }) {
  if (input.areaId !== undefined && !w.db.select().from(areas).where(eq(areas.id, input.areaId)).get()) {
    throw invalid(['areaId'], 'No such area')
  }
  input.services?.forEach((s, i) => {
    if (!w.db.select().from(organizations).where(eq(organizations.id, s.organizationId)).get()) {
      throw invalid(['services', i, 'organizationId'], 'No such organisation')
    }
  })
}

/** Writes a site's row and services, derives its status, and logs the result. */
function saveSite(w: WriteScope, id: number, services: Parsed<typeof SiteCreate>['services'] | undefined, type: 'site.created' | 'site.updated'): Site {
  if (services) {
    w.db.delete(siteServices).where(eq(siteServices.siteId, id)).run()
    for (const s of services) w.db.insert(siteServices).values({ siteId: id, ...s }).onConflictDoNothing().run()
  }
  const row = w.db.select().from(sites).where(eq(sites.id, id)).get()!
  const own = servicesBySite(w.db, [id]).get(id) ?? []
  const status = deriveSiteStatus(w.db, row, own)
  const saved = status === row.status ? row : w.db.update(sites).set({ status, statusChangedAt: w.now }).where(eq(sites.id, id)).returning().get()
  const site = presentSite(saved, own)
  w.append({ type, entityType: 'site', entityId: id, orgIds: own.map((s) => s.organizationId), data: { site } })
  return site
}

export function createSite(deps: Deps, actor: Actor, input: Parsed<typeof SiteCreate>): Promise<Site> {
  authorize(actor, 'site.write')
  return deps.writer.run(actor.userId, (w) => {
    checkSiteRefs(w, input)
    if (w.db.select().from(sites).where(eq(sites.code, input.code)).get()) {
      throw conflict('conflict', 'A site has this code', { path: ['code'] })
    }
    const { services, ...fields } = input
    const row = w.db.insert(sites).values({ ...fields, address: fields.address ?? null, status: 'ok', statusChangedAt: w.now }).returning().get()
    return saveSite(w, row.id, services, 'site.created')
  })
}

export function updateSite(deps: Deps, actor: Actor, id: number, patch: Parsed<typeof SiteUpdate>): Promise<Site> {
  authorize(actor, 'site.write')
  return deps.writer.run(actor.userId, (w) => {
    if (!w.db.select().from(sites).where(eq(sites.id, id)).get()) throw notFound('Site')
    checkSiteRefs(w, patch)
    if (patch.code !== undefined) {
      const taken = w.db.select({ id: sites.id }).from(sites).where(and(eq(sites.code, patch.code), ne(sites.id, id))).get()
      if (taken) throw conflict('conflict', 'A site has this code', { path: ['code'] })
    }
    const { services, ...fields } = patch
    if (Object.keys(fields).length > 0) w.db.update(sites).set(fields).where(eq(sites.id, id)).run()
    return saveSite(w, id, services, 'site.updated')
  })
}

export function getUsers(deps: Deps, actor: Actor): User[] {
  authorize(actor, 'user.read')
  return deps.db.select().from(users).orderBy(users.id).all().map(presentUser)
}

export async function createUser(deps: Deps, actor: Actor, input: Parsed<typeof UserCreate>): Promise<User> {
  authorize(actor, 'user.write')
  const passwordHash = await hashPassword(input.password)
  return deps.writer.run(actor.userId, (w) => {
    if (w.db.select().from(users).where(eq(users.username, input.username)).get()) {
      throw conflict('conflict', 'This username is taken', { path: ['username'] })
    }
    if (!w.db.select().from(organizations).where(eq(organizations.id, input.organizationId)).get()) {
      throw invalid(['organizationId'], 'No such organisation')
    }
    if (input.role === 'crew') {
      const crew = input.crewId == null ? undefined : w.db.select().from(crews).where(eq(crews.id, input.crewId)).get()
      if (!crew || crew.organizationId !== input.organizationId) throw invalid(['crewId'], 'A crew user needs a crew of its organisation')
    } else if (input.crewId != null) {
      throw invalid(['crewId'], 'Only a crew user belongs to a crew')
    }
    const row = w.db
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        organizationId: input.organizationId,
        crewId: input.crewId ?? null,
        locale: input.locale ?? 'vi',
        createdAt: w.now,
      })
      .returning()
      .get()
    const user = presentUser(row)
    w.append({ type: 'user.created', entityType: 'user', entityId: row.id, data: { user } })
    return user
  })
}

export async function updateUser(deps: Deps, actor: Actor, id: number, patch: Parsed<typeof UserUpdate>): Promise<User> {
  authorize(actor, 'user.write')
  const { password, ...rest } = patch
  const passwordHash = password === undefined ? undefined : await hashPassword(password)
  return deps.writer.run(actor.userId, (w) => writeUser(w, id, { ...rest, ...(passwordHash ? { passwordHash } : {}) }))
}

/** Saves a user's own preferences (language): any signed-in user, for themselves only. */
export function updateMyPreferences(deps: Deps, actor: Actor, patch: { locale?: 'vi' | 'en' }): Promise<User> {
  return deps.writer.run(actor.userId, (w) => writeUser(w, actor.userId, patch))
}

function writeUser(w: WriteScope, id: number, set: Partial<typeof users.$inferInsert>): User {
  const row = w.db.update(users).set(set).where(eq(users.id, id)).returning().get()
  if (!row) throw notFound('User')
  // A new password or a disabled account ends every session the user had (a lost phone).
  if (set.passwordHash !== undefined || set.disabled) w.db.delete(sessions).where(eq(sessions.userId, id)).run()
  const user = presentUser(row)
  w.append({ type: 'user.updated', entityType: 'user', entityId: id, data: { user } })
  return user
}
