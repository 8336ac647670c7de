import { and, eq, inArray } from 'drizzle-orm'
import type { z } from 'zod'
import { crews, dispatches, organizations, resources } from '../../db/schema'
import type { Position } from '../../shared/common'
import { ACTIVE_DISPATCH_STATUSES } from '../../shared/enums'
import type { Crew, CrewCreate, CrewStatusChange, CrewUpdate } from '../../shared/crew'
import type { Resource, ResourceCreate, ResourceStatusChange, ResourceUpdate } from '../../shared/resource'
import type { Action } from '../../shared/permissions'
import { assertInScope, authorize } from '../auth/authorize'
import type { Actor, Deps } from '../context'
import { conflict, forbidden, invalid, notFound } from '../errors'
import type { WriteScope } from '../writer'
import { positionColumns } from './position'
import { crewRow, presentCrew, presentResource, resourceRow, type CrewRow, type ResourceRow } from './present'

type Parsed<T extends z.ZodType> = z.output<T>

const crewOwner = (c: CrewRow) => ({ organizationId: c.organizationId, crewIds: [c.id] })
const resourceOwner = (r: ResourceRow) => ({
  organizationId: r.organizationId,
  crewIds: r.crewId === null ? [] : [r.crewId],
})

/** The organisation a new crew or resource belongs to: an enterprise's own, or the one named. */
function owningOrg(w: WriteScope, actor: Actor, action: Action, requested: number | undefined): number {
  const scope = authorize(actor, action)
  if (scope === 'org') {
    if (requested !== undefined && requested !== actor.organizationId) throw forbidden(`${action} for another organisation`)
    return actor.organizationId
  }
  const id = requested ?? actor.organizationId
  if (!w.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id)).get()) {
    throw invalid(['organizationId'], 'No such organisation')
  }
  return id
}

function logCrew(w: WriteScope, row: CrewRow, type: 'crew.created' | 'crew.updated' | 'crew.status_changed' | 'crew.position_updated', from?: string) {
  const crew = presentCrew(row)
  w.append({
    type,
    entityType: 'crew',
    entityId: row.id,
    orgIds: [row.organizationId],
    crewIds: [row.id],
    data: { crew, ...(from ? { from, to: row.status } : {}) },
  })
  return crew
}

function logResource(
  w: WriteScope,
  row: ResourceRow,
  type: 'resource.created' | 'resource.updated' | 'resource.status_changed' | 'resource.position_updated',
  from?: string,
) {
  const resource = presentResource(row)
  w.append({
    type,
    entityType: 'resource',
    entityId: row.id,
    orgIds: [row.organizationId],
    crewIds: [row.crewId],
    data: { resources: [resource], ...(from ? { from, to: row.status } : {}) },
  })
  return resource
}

function visibleCrew(w: { db: Deps['db'] }, actor: Actor, action: Action, id: number): CrewRow {
  const row = crewRow(w.db, id)
  if (!row) throw notFound('Crew')
  assertInScope(actor, 'crew.read', crewOwner(row), 'Crew')
  assertInScope(actor, action, crewOwner(row), 'Crew')
  return row
}

export function createCrew(deps: Deps, actor: Actor, input: Parsed<typeof CrewCreate>): Promise<Crew> {
  authorize(actor, 'crew.create')
  return deps.writer.run(actor.userId, (w) => {
    const organizationId = owningOrg(w, actor, 'crew.create', input.organizationId)
    const row = w.db
      .insert(crews)
      .values({
        organizationId,
        name: input.name,
        phone: input.phone ?? null,
        skills: input.skills,
        members: input.members,
        status: 'available',
        statusChangedAt: w.now,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        positionAt: input.lat === undefined ? null : w.now,
      })
      .returning()
      .get()
    return logCrew(w, row, 'crew.created')
  })
}

export function updateCrew(deps: Deps, actor: Actor, id: number, patch: Parsed<typeof CrewUpdate>): Promise<Crew> {
  authorize(actor, 'crew.update')
  return deps.writer.run(actor.userId, (w) => {
    visibleCrew(w, actor, 'crew.update', id)
    const row = w.db.update(crews).set(patch).where(eq(crews.id, id)).returning().get()
    return logCrew(w, row, 'crew.updated')
  })
}

export function setCrewStatus(deps: Deps, actor: Actor, id: number, input: Parsed<typeof CrewStatusChange>): Promise<Crew> {
  authorize(actor, 'crew.status')
  return deps.writer.run(actor.userId, (w) => {
    const before = visibleCrew(w, actor, 'crew.status', id)
    const active = w.db
      .select({ id: dispatches.id })
      .from(dispatches)
      .where(and(eq(dispatches.crewId, id), inArray(dispatches.status, [...ACTIVE_DISPATCH_STATUSES])))
      .get()
    if (active) throw conflict('crew_unavailable', 'The crew is on a dispatch; its status follows the dispatch', { dispatchId: active.id })
    if (before.status === input.status) return presentCrew(before)
    const row = w.db
      .update(crews)
      .set({ status: input.status, statusChangedAt: w.now })
      .where(and(eq(crews.id, id), eq(crews.status, before.status)))
      .returning()
      .get()
    if (!row) throw conflict('conflict', 'The crew changed meanwhile; reload and try again')
    return logCrew(w, row, 'crew.status_changed', before.status)
  })
}

