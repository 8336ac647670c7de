// Network elements and what protected sites depend on: admins manage every operator's, an
// enterprise its own. An element hangs from one upstream element of the same organisation, never
// (through others) from itself. Changing where an element hangs can move the status of every site
// depending on it or on what hangs below it; those sites are recomputed in the same write.
import { and, asc, eq, gt, inArray, ne, sql, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import type { Db } from '../../db/client'
import { networkElements, organizations, sites, siteDependencies, siteServices } from '../../db/schema'
import type { Element, ElementCreate, ElementQuery, ElementUpdate, SiteDependenciesPut, SiteDependency } from '../../shared/element'
import { assertInScope, authorize } from '../auth/authorize'
import type { Actor, Deps } from '../context'
import { areaFor } from '../directory/areas'
import { conflict, forbidden, invalid, notFound } from '../errors'
import { loadSites, recomputeSites } from '../sites/status'
import type { WriteScope } from '../writer'
import { elementRow, presentElement, type ElementRow } from './present'
import { ancestorsOf, elementStates, sitesDependingOn } from './state'

type Parsed<T extends z.ZodType> = z.output<T>

const stateOf = (db: Db, row: ElementRow) => presentElement(row, elementStates(db).get(row.id) ?? 'ok')

export function listElements(deps: Deps, actor: Actor, q: Parsed<typeof ElementQuery>): { items: Element[]; next: number | null } {
  const scope = authorize(actor, 'element.read')
  const where: SQL[] = []
  if (scope === 'org') where.push(eq(networkElements.organizationId, actor.organizationId))
  if (q.organizationId) where.push(eq(networkElements.organizationId, q.organizationId))
  if (q.kind) where.push(eq(networkElements.kind, q.kind))
  if (q.areaId) where.push(eq(networkElements.areaId, q.areaId))
  if (q.after !== undefined) where.push(gt(networkElements.id, q.after))
  const rows = deps.db
    .select()
    .from(networkElements)
    .where(where.length ? and(...where) : sql`1`)
    .orderBy(asc(networkElements.id))
    .limit(q.limit + 1)
    .all()
  const more = rows.length > q.limit
  const states = elementStates(deps.db)
  const items = rows.slice(0, q.limit).map((r) => presentElement(r, states.get(r.id) ?? 'ok'))
  return { items, next: more ? items[items.length - 1]!.id : null }
}

export function getElement(deps: Deps, actor: Actor, id: number): Element {
  authorize(actor, 'element.read')
  const row = elementRow(deps.db, id)
  if (!row) throw notFound('Element')
  assertInScope(actor, 'element.read', row, 'Element')
  return stateOf(deps.db, row)
}

/** The organisation a write is for: an enterprise's own; an admin names it. */
function organisationFor(actor: Actor, action: 'element.write', given: number | undefined): number {
  const scope = authorize(actor, action)
  if (scope === 'org') {
    if (given !== undefined && given !== actor.organizationId) throw forbidden(`${action} for another organisation`)
    return actor.organizationId
  }
  if (given === undefined) throw invalid(['organizationId'], 'Say which organisation this is for')
  return given
}

function checkOrganisation(db: Db, id: number): void {
  if (!db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id)).get()) {
    throw invalid(['organizationId'], 'No such organisation')
  }
}

/** A link's far end is given whole or not at all. */
function checkFarEnd(e: { lat2?: number | null; lng2?: number | null }): void {
  if ((e.lat2 == null) !== (e.lng2 == null)) throw invalid([e.lat2 == null ? 'lat2' : 'lng2'], 'Give both ends of the far point, or neither')
}

function checkCode(db: Db, organizationId: number, code: string, self: number | null): void {
  const taken = db
    .select({ id: networkElements.id })
    .from(networkElements)
    .where(
      and(
        eq(networkElements.organizationId, organizationId),
        eq(networkElements.code, code),
        self === null ? undefined : ne(networkElements.id, self),
      ),
    )
    .get()
  if (taken) throw conflict('conflict', 'An element of this organisation has this code', { path: ['code'] })
}

/** The upstream exists, belongs to the same organisation, and does not hang from the element itself. */
function checkUpstream(db: Db, upstreamId: number, organizationId: number, self: number | null): void {
  const up = elementRow(db, upstreamId)
  if (!up || up.organizationId !== organizationId) throw invalid(['upstreamId'], 'No such element of this organisation')
  if (self !== null && ancestorsOf(db, upstreamId).includes(self)) {
    throw invalid(['upstreamId'], 'The element would hang from itself')
  }
}

function logElement(w: WriteScope, row: ElementRow, type: 'element.created' | 'element.updated'): Element {
  const element = stateOf(w.db, row)
  w.append({ type, entityType: 'element', entityId: row.id, orgIds: [row.organizationId], data: { element } })
  return element
}

