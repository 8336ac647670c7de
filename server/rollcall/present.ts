import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { rollcallActivations, rollcallCheckins } from '../../db/schema'
import type { Checkin, Rollcall } from '../../shared/rollcall'

export type RollcallRow = typeof rollcallActivations.$inferSelect
export type CheckinRow = typeof rollcallCheckins.$inferSelect

export function presentRollcall(r: RollcallRow): Rollcall {
  return {
    id: r.id,
    name: r.name,
    cadence: r.cadence,
    dueMinute: r.dueMinute,
    areaIds: r.areaIds,
    organizationIds: r.organizationIds,
    openedAt: r.openedAt,
    closedAt: r.closedAt,
  }
}

export function presentCheckin(r: CheckinRow): Checkin {
  return {
    id: r.id,
    activationId: r.activationId,
    organizationId: r.organizationId,
    areaId: r.areaId,
    periodStart: r.periodStart,
    noChange: r.noChange,
    sitesTotal: r.sitesTotal,
    outPower: r.outPower,
    outTransmission: r.outTransmission,
    outDamage: r.outDamage,
    generatorsDeployed: r.generatorsDeployed,
    officesClosed: r.officesClosed,
    routesSuspended: r.routesSuspended,
    note: r.note,
    filedAt: r.filedAt,
  }
}

export function rollcallRow(db: Db, id: number): RollcallRow | undefined {
  return db.select().from(rollcallActivations).where(eq(rollcallActivations.id, id)).get()
}
