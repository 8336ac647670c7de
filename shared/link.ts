import { z } from 'zod'
import { LINK_KINDS, LINK_STATUSES } from './enums'
import { Id, Timestamp } from './common'

export const Link = z
  .object({
    id: Id,
    siteId: Id,
    kind: z.enum(LINK_KINDS),
    status: z.enum(LINK_STATUSES),
    organizationId: Id.nullable(),
    incidentId: Id.nullable(),
    dispatchId: Id.nullable(),
    resourceId: Id.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    statusChangedAt: Timestamp,
  })
  .meta({ id: 'Link' })
export type Link = z.infer<typeof Link>

export const LinkCreate = z
  .strictObject({
    siteId: Id,
    kind: z.enum(LINK_KINDS),
    incidentId: Id.nullable().optional(),
    dispatchId: Id.nullable().optional(),
    resourceId: Id.nullable().optional(),
    /** A crew on site may report the link already up in the same tap. */
    status: z.enum(['planned', 'establishing', 'up']).default('planned'),
  })
  .meta({ id: 'LinkCreate' })
export type LinkCreate = z.input<typeof LinkCreate>

export const LinkStatusChange = z.strictObject({ status: z.enum(LINK_STATUSES) }).meta({ id: 'LinkStatusChange' })
