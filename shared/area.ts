import { z } from 'zod'
import { AREA_LEVELS, AREA_TYPES } from './enums'
import { Id, Lat, Lng } from './common'

/** A boundary as GeoJSON-ordered rings of [lng, lat]. */
export const Ring = z.array(z.tuple([Lng, Lat])).min(4)

export const Area = z
  .object({
    id: Id,
    code: z.string(),
    name: z.string(),
    level: z.enum(AREA_LEVELS),
    parentId: Id.nullable(),
    lat: Lat,
    lng: Lng,
    boundary: z.array(Ring).nullable(),
    areaType: z.enum(AREA_TYPES),
  })
  .meta({ id: 'Area' })
export type Area = z.infer<typeof Area>
