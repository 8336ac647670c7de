// What the console derives, live from the desk, for intake at operator scale: duplicate
// proposals, correlation across operators, final reports owed, the roll-call boards and the
// assistance requests. The rules are the shared ones the server answers with.
import { computed, signal } from '@preact/signals'
import { correlationGroups, mastersOf, type Correlation } from '../../shared/correlation'
import { OPEN_INCIDENT_STATUSES, isOneOf } from '../../shared/enums'
import { distanceM } from '../../shared/geo'
import type { Incident } from '../../shared/incident'
import { finalReportDueAt } from '../../shared/report-ladder'
import { buildBoard } from '../../shared/rollcall-board'
import type { RollcallBoard } from '../../shared/rollcall'
import { now } from '../common/now'
import { finalReportHours, thresholds } from '../state/clientConfig'
import type { Desk } from '../state/desk'

export type SideTab = 'forces' | 'rollcall' | 'assistance' | 'final'

/** A site this close to a group's middle names the place; otherwise its area does. */
const NAME_WITHIN_M = 3000

function createIntakeModel(desk: Desk) {
  const serverNow = computed(() => now.value + desk.clockSkew.value)
  const open = computed(() => desk.incidents.all().filter((i) => isOneOf(OPEN_INCIDENT_STATUSES, i.status)))

  /** For each open incident, the earlier open reports it probably repeats. */
  const masters = computed(() => mastersOf(open.value, thresholds.value.duplicate))

  const groups = computed(() => correlationGroups(open.value, thresholds.value.correlate))
  const groupOf = computed(() => {
    const byId = new Map<number, Correlation<Incident>>()
    for (const g of groups.value) for (const i of g.incidents) byId.set(i.id, g)
    return byId
  })

  /** "near Khu vực bỏ phiếu số 5 – Vũng Tàu": the nearest protected site, else the area. */
  function placeOf(g: Correlation<Incident>): string {
    let best: { name: string; d: number } | null = null
    for (const s of desk.sites.all()) {
      const d = distanceM(g, s)
      if (d <= NAME_WITHIN_M && (!best || d < best.d)) best = { name: s.name, d }
    }
    if (best) return best.name
    const area = desk.areas.get(g.incidents.find((i) => i.areaId !== null)?.areaId)
    return area?.name ?? `${g.lat.toFixed(3)}, ${g.lng.toFixed(3)}`
  }

  /** Resolved incidents still owing their final report, the most overdue first. */
  const owedFinal = computed(() =>
    desk.incidents
      .all()
      .map((incident) => ({ incident, dueAt: finalReportDueAt(incident, finalReportHours.value) }))
      .filter((x): x is { incident: Incident; dueAt: number } => x.dueAt !== null)
      .sort((a, b) => a.dueAt - b.dueAt),
  )
  const overdueFinal = computed(() => owedFinal.value.filter((x) => x.dueAt < serverNow.value).length)

  /** The board of each roll-call, live: check-ins from events, periods from the clock. */
  const boards = computed<RollcallBoard[]>(() => {
    const checkins = desk.checkins.all()
    return desk.rollcalls
      .all()
      .sort((a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || b.id - a.id)
      .map((r) => buildBoard(r, checkins, serverNow.value, { last: 4 }))
  })
  /** Check-ins missing in the latest period that fell due, across the open roll-calls. */
  const missingNow = computed(() =>
    boards.value
      .filter((b) => b.rollcall.closedAt === null)
      .reduce((sum, b) => {
        const due = [...b.periods].reverse().find((p) => p.dueAt <= serverNow.value)
        return sum + (due ? b.cells.filter((c) => c.index === due.index && c.state === 'missing').length : 0)
      }, 0),
  )

  const pendingAssistance = computed(() => desk.assistance.all().filter((a) => a.status === 'requested').length)

  return {
    serverNow,
    masters,
    groups,
    groupOf,
    placeOf,
    owedFinal,
    overdueFinal,
    boards,
    missingNow,
    pendingAssistance,
    tab: signal<SideTab>('forces'),
  }
}

export type IntakeModel = ReturnType<typeof createIntakeModel>

const models = new WeakMap<Desk, IntakeModel>()

/** One intake model per desk, made on first use. */
export function intakeOf(desk: Desk): IntakeModel {
  let m = models.get(desk)
  if (!m) models.set(desk, (m = createIntakeModel(desk)))
  return m
}
