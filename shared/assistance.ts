import { z } from 'zod'
import { ASSISTANCE_KINDS, ASSISTANCE_STATUSES } from './enums'
import { Id, Timestamp, text } from './common'

export const Assistance = z
  .object({
    id: Id,
    organizationId: Id,
    kind: z.enum(ASSISTANCE_KINDS),
    status: z.enum(ASSISTANCE_STATUSES),
    incidentId: Id.nullable(),
    siteId: Id.nullable(),
    description: z.string(),
    decisionReason: z.string().nullable(),
    dispatchId: Id.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    statusChangedAt: Timestamp,
  })
  .meta({ id: 'Assistance' })
export type Assistance = z.infer<typeof Assistance>

export const AssistanceCreate = z
  .strictObject({
    kind: z.enum(ASSISTANCE_KINDS),
    incidentId: Id.nullable().optional(),
    siteId: Id.nullable().optional(),
    description: text(2000, 1),
  })
  .refine((a) => a.incidentId != null || a.siteId != null, { message: 'Name an incident or a site', path: ['incidentId'] })
  .meta({ id: 'AssistanceCreate' })

export const AssistanceStatusChange = z
  .strictObject({
    status: z.enum(ASSISTANCE_STATUSES),
    reason: text(1000, 1).optional(),
    dispatchId: Id.optional(),
  })
  .refine((a) => a.status !== 'declined' || !!a.reason, { message: 'Say why', path: ['reason'] })
  .meta({ id: 'AssistanceStatusChange' })
