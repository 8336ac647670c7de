// The console's view state and the lists it derives from the desk: the queue, the summary.
import { computed, signal } from '@preact/signals'
import { OPEN_INCIDENT_STATUSES, SEVERITIES, isOneOf, type IncidentKind, type IncidentStatus } from '../../shared/enums'
import type { Incident } from '../../shared/incident'
import { fold } from '../../shared/text'
import { coverageByArea } from '../../shared/coverage'
import type { Desk } from '../state/desk'

export interface QueueFilters {
  kind: IncidentKind | ''
  areaId: number | 0
  organizationId: number | 0
  status: IncidentStatus | ''
}

/** Higher for worse: SEVERITIES runs from low to critical. */
const severityRank = (i: Incident) => SEVERITIES.indexOf(i.severity)

export function createConsole(desk: Desk) {
  const search = signal('')
  const filters = signal<QueueFilters>({ kind: '', areaId: 0, organizationId: 0, status: '' })
  const selectedId = signal<number | null>(null)
  const cursor = signal(0)
  const dispatchFor = signal<number | null>(null)
  /** The new-incident dialog is open (a report taken by phone). */
  const creating = signal(false)
  const muted = signal(localStorage.getItem('commsdesk.muted') === '1')

  /** The text a search matches against, folded: title, description, area, organisation, id. */
  const haystack = (i: Incident) =>
    fold(
      [
        `#${i.id}`,
        i.title,
        i.description,
        desk.areas.get(i.areaId)?.name ?? '',
        desk.organizations.get(i.organizationId)?.name ?? '',
      ].join(' '),
    )

  const queue = computed(() => {
    const f = filters.value
    const words = fold(search.value).split(/\s+/).filter(Boolean)
    return desk.incidents
      .all()
      .filter((i) => (f.status ? i.status === f.status : isOneOf(OPEN_INCIDENT_STATUSES, i.status)))
      .filter((i) => !f.kind || i.kind === f.kind)
      .filter((i) => !f.areaId || i.areaId === f.areaId)
      .filter((i) => !f.organizationId || i.organizationId === f.organizationId)
      .filter((i) => {
        if (words.length === 0) return true
        const h = haystack(i)
        return words.every((w) => h.includes(w))
      })
      .sort((a, b) => severityRank(b) - severityRank(a) || a.createdAt - b.createdAt)
  })

  const summary = computed(() => {
    const sites = desk.sites.all()
    const count = (s: string) => sites.filter((x) => x.status === s).length
    const open = desk.incidents.all().filter((i) => isOneOf(OPEN_INCIDENT_STATUSES, i.status))
    const waiting = desk.dispatches.all().filter((d) => d.status === 'sent')
    return {
      ok: count('ok'),
      atRisk: count('at_risk'),
      down: count('down'),
      backup: count('on_backup'),
      pollingDown: sites.filter((s) => s.kind === 'polling_station' && s.status === 'down').length,
      bySeverity: SEVERITIES.map((s) => [s, open.filter((i) => i.severity === s).length] as const).reverse(),
      waiting: waiting.length,
      oldestWaiting: waiting.reduce((min, d) => Math.min(min, d.createdAt), Infinity),
    }
  })

  /** Coverage by area from the live sites: the same function as GET /api/coverage. */
  const coverage = computed(() => coverageByArea(desk.areas.all(), desk.sites.all()))

  return {
    search,
    filters,
    selectedId,
    cursor,
    dispatchFor,
    creating,
    muted,
    queue,
    summary,
    coverage,
    select(id: number | null) {
      selectedId.value = id
      if (id !== null) {
        const at = queue.value.findIndex((i) => i.id === id)
        if (at >= 0) cursor.value = at
      }
    },
    toggleMute() {
      muted.value = !muted.value
      localStorage.setItem('commsdesk.muted', muted.value ? '1' : '0')
    },
  }
}

export type ConsoleModel = ReturnType<typeof createConsole>
