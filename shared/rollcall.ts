import { z } from 'zod'
import { ROLLCALL_CADENCES } from './enums'
import { Id, Timestamp, line, text } from './common'

export const Rollcall = z
  .object({
    id: Id,
    name: z.string(),
    cadence: z.enum(ROLLCALL_CADENCES),
    dueMinute: z.number().int(),
    areaIds: z.array(Id),
    organizationIds: z.array(Id),
    openedAt: Timestamp,
    closedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Rollcall' })
export type Rollcall = z.infer<typeof Rollcall>

export const RollcallOpen = z
  .strictObject({
    name: line(200),
    cadence: z.enum(ROLLCALL_CADENCES),
    /** Minute of the local day (UTC+7) a daily check-in is due: 540 = 09:00. */
    dueMinute: z.number().int().min(0).max(1439).default(540),
    areaIds: z.array(Id).min(1).max(500),
    organizationIds: z.array(Id).max(100).optional(),
  })
  .meta({ id: 'RollcallOpen' })

const Count = z.number().int().min(0).max(1_000_000)

export const Checkin = z
  .object({
    id: Id,
    activationId: Id,
    organizationId: Id,
    areaId: Id,
    periodStart: Timestamp,
    noChange: z.boolean(),
    sitesTotal: Count.nullable(),
    outPower: Count.nullable(),
    outTransmission: Count.nullable(),
    outDamage: Count.nullable(),
    generatorsDeployed: Count.nullable(),
    officesClosed: Count.nullable(),
    routesSuspended: Count.nullable(),
    note: z.string().nullable(),
    filedAt: Timestamp,
  })
  .meta({ id: 'Checkin' })
export type Checkin = z.infer<typeof Checkin>

export const CheckinFile = z
  .strictObject({
    areaId: Id,
    noChange: z.boolean().default(false),
    sitesTotal: Count.optional(),
    outPower: Count.optional(),
    outTransmission: Count.optional(),
    outDamage: Count.optional(),
    generatorsDeployed: Count.optional(),
    officesClosed: Count.optional(),
    routesSuspended: Count.optional(),
    note: text(1000).optional(),
  })
  .meta({ id: 'CheckinFile' })
