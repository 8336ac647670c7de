import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { networkElements } from '../../db/schema'
import type { Element } from '../../shared/element'
import type { ElementEffect } from '../../shared/enums'

export type ElementRow = typeof networkElements.$inferSelect

export function presentElement(r: ElementRow, state: ElementEffect | 'ok'): Element {
  return {
    id: r.id,
    organizationId: r.organizationId,
    kind: r.kind,
    code: r.code,
    name: r.name,
    lat: r.lat,
    lng: r.lng,
    lat2: r.lat2,
    lng2: r.lng2,
    coverageRadiusM: r.coverageRadiusM,
    powerSource: r.powerSource,
    medium: r.medium,
    upstreamId: r.upstreamId,
    areaId: r.areaId,
    state,
    updatedAt: r.updatedAt,
  }
}

export function elementRow(db: Db, id: number): ElementRow | undefined {
  return db.select().from(networkElements).where(eq(networkElements.id, id)).get()
}
