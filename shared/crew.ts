import { z } from 'zod'
import { CREW_MANUAL_STATUSES, CREW_SKILLS, CREW_STATUSES } from './enums'
import { Id, Lat, Lng, Timestamp, line } from './common'

export const Crew = z
  .object({
    id: Id,
    organizationId: Id,
    name: z.string(),
    phone: z.string().nullable(),
    skills: z.array(z.enum(CREW_SKILLS)),
    members: z.number().int(),
    status: z.enum(CREW_STATUSES),
    statusChangedAt: Timestamp,
    lat: Lat.nullable(),
    lng: Lng.nullable(),
    positionAccuracy: z.number().nullable(),
    positionAt: Timestamp.nullable(),
  })
  .meta({ id: 'Crew' })
export type Crew = z.infer<typeof Crew>

const Phone = line(32).pipe(z.string().regex(/^\+?[0-9 .()-]{3,32}$/, 'A phone number'))

export const CrewCreate = z
  .strictObject({
    organizationId: Id.optional(),
    name: line(120),
    phone: Phone.nullable().optional(),
    skills: z.array(z.enum(CREW_SKILLS)).max(CREW_SKILLS.length).default([]),
    members: z.number().int().min(1).max(50).default(2),
    lat: Lat.optional(),
    lng: Lng.optional(),
  })
  .refine((c) => (c.lat === undefined) === (c.lng === undefined), {
    message: 'Give both lat and lng, or neither',
    path: ['lat'],
  })
  .meta({ id: 'CrewCreate' })

export const CrewUpdate = z
  .strictObject({
    name: line(120),
    phone: Phone.nullable(),
    skills: z.array(z.enum(CREW_SKILLS)).max(CREW_SKILLS.length),
    members: z.number().int().min(1).max(50),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to update' })
  .meta({ id: 'CrewUpdate' })

export const CrewStatusChange = z.strictObject({ status: z.enum(CREW_MANUAL_STATUSES) })
