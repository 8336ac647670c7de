// Roll-calls (DIRS-like): the authority opens an activation for some areas and enterprises; each
// enterprise files a check-in per area every period, with numbers or "no change since the last";
// a check-in missing at the period's due time is flagged (deadlines.ts); closing ends it.
import { and, desc, eq, inArray, isNull } from 'drizzle-orm'
import type { z } from 'zod'
import { areas, organizations, rollcallActivations, rollcallCheckins } from '../../db/schema'
import { buildBoard, firstDueAt, indexOfStart, periodOf, periodsUpTo, periodToFile } from '../../shared/rollcall-board'
import { CHECKIN_COUNTS, type Checkin, type CheckinFile, type Rollcall, type RollcallBoard, type RollcallBoardQuery, type RollcallClose, type RollcallOpen } from '../../shared/rollcall'
import { authorize } from '../auth/authorize'
import type { Actor, Deps } from '../context'
import { conflict, forbidden, invalid, notFound } from '../errors'
import { cancelPending, schedule } from '../timers/deadlines'
import type { WriteScope } from '../writer'
import { presentCheckin, presentRollcall, rollcallRow, type RollcallRow } from './present'

type Parsed<T extends z.ZodType> = z.output<T>

/** An enterprise sees the roll-calls that call it; staff see them all. */
function assertCalled(actor: Actor, row: RollcallRow, action: 'rollcall.read' | 'rollcall.checkin'): void {
  const scope = authorize(actor, action)
  if (scope !== 'all' && !row.organizationIds.includes(actor.organizationId)) throw notFound('Roll-call')
}

function visibleRollcall(deps: Deps, actor: Actor, id: number): RollcallRow {
  authorize(actor, 'rollcall.read')
  const row = rollcallRow(deps.db, id)
  if (!row) throw notFound('Roll-call')
  assertCalled(actor, row, 'rollcall.read')
  return row
}

export function openRollcall(deps: Deps, actor: Actor, input: Parsed<typeof RollcallOpen>): Promise<Rollcall> {
  authorize(actor, 'rollcall.manage')
  return deps.writer.run(actor.userId, (w) => {
    const areaIds = [...new Set(input.areaIds)]
    const known = new Set(w.db.select({ id: areas.id }).from(areas).where(inArray(areas.id, areaIds)).all().map((a) => a.id))
    input.areaIds.forEach((id, i) => {
      if (!known.has(id)) throw invalid(['areaIds', i], 'No such area')
    })
    let organizationIds: number[]
    if (input.organizationIds) {
      organizationIds = [...new Set(input.organizationIds)]
      const orgs = new Set(w.db.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, organizationIds)).all().map((o) => o.id))
      input.organizationIds.forEach((id, i) => {
        if (!orgs.has(id)) throw invalid(['organizationIds', i], 'No such organisation')
      })
    } else {
      // By default every telecom and postal enterprise of the province is called.
      organizationIds = w.db
        .select({ id: organizations.id })
        .from(organizations)
        .where(inArray(organizations.kind, ['telecom', 'postal']))
        .orderBy(organizations.id)
        .all()
        .map((o) => o.id)
    }
    if (organizationIds.length === 0) throw invalid(['organizationIds'], 'No enterprise to call')
    const row = w.db
      .insert(rollcallActivations)
      .values({
        name: input.name,
        cadence: input.cadence,
        dueMinute: input.dueMinute,
        areaIds,
        organizationIds,
        openedBy: actor.userId,
        openedAt: w.now,
      })
      .returning()
      .get()
    schedule(w, { kind: 'rollcall_period', entityType: 'rollcall', entityId: row.id, level: 1, dueAt: firstDueAt(row) })
    const rollcall = presentRollcall(row)
    w.append({ type: 'rollcall.opened', entityType: 'rollcall', entityId: row.id, orgIds: organizationIds, data: { rollcall } })
    return rollcall
  })
}

export function closeRollcall(deps: Deps, actor: Actor, id: number, input: Parsed<typeof RollcallClose>): Promise<Rollcall> {
  authorize(actor, 'rollcall.manage')
  return deps.writer.run(actor.userId, (w) => {
    const before = rollcallRow(w.db, id)
    if (!before) throw notFound('Roll-call')
    const row = w.db
      .update(rollcallActivations)
      .set({ closedAt: w.now })
      .where(and(eq(rollcallActivations.id, id), isNull(rollcallActivations.closedAt)))
      .returning()
      .get()
    if (!row) throw conflict('invalid_transition', 'The roll-call is closed already')
    cancelPending(w, 'rollcall_period', id)
    const rollcall = presentRollcall(row)
    w.append({
      type: 'rollcall.closed',
      entityType: 'rollcall',
      entityId: id,
      orgIds: row.organizationIds,
      data: { rollcall, ...(input.note ? { note: input.note } : {}) },
    })
    return rollcall
  })
}

/** Whose check-in this is: the actor's organisation, or for the authority the one it names. */
function filerOf(actor: Actor, named: number | undefined): number {
  const scope = authorize(actor, 'rollcall.checkin')
  if (scope === 'org') {
    if (named !== undefined && named !== actor.organizationId) throw forbidden('rollcall.checkin for another organisation')
    return actor.organizationId
  }
  if (named === undefined) throw invalid(['organizationId'], 'Name the organisation this check-in is for')
  return named
}

