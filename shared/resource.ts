import { z } from 'zod'
import { RESOURCE_KINDS, RESOURCE_MANUAL_STATUSES, RESOURCE_STATUSES } from './enums'
import { Id, Lat, Lng, Timestamp, line } from './common'

export const Resource = z
  .object({
    id: Id,
    organizationId: Id,
    crewId: Id.nullable(),
    kind: z.enum(RESOURCE_KINDS),
    name: z.string(),
    status: z.enum(RESOURCE_STATUSES),
    statusChangedAt: Timestamp,
    capacity: z.string().nullable(),
    lat: Lat.nullable(),
    lng: Lng.nullable(),
  })
  .meta({ id: 'Resource' })
export type Resource = z.infer<typeof Resource>

export const ResourceCreate = z
  .strictObject({
    organizationId: Id.optional(),
    crewId: Id.nullable().optional(),
    kind: z.enum(RESOURCE_KINDS),
    name: line(120),
    capacity: line(120).nullable().optional(),
    lat: Lat.optional(),
    lng: Lng.optional(),
  })
  .refine((c) => (c.lat === undefined) === (c.lng === undefined), {
    message: 'Give both lat and lng, or neither',
    path: ['lat'],
  })
  .meta({ id: 'ResourceCreate' })

export const ResourceUpdate = z
  .strictObject({
    crewId: Id.nullable(),
    name: line(120),
    capacity: line(120).nullable(),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to update' })
  .meta({ id: 'ResourceUpdate' })

export const ResourceStatusChange = z.strictObject({ status: z.enum(RESOURCE_MANUAL_STATUSES) })
