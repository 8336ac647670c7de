import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { crews, resources } from '../../db/schema'
import type { Crew } from '../../shared/crew'
import type { Resource } from '../../shared/resource'

export type CrewRow = typeof crews.$inferSelect
export type ResourceRow = typeof resources.$inferSelect

export function presentCrew(r: CrewRow): Crew {
  return {
    id: r.id,
    organizationId: r.organizationId,
    name: r.name,
    phone: r.phone,
    skills: r.skills,
    members: r.members,
    status: r.status,
    statusChangedAt: r.statusChangedAt,
    lat: r.lat,
    lng: r.lng,
    positionAccuracy: r.positionAccuracy,
    positionAt: r.positionAt,
  }
}

export function presentResource(r: ResourceRow): Resource {
  return {
    id: r.id,
    organizationId: r.organizationId,
    crewId: r.crewId,
    kind: r.kind,
    name: r.name,
    status: r.status,
    statusChangedAt: r.statusChangedAt,
    capacity: r.capacity,
    lat: r.lat,
    lng: r.lng,
  }
}

export function crewRow(db: Db, id: number): CrewRow | undefined {
  return db.select().from(crews).where(eq(crews.id, id)).get()
}

export function resourceRow(db: Db, id: number): ResourceRow | undefined {
  return db.select().from(resources).where(eq(resources.id, id)).get()
}

export function loadResources(db: Db, ids: number[]): Resource[] {
  if (ids.length === 0) return []
  return db.select().from(resources).where(inArray(resources.id, ids)).orderBy(resources.id).all().map(presentResource)
}
