// Roll-call periods and the board, as pure functions: the server uses them for its deadlines and
// GET /rollcalls/:id/board, the pages to show what is due by when and to keep the board live.
// Times are UTC milliseconds; a daily due minute is on the local (UTC+7) clock.
import type { CheckinState, RollcallCadence } from './enums'
import type { Checkin, Rollcall, RollcallBoard, RollcallCell, RollcallPeriod } from './rollcall'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
export const LOCAL_OFFSET_MS = 7 * HOUR
/** A new activation never leaves less than this to file its first check-in. */
export const FIRST_LEAD_MS = 30 * MINUTE

type Cadenced = Pick<Rollcall, 'cadence' | 'dueMinute' | 'openedAt'>

export const periodMs = (cadence: RollcallCadence) => (cadence === 'daily' ? DAY : HOUR)

/** Due times fall on k·period + phase: daily at the local due minute, hourly at its minute past the hour. */
function phase(a: Cadenced): number {
  const len = periodMs(a.cadence)
  const local = a.cadence === 'daily' ? a.dueMinute * MINUTE : (a.dueMinute % 60) * MINUTE
  return (((local - LOCAL_OFFSET_MS) % len) + len) % len
}

function dueAtOrAfter(a: Cadenced, t: number): number {
  const len = periodMs(a.cadence)
  const p = phase(a)
  return Math.ceil((t - p) / len) * len + p
}

export const firstDueAt = (a: Cadenced) => dueAtOrAfter(a, a.openedAt + FIRST_LEAD_MS)

export function periodOf(a: Cadenced, index: number): RollcallPeriod {
  const dueAt = firstDueAt(a) + (index - 1) * periodMs(a.cadence)
  return { index, periodStart: dueAt - periodMs(a.cadence), dueAt }
}

/** The index of the period a period start names, or null when none of this activation starts there. */
export function indexOfStart(a: Cadenced, periodStart: number): number | null {
  const k = (periodStart + periodMs(a.cadence) - firstDueAt(a)) / periodMs(a.cadence) + 1
  return Number.isInteger(k) && k >= 1 ? k : null
}

/** The period whose due time is the next at or after t (a filing exactly at the due time is on time). */
export function upcomingIndex(a: Cadenced, t: number): number {
  const first = firstDueAt(a)
  return t <= first ? 1 : Math.ceil((t - first) / periodMs(a.cadence)) + 1
}

/**
 * The period a check-in filed at t answers: the one just past when it was missed (filed late),
 * otherwise the upcoming one. Null when both are filed already.
 */
export function periodToFile(a: Cadenced, t: number, filed: ReadonlySet<number>): number | null {
  const next = upcomingIndex(a, t)
  if (next > 1 && !filed.has(next - 1)) return next - 1
  return filed.has(next) ? null : next
}

/** The periods of an activation up to now: every one already due, and the one open now (if still open). */
export function periodsUpTo(a: Rollcall, now: number, last = 24): RollcallPeriod[] {
  let end = upcomingIndex(a, now)
  if (a.closedAt !== null) {
    // Once closed, only the periods that fell due while it was open count.
    end = upcomingIndex(a, a.closedAt)
    if (periodOf(a, end).dueAt > a.closedAt) end -= 1
  }
  const out: RollcallPeriod[] = []
  for (let k = Math.max(1, end - last + 1); k <= end; k++) out.push(periodOf(a, k))
  return out
}

export function stateOf(period: RollcallPeriod, filedAt: number | null, now: number): CheckinState {
  if (filedAt !== null) return filedAt <= period.dueAt ? 'on_time' : 'late'
  return now >= period.dueAt ? 'missing' : 'pending'
}

/** The board: one cell per organisation, area and period, from the activation's check-ins. */
export function buildBoard(
  rollcall: Rollcall,
  checkins: readonly Checkin[],
  now: number,
  opts: { last?: number; organizationIds?: readonly number[] } = {},
): RollcallBoard {
  const periods = periodsUpTo(rollcall, now, opts.last)
  const orgs = opts.organizationIds ? rollcall.organizationIds.filter((o) => opts.organizationIds!.includes(o)) : rollcall.organizationIds
  const byKey = new Map<string, Checkin>()
  for (const c of checkins) if (c.activationId === rollcall.id) byKey.set(`${c.organizationId}:${c.areaId}:${c.periodStart}`, c)
  const cells: RollcallCell[] = []
  for (const organizationId of orgs) {
    for (const areaId of rollcall.areaIds) {
      for (const p of periods) {
        const c = byKey.get(`${organizationId}:${areaId}:${p.periodStart}`)
        cells.push({
          organizationId,
          areaId,
          index: p.index,
          state: stateOf(p, c?.filedAt ?? null, now),
          checkinId: c?.id ?? null,
          filedAt: c?.filedAt ?? null,
        })
      }
    }
  }
  return { rollcall, periods, cells }
}

/** Cells of one organisation and period, counted by state: what a compact board shows. */
export function tally(cells: readonly RollcallCell[]): Record<CheckinState, number> {
  const out: Record<CheckinState, number> = { on_time: 0, late: 0, missing: 0, pending: 0 }
  for (const c of cells) out[c.state]++
  return out
}
