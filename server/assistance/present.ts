import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { assistanceRequests } from '../../db/schema'
import type { Assistance } from '../../shared/assistance'

export type AssistanceRow = typeof assistanceRequests.$inferSelect

export function presentAssistance(r: AssistanceRow): Assistance {
  return {
    id: r.id,
    organizationId: r.organizationId,
    kind: r.kind,
    status: r.status,
    incidentId: r.incidentId,
    siteId: r.siteId,
    description: r.description,
    decisionReason: r.decisionReason,
    dispatchId: r.dispatchId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    statusChangedAt: r.statusChangedAt,
  }
}

export function assistanceRow(db: Db, id: number): AssistanceRow | undefined {
  return db.select().from(assistanceRequests).where(eq(assistanceRequests.id, id)).get()
}
