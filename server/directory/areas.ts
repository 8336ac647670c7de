import type { Db } from '../../db/client'
import { areas } from '../../db/schema'
import type { Area } from '../../shared/area'
import { distanceM, pointInRing, type LatLng } from '../../shared/geo'

// Every report locates its area through this, so the query is prepared once per database.
const allAreas = new WeakMap<Db, ReturnType<typeof prepareAllAreas>>()
const prepareAllAreas = (db: Db) => db.select().from(areas).orderBy(areas.id).prepare()

export function listAreas(db: Db): Area[] {
  let query = allAreas.get(db)
  if (!query) allAreas.set(db, (query = prepareAllAreas(db)))
  return query.all().map((r) => ({ ...r, boundary: r.boundary ?? null }))
}

/** The smallest area whose boundary holds the point; else the nearest area centre below the province. */
export function areaFor(db: Db, p: LatLng): number | null {
  return areaAmong(listAreas(db), p)
}

/** areaFor over areas already read: a bulk import reads them once. */
export function areaAmong(all: readonly Area[], p: LatLng): number | null {
  const rank = { commune: 0, district: 1, province: 2 } as const
  const holding = all
    .filter((a) => a.boundary?.some((ring) => pointInRing(p, ring)))
    .sort((a, b) => rank[a.level] - rank[b.level])
  if (holding[0]) return holding[0].id
  const local = all.filter((a) => a.level !== 'province')
  local.sort((a, b) => distanceM(p, a) - distanceM(p, b))
  return local[0]?.id ?? all[0]?.id ?? null
}
