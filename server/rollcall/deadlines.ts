// A roll-call period falls due: every enterprise and area of the activation with no check-in for it
// is flagged, one 'rollcall.missed' each (its level counts the periods missed in a row), and the
// next period's deadline is set. A closed activation cancels its deadline, so nothing fires after.
import { eq } from 'drizzle-orm'
import { rollcallCheckins } from '../../db/schema'
import { indexOfStart, periodOf } from '../../shared/rollcall-board'
import { schedule } from '../timers/deadlines'
import type { DeadlineHandler } from '../timers/sweeper'
import { presentRollcall, rollcallRow } from './present'

export const onRollcallPeriodDeadline: DeadlineHandler = (w, deadline) => {
  const a = rollcallRow(w.db, deadline.entityId)
  if (!a || a.closedAt !== null) return
  const index = deadline.level
  const period = periodOf(a, index)
  const filed = new Map<string, Set<number>>()
  for (const c of w.db
    .select({ organizationId: rollcallCheckins.organizationId, areaId: rollcallCheckins.areaId, periodStart: rollcallCheckins.periodStart })
    .from(rollcallCheckins)
    .where(eq(rollcallCheckins.activationId, a.id))
    .all()) {
    const k = indexOfStart(a, c.periodStart)
    const key = `${c.organizationId}:${c.areaId}`
    if (k !== null) filed.set(key, (filed.get(key) ?? new Set()).add(k))
  }
  const rollcall = presentRollcall(a)
  for (const organizationId of a.organizationIds) {
    for (const areaId of a.areaIds) {
      const done = filed.get(`${organizationId}:${areaId}`) ?? new Set<number>()
      if (done.has(index)) continue
      let level = 1
      while (index - level >= 1 && !done.has(index - level)) level++
      w.append({
        type: 'rollcall.missed',
        entityType: 'rollcall',
        entityId: a.id,
        orgIds: [organizationId],
        data: { rollcall, missed: { organizationId, areaId, ...period }, level },
      })
    }
  }
  schedule(w, { kind: 'rollcall_period', entityType: 'rollcall', entityId: a.id, level: index + 1, dueAt: periodOf(a, index + 1).dueAt })
}
