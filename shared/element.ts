import { z } from 'zod'
import { DEPENDENCY_ROLES, ELEMENT_EFFECTS, ELEMENT_KINDS, POWER_SOURCES, SERVICES, TRANSMISSION_MEDIA } from './enums'
import { Id, Lat, Lng, Timestamp, line } from './common'

/** A network element with its derived state: down or degraded by open incidents that name it. */
export const Element = z
  .object({
    id: Id,
    organizationId: Id,
    kind: z.enum(ELEMENT_KINDS),
    code: z.string(),
    name: z.string(),
    lat: Lat,
    lng: Lng,
    lat2: Lat.nullable(),
    lng2: Lng.nullable(),
    coverageRadiusM: z.number().int().nullable(),
    powerSource: z.enum(POWER_SOURCES).nullable(),
    medium: z.enum(TRANSMISSION_MEDIA).nullable(),
    upstreamId: Id.nullable(),
    areaId: Id.nullable(),
    state: z.enum(['ok', ...ELEMENT_EFFECTS]),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Element' })
export type Element = z.infer<typeof Element>

export const ElementCreate = z
  .strictObject({
    organizationId: Id.optional(),
    kind: z.enum(ELEMENT_KINDS),
    code: line(64),
    name: line(200),
    lat: Lat,
    lng: Lng,
    lat2: Lat.nullable().optional(),
    lng2: Lng.nullable().optional(),
    coverageRadiusM: z.number().int().min(0).max(100_000).nullable().optional(),
    powerSource: z.enum(POWER_SOURCES).nullable().optional(),
    medium: z.enum(TRANSMISSION_MEDIA).nullable().optional(),
    upstreamId: Id.nullable().optional(),
  })
  .meta({ id: 'ElementCreate' })

export const ElementUpdate = ElementCreate.omit({ organizationId: true })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to update' })
  .meta({ id: 'ElementUpdate' })

export const SiteDependency = z.object({
  organizationId: Id,
  service: z.enum(SERVICES),
  elementId: Id,
  role: z.enum(DEPENDENCY_ROLES),
}).meta({ id: 'SiteDependency' })
export type SiteDependency = z.infer<typeof SiteDependency>

/** An incident naming an element it takes down or degrades. */
export const IncidentElement = z.strictObject({ elementId: Id, effect: z.enum(ELEMENT_EFFECTS) })
export type IncidentElement = z.infer<typeof IncidentElement>

export const ElementQuery = z.object({
  organizationId: z.coerce.number().int().positive().optional(),
  kind: z.enum(ELEMENT_KINDS).optional(),
  areaId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  after: z.coerce.number().int().nonnegative().optional(),
})

export const MAX_SITE_DEPENDENCIES = 200

/**
 * PUT /sites/:id/dependencies: replaces what one organisation's services to the site rest on.
 * An enterprise sets its own; an admin names the organisation.
 */
export const SiteDependenciesPut = z
  .strictObject({
    organizationId: Id.optional(),
    dependencies: z
      .array(z.strictObject({ service: z.enum(SERVICES), elementId: Id, role: z.enum(DEPENDENCY_ROLES) }))
      .max(MAX_SITE_DEPENDENCIES),
  })
  .meta({ id: 'SiteDependenciesPut' })
export type SiteDependenciesPut = z.input<typeof SiteDependenciesPut>
