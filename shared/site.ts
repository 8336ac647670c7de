import { z } from 'zod'
import { SERVICES, SITE_KINDS, SITE_STATUSES } from './enums'
import { Id, Lat, Lng, Timestamp, line } from './common'

export const SiteService = z.object({ organizationId: Id, service: z.enum(SERVICES) })
export type SiteService = z.infer<typeof SiteService>

export const Site = z
  .object({
    id: Id,
    code: z.string(),
    name: z.string(),
    kind: z.enum(SITE_KINDS),
    areaId: Id,
    lat: Lat,
    lng: Lng,
    priority: z.number().int().min(1).max(3),
    address: z.string().nullable(),
    status: z.enum(SITE_STATUSES),
    statusChangedAt: Timestamp,
    services: z.array(SiteService),
  })
  .meta({ id: 'Site' })
export type Site = z.infer<typeof Site>

export const SiteCreate = z.strictObject({
  code: line(32),
  name: line(200),
  kind: z.enum(SITE_KINDS),
  areaId: Id,
  lat: Lat,
  lng: Lng,
  priority: z.number().int().min(1).max(3).default(2),
  address: line(300).nullable().optional(),
  services: z.array(SiteService).max(20).default([]),
})
// Without the defaults of a new site: a field left out of a patch stays as it is.
export const SiteUpdate = SiteCreate.extend({
  priority: SiteCreate.shape.priority.unwrap(),
  services: SiteCreate.shape.services.unwrap(),
})
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to update' })
