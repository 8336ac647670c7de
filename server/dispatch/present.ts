import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { dispatches, dispatchResources, links } from '../../db/schema'
import type { Dispatch } from '../../shared/dispatch'
import type { Link } from '../../shared/link'

export type DispatchRow = typeof dispatches.$inferSelect
export type LinkRow = typeof links.$inferSelect

export function presentDispatch(r: DispatchRow, resourceIds: number[]): Dispatch {
  return {
    id: r.id,
    incidentId: r.incidentId,
    crewId: r.crewId,
    siteId: r.siteId,
    resourceIds,
    task: r.task,
    status: r.status,
    reason: r.reason,
    ackDeadlineAt: r.ackDeadlineAt,
    escalationLevel: r.escalationLevel,
    escalatedAt: r.escalatedAt,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    statusChangedAt: r.statusChangedAt,
  }
}

export function resourceIdsByDispatch(db: Db, ids: number[]): Map<number, number[]> {
  const out = new Map<number, number[]>()
  if (ids.length === 0) return out
  const rows = db.select().from(dispatchResources).where(inArray(dispatchResources.dispatchId, ids)).all()
  for (const r of rows) out.set(r.dispatchId, [...(out.get(r.dispatchId) ?? []), r.resourceId].sort((a, b) => a - b))
  return out
}

export function presentDispatches(db: Db, rows: DispatchRow[]): Dispatch[] {
  const res = resourceIdsByDispatch(db, rows.map((r) => r.id))
  return rows.map((r) => presentDispatch(r, res.get(r.id) ?? []))
}

export function dispatchRow(db: Db, id: number): DispatchRow | undefined {
  return db.select().from(dispatches).where(eq(dispatches.id, id)).get()
}

export function presentLink(r: LinkRow): Link {
  return {
    id: r.id,
    siteId: r.siteId,
    kind: r.kind,
    status: r.status,
    organizationId: r.organizationId,
    incidentId: r.incidentId,
    dispatchId: r.dispatchId,
    resourceId: r.resourceId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    statusChangedAt: r.statusChangedAt,
  }
}
