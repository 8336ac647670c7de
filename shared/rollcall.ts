import { z } from 'zod'
import { CHECKIN_STATES, ROLLCALL_CADENCES } from './enums'
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

/** The counts a check-in carries, in the order the form shows them. */
export const CHECKIN_COUNTS = [
  'sitesTotal',
  'outPower',
  'outTransmission',
  'outDamage',
  'generatorsDeployed',
  'officesClosed',
  'routesSuspended',
] as const
export type CheckinCount = (typeof CHECKIN_COUNTS)[number]

export const CheckinFile = z
  .strictObject({
    /** Only the authority files for another organisation (a report taken by phone). */
    organizationId: Id.optional(),
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
  .superRefine((c, ctx) => {
    const given = CHECKIN_COUNTS.filter((k) => c[k] !== undefined)
    if (c.noChange) {
      for (const k of given) ctx.addIssue({ code: 'custom', path: [k], message: 'Give numbers or no change, not both' })
      return
    }
    if (given.length === 0) ctx.addIssue({ code: 'custom', path: ['sitesTotal'], message: 'Give at least one number, or no change' })
    const out = (c.outPower ?? 0) + (c.outTransmission ?? 0) + (c.outDamage ?? 0)
    if (c.sitesTotal !== undefined && out > c.sitesTotal) {
      ctx.addIssue({ code: 'custom', path: ['sitesTotal'], message: 'Fewer sites in total than out of service' })
    }
  })
  .meta({ id: 'CheckinFile' })
export type CheckinFile = z.input<typeof CheckinFile>

export const RollcallClose = z.strictObject({ note: text(1000).optional() }).meta({ id: 'RollcallClose' })

/** A check-in that was not filed by its due time: what a 'rollcall.missed' event names. */
export const MissedCheckin = z.object({
  organizationId: Id,
  areaId: Id,
  index: z.number().int().positive(),
  periodStart: Timestamp,
  dueAt: Timestamp,
})
export type MissedCheckin = z.infer<typeof MissedCheckin>

export const RollcallPeriod = z.object({
  /** 1 for the first period of the activation. */
  index: z.number().int().positive(),
  periodStart: Timestamp,
  dueAt: Timestamp,
})
export type RollcallPeriod = z.infer<typeof RollcallPeriod>

export const RollcallCell = z.object({
  organizationId: Id,
  areaId: Id,
  index: z.number().int().positive(),
  state: z.enum(CHECKIN_STATES),
  checkinId: Id.nullable(),
  filedAt: Timestamp.nullable(),
})
export type RollcallCell = z.infer<typeof RollcallCell>

/** Per enterprise, area and period: filed on time, late, missing, or not yet due. */
export const RollcallBoard = z
  .object({ rollcall: Rollcall, periods: z.array(RollcallPeriod), cells: z.array(RollcallCell) })
  .meta({ id: 'RollcallBoard' })
export type RollcallBoard = z.infer<typeof RollcallBoard>

export const RollcallBoardQuery = z.object({
  /** How many of the latest periods to show. */
  periods: z.coerce.number().int().min(1).max(200).default(24),
})