export function moveCrew(deps: Deps, actor: Actor, id: number, p: Position): Promise<Crew> {
  authorize(actor, 'crew.position')
  return deps.writer.run(actor.userId, (w) => {
    const before = visibleCrew(w, actor, 'crew.position', id)
    const moved = positionColumns(p, w.now, before.positionAt)
    if (Object.keys(moved).length === 0) return presentCrew(before)
    const row = w.db.update(crews).set(moved).where(eq(crews.id, id)).returning().get()
    return logCrew(w, row, 'crew.position_updated')
  })
}

export function listCrews(deps: Deps, actor: Actor): Crew[] {
  const scope = authorize(actor, 'crew.read')
  const q = deps.db.select().from(crews)
  const rows =
    scope === 'all'
      ? q.orderBy(crews.id).all()
      : scope === 'org'
        ? q.where(eq(crews.organizationId, actor.organizationId)).orderBy(crews.id).all()
        : q.where(eq(crews.id, actor.crewId ?? -1)).all()
  return rows.map(presentCrew)
}

export function getCrew(deps: Deps, actor: Actor, id: number): Crew {
  authorize(actor, 'crew.read')
  return presentCrew(visibleCrew(deps, actor, 'crew.read', id))
}

function visibleResource(w: { db: Deps['db'] }, actor: Actor, action: Action, id: number): ResourceRow {
  const row = resourceRow(w.db, id)
  if (!row) throw notFound('Resource')
  assertInScope(actor, 'resource.read', resourceOwner(row), 'Resource')
  assertInScope(actor, action, resourceOwner(row), 'Resource')
  return row
}

function checkCarrier(w: WriteScope, crewId: number | null | undefined, organizationId: number) {
  if (crewId == null) return
  const crew = crewRow(w.db, crewId)
  if (!crew || crew.organizationId !== organizationId) throw invalid(['crewId'], 'No such crew in this organisation')
}

export function createResource(deps: Deps, actor: Actor, input: Parsed<typeof ResourceCreate>): Promise<Resource> {
  authorize(actor, 'resource.create')
  return deps.writer.run(actor.userId, (w) => {
    const organizationId = owningOrg(w, actor, 'resource.create', input.organizationId)
    checkCarrier(w, input.crewId, organizationId)
    const row = w.db
      .insert(resources)
      .values({
        organizationId,
        crewId: input.crewId ?? null,
        kind: input.kind,
        name: input.name,
        capacity: input.capacity ?? null,
        status: 'available',
        statusChangedAt: w.now,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
      })
      .returning()
      .get()
    return logResource(w, row, 'resource.created')
  })
}

export function updateResource(deps: Deps, actor: Actor, id: number, patch: Parsed<typeof ResourceUpdate>): Promise<Resource> {
  authorize(actor, 'resource.update')
  return deps.writer.run(actor.userId, (w) => {
    const before = visibleResource(w, actor, 'resource.update', id)
    checkCarrier(w, patch.crewId, before.organizationId)
    const row = w.db.update(resources).set(patch).where(eq(resources.id, id)).returning().get()
    return logResource(w, row, 'resource.updated')
  })
}

export function setResourceStatus(
  deps: Deps,
  actor: Actor,
  id: number,
  input: Parsed<typeof ResourceStatusChange>,
): Promise<Resource> {
  authorize(actor, 'resource.status')
  return deps.writer.run(actor.userId, (w) => {
    const before = visibleResource(w, actor, 'resource.status', id)
    if (before.status === 'assigned') throw conflict('resource_unavailable', 'The resource is on a dispatch; its status follows the dispatch')
    if (before.status === input.status) return presentResource(before)
    const row = w.db
      .update(resources)
      .set({ status: input.status, statusChangedAt: w.now })
      .where(and(eq(resources.id, id), eq(resources.status, before.status)))
      .returning()
      .get()
    if (!row) throw conflict('conflict', 'The resource changed meanwhile; reload and try again')
    return logResource(w, row, 'resource.status_changed', before.status)
  })
}

export function moveResource(deps: Deps, actor: Actor, id: number, p: Position): Promise<Resource> {
  authorize(actor, 'resource.position')
  return deps.writer.run(actor.userId, (w) => {
    visibleResource(w, actor, 'resource.position', id)
    const row = w.db.update(resources).set({ lat: p.lat, lng: p.lng }).where(eq(resources.id, id)).returning().get()
    return logResource(w, row, 'resource.position_updated')
  })
}

export function listResources(deps: Deps, actor: Actor): Resource[] {
  const scope = authorize(actor, 'resource.read')
  const q = deps.db.select().from(resources)
  const rows =
    scope === 'all'
      ? q.orderBy(resources.id).all()
      : scope === 'org'
        ? q.where(eq(resources.organizationId, actor.organizationId)).orderBy(resources.id).all()
        : q.where(eq(resources.crewId, actor.crewId ?? -1)).orderBy(resources.id).all()
  return rows.map(presentResource)
}

export function getResource(deps: Deps, actor: Actor, id: number): Resource {
  authorize(actor, 'resource.read')
  return presentResource(visibleResource(deps, actor, 'resource.read', id))
}
