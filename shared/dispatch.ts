import { z } from 'zod'
import { DISPATCH_STATUSES } from './enums'
import { Id, Position, Timestamp, text } from './common'

export const Dispatch = z
  .object({
    id: Id,
    incidentId: Id,
    crewId: Id,
    siteId: Id.nullable(),
    resourceIds: z.array(Id),
    task: z.string(),
    status: z.enum(DISPATCH_STATUSES),
    reason: z.string().nullable(),
    ackDeadlineAt: Timestamp,
    /** How many times it escalated; the console shows it red while it is above 0 and unanswered. */
    escalationLevel: z.number().int().nonnegative(),
    escalatedAt: Timestamp.nullable(),
    createdBy: Id.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    statusChangedAt: Timestamp,
  })
  .meta({ id: 'Dispatch' })
export type Dispatch = z.infer<typeof Dispatch>

export const DispatchCreate = z
  .strictObject({
    incidentId: Id,
    crewId: Id,
    resourceIds: z.array(Id).max(10).default([]),
    siteId: Id.nullable().optional(),
    task: text(1000, 1),
  })
  .refine((d) => new Set(d.resourceIds).size === d.resourceIds.length, {
    message: 'A resource is listed twice',
    path: ['resourceIds'],
  })
  .meta({ id: 'DispatchCreate' })
export type DispatchCreate = z.input<typeof DispatchCreate>

export const DispatchStatusChange = z
  .strictObject({
    status: z.enum(DISPATCH_STATUSES),
    reason: text(500, 1).optional(),
    position: Position.optional(),
  })
  .refine((d) => !(d.status === 'declined' || d.status === 'cancelled') || !!d.reason, {
    message: 'Say why',
    path: ['reason'],
  })
  .meta({ id: 'DispatchStatusChange' })
export type DispatchStatusChange = z.input<typeof DispatchStatusChange>

export const DispatchQuery = z.object({
  mine: z.enum(['0', '1']).optional(),
  incidentId: z.coerce.number().int().positive().optional(),
  active: z.enum(['0', '1']).optional(),
})

export const DispatchCheckin = z.strictObject({ position: Position.optional() }).meta({ id: 'DispatchCheckin' })