export function fileCheckin(deps: Deps, actor: Actor, id: number, input: Parsed<typeof CheckinFile>): Promise<Checkin> {
  const organizationId = filerOf(actor, input.organizationId)
  return deps.writer.run(actor.userId, (w) => {
    const a = rollcallRow(w.db, id)
    if (!a) throw notFound('Roll-call')
    assertCalled(actor, a, 'rollcall.checkin')
    if (!a.organizationIds.includes(organizationId)) throw invalid(['organizationId'], 'This organisation is not called in this roll-call')
    if (a.closedAt !== null) throw conflict('invalid_transition', 'The roll-call is closed')
    if (!a.areaIds.includes(input.areaId)) throw invalid(['areaId'], 'This area is not in the roll-call')
    const mine = and(eq(rollcallCheckins.organizationId, organizationId), eq(rollcallCheckins.areaId, input.areaId))
    const filed = new Set(
      w.db
        .select({ periodStart: rollcallCheckins.periodStart })
        .from(rollcallCheckins)
        .where(and(eq(rollcallCheckins.activationId, id), mine))
        .all()
        .map((c) => indexOfStart(a, c.periodStart))
        .filter((k): k is number => k !== null),
    )
    const index = periodToFile(a, w.now, filed)
    if (index === null) throw conflict('conflict', 'This area is filed for the current period already')
    const counts = input.noChange ? lastCounts(w, organizationId, input.areaId) : fromInput(input)
    const row = w.db
      .insert(rollcallCheckins)
      .values({
        activationId: id,
        organizationId,
        areaId: input.areaId,
        periodStart: periodOf(a, index).periodStart,
        noChange: input.noChange,
        ...counts,
        note: input.note || null,
        filedBy: actor.userId,
        filedAt: w.now,
      })
      .returning()
      .get()
    const checkin = presentCheckin(row)
    w.append({
      type: 'rollcall.checked_in',
      entityType: 'rollcall',
      entityId: id,
      orgIds: [organizationId],
      data: { rollcall: presentRollcall(a), checkin },
    })
    return checkin
  })
}

type Counts = Record<(typeof CHECKIN_COUNTS)[number], number | null>

function fromInput(input: Parsed<typeof CheckinFile>): Counts {
  return Object.fromEntries(CHECKIN_COUNTS.map((k) => [k, input[k] ?? null])) as Counts
}

/** "No change since the last check-in": the numbers of the organisation's last one for the area. */
function lastCounts(w: WriteScope, organizationId: number, areaId: number): Counts {
  const last = w.db
    .select()
    .from(rollcallCheckins)
    .where(and(eq(rollcallCheckins.organizationId, organizationId), eq(rollcallCheckins.areaId, areaId)))
    .orderBy(desc(rollcallCheckins.filedAt), desc(rollcallCheckins.id))
    .get()
  if (!last) throw invalid(['noChange'], 'No earlier check-in for this area to repeat: give the numbers')
  return Object.fromEntries(CHECKIN_COUNTS.map((k) => [k, last[k]])) as Counts
}

export function listRollcalls(deps: Deps, actor: Actor): Rollcall[] {
  const scope = authorize(actor, 'rollcall.read')
  return deps.db
    .select()
    .from(rollcallActivations)
    .orderBy(desc(rollcallActivations.id))
    .limit(200)
    .all()
    .filter((r) => scope === 'all' || r.organizationIds.includes(actor.organizationId))
    .map(presentRollcall)
}

function checkinsOf(deps: Deps, actor: Actor, activationIds: number[]): Checkin[] {
  if (activationIds.length === 0) return []
  const scope = authorize(actor, 'rollcall.read')
  return deps.db
    .select()
    .from(rollcallCheckins)
    .where(
      and(
        inArray(rollcallCheckins.activationId, activationIds),
        scope === 'all' ? undefined : eq(rollcallCheckins.organizationId, actor.organizationId),
      ),
    )
    .orderBy(rollcallCheckins.id)
    .all()
    .map(presentCheckin)
}

export function getBoard(deps: Deps, actor: Actor, id: number, q: Parsed<typeof RollcallBoardQuery>): RollcallBoard {
  const row = visibleRollcall(deps, actor, id)
  const scope = authorize(actor, 'rollcall.read')
  return buildBoard(presentRollcall(row), checkinsOf(deps, actor, [id]), deps.clock.now(), {
    last: q.periods,
    organizationIds: scope === 'all' ? undefined : [actor.organizationId],
  })
}

const WEEK = 7 * 86_400_000

/** For the snapshot: open roll-calls and those closed this week, with their check-ins. */
export function rollcallsForSnapshot(deps: Deps, actor: Actor): { rollcalls: Rollcall[]; checkins: Checkin[] } {
  const now = deps.clock.now()
  const rollcalls = listRollcalls(deps, actor).filter((r) => r.closedAt === null || now - r.closedAt < WEEK)
  // Only the periods a board shows: an hourly roll-call of a week would otherwise carry thousands.
  const from = new Map(rollcalls.map((r) => [r.id, periodsUpTo(r, now)[0]?.periodStart ?? 0]))
  const checkins = checkinsOf(deps, actor, rollcalls.map((r) => r.id)).filter((c) => c.periodStart >= from.get(c.activationId)!)
  return { rollcalls, checkins }
}