export function createElement(deps: Deps, actor: Actor, input: Parsed<typeof ElementCreate>): Promise<Element> {
  const organizationId = organisationFor(actor, 'element.write', input.organizationId)
  return deps.writer.run(actor.userId, (w) => {
    checkOrganisation(w.db, organizationId)
    checkFarEnd(input)
    checkCode(w.db, organizationId, input.code, null)
    if (input.upstreamId != null) checkUpstream(w.db, input.upstreamId, organizationId, null)
    const row = w.db
      .insert(networkElements)
      .values({
        organizationId,
        kind: input.kind,
        code: input.code,
        name: input.name,
        lat: input.lat,
        lng: input.lng,
        lat2: input.lat2 ?? null,
        lng2: input.lng2 ?? null,
        coverageRadiusM: input.coverageRadiusM ?? null,
        powerSource: input.powerSource ?? null,
        medium: input.medium ?? null,
        upstreamId: input.upstreamId ?? null,
        areaId: areaFor(w.db, input),
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning()
      .get()
    return logElement(w, row, 'element.created')
  })
}

export function updateElement(deps: Deps, actor: Actor, id: number, patch: Parsed<typeof ElementUpdate>): Promise<Element> {
  authorize(actor, 'element.write')
  return deps.writer.run(actor.userId, (w) => {
    const before = elementRow(w.db, id)
    if (!before) throw notFound('Element')
    assertInScope(actor, 'element.read', before, 'Element')
    assertInScope(actor, 'element.write', before, 'Element')
    checkFarEnd({ lat2: patch.lat2 !== undefined ? patch.lat2 : before.lat2, lng2: patch.lng2 !== undefined ? patch.lng2 : before.lng2 })
    if (patch.code !== undefined) checkCode(w.db, before.organizationId, patch.code, id)
    if (patch.upstreamId != null) checkUpstream(w.db, patch.upstreamId, before.organizationId, id)
    const moved = patch.lat !== undefined || patch.lng !== undefined
    const row = w.db
      .update(networkElements)
      .set({
        ...patch,
        ...(moved ? { areaId: areaFor(w.db, { lat: patch.lat ?? before.lat, lng: patch.lng ?? before.lng }) } : {}),
        updatedAt: w.now,
      })
      .where(and(eq(networkElements.id, id), eq(networkElements.updatedAt, before.updatedAt)))
      .returning()
      .get()
    if (!row) throw conflict('conflict', 'The element changed meanwhile; reload and try again')
    const element = logElement(w, row, 'element.updated')
    // Hanging from somewhere else can move every site below this element.
    if (row.upstreamId !== before.upstreamId) w.later(() => recomputeSites(w, sitesDependingOn(w.db, [id])))
    return element
  })
}

function dependenciesOf(db: Db, siteId: number, organizationId: number | null): SiteDependency[] {
  return db
    .select({
      organizationId: siteDependencies.organizationId,
      service: siteDependencies.service,
      elementId: siteDependencies.elementId,
      role: siteDependencies.role,
    })
    .from(siteDependencies)
    .where(
      and(
        eq(siteDependencies.siteId, siteId),
        organizationId === null ? undefined : eq(siteDependencies.organizationId, organizationId),
      ),
    )
    .orderBy(siteDependencies.organizationId, siteDependencies.service, siteDependencies.role, siteDependencies.elementId)
    .all()
}

function siteExists(db: Db, id: number): boolean {
  return !!db.select({ id: sites.id }).from(sites).where(eq(sites.id, id)).get()
}

/** What a site's services rest on: every organisation's for staff, its own for an enterprise. */
export function getSiteDependencies(deps: Deps, actor: Actor, siteId: number): SiteDependency[] {
  const scope = authorize(actor, 'element.read')
  if (!siteExists(deps.db, siteId)) throw notFound('Site')
  return dependenciesOf(deps.db, siteId, scope === 'org' ? actor.organizationId : null)
}

/** Replaces one organisation's dependencies of a site; the site's status follows in the same write. */
export function setSiteDependencies(
  deps: Deps,
  actor: Actor,
  siteId: number,
  input: Parsed<typeof SiteDependenciesPut>,
): Promise<SiteDependency[]> {
  const organizationId = organisationFor(actor, 'element.write', input.organizationId)
  return deps.writer.run(actor.userId, (w) => {
    if (!siteExists(w.db, siteId)) throw notFound('Site')
    checkOrganisation(w.db, organizationId)
    const served = new Set(
      w.db
        .select({ service: siteServices.service })
        .from(siteServices)
        .where(and(eq(siteServices.siteId, siteId), eq(siteServices.organizationId, organizationId)))
        .all()
        .map((s) => s.service),
    )
    const ids = [...new Set(input.dependencies.map((d) => d.elementId))]
    const owner = new Map(
      ids.length === 0
        ? []
        : w.db
            .select({ id: networkElements.id, organizationId: networkElements.organizationId })
            .from(networkElements)
            .where(inArray(networkElements.id, ids))
            .all()
            .map((e) => [e.id, e.organizationId]),
    )
    const seen = new Set<string>()
    input.dependencies.forEach((d, i) => {
      if (owner.get(d.elementId) !== organizationId) throw invalid(['dependencies', i, 'elementId'], 'No such element of this organisation')
      if (!served.has(d.service)) throw invalid(['dependencies', i, 'service'], 'The site does not get this service from this organisation')
      const key = `${d.service}|${d.elementId}`
      if (seen.has(key)) throw invalid(['dependencies', i, 'elementId'], 'This element is listed twice for the service')
      seen.add(key)
    })
    w.db
      .delete(siteDependencies)
      .where(and(eq(siteDependencies.siteId, siteId), eq(siteDependencies.organizationId, organizationId)))
      .run()
    if (input.dependencies.length > 0) {
      w.db.insert(siteDependencies).values(input.dependencies.map((d) => ({ siteId, organizationId, ...d }))).run()
    }
    const dependencies = dependenciesOf(w.db, siteId, organizationId)
    w.append({
      type: 'site.updated',
      entityType: 'site',
      entityId: siteId,
      orgIds: [organizationId],
      data: { site: loadSites(w.db, [siteId])[0]!, dependencies },
    })
    w.later(() => recomputeSites(w, [siteId]))
    return dependencies
  })
}
