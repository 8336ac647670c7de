// Which reports are probably the same fault, and which faults are probably one event.
// De-duplication proposes: a later report from the same organisation, of the same kind, near an
// open incident in place and time, is probably a second report of it; the coordinator merges it
// with one click (the existing duplicate cancel). Correlation only groups: reports from different
// operators near the same place and time are shown together and never merged. Pure functions, so
// the console computes both live from the desk and the server answers with the same rules.
import { z } from 'zod'
import { OPEN_INCIDENT_STATUSES, isOneOf } from './enums'
import { distanceM } from './geo'
import { Incident } from './incident'

export interface Nearness {
  metres: number
  minutes: number
}

export interface Thresholds {
  duplicate: Nearness
  correlate: Nearness
}

type Report = Pick<Incident, 'id' | 'kind' | 'organizationId' | 'lat' | 'lng' | 'createdAt' | 'status' | 'drill'>

const isOpen = (i: Report) => isOneOf(OPEN_INCIDENT_STATUSES, i.status)

function near(a: Report, b: Report, n: Nearness): boolean {
  return Math.abs(a.createdAt - b.createdAt) <= n.minutes * 60_000 && distanceM(a, b) <= n.metres
}

/**
 * Reports bucketed by kind and a grid cell at least `metres` wide, so the neighbours of a report
 * are found in its own and the eight cells around it: linear, not one pass per pair, for the
 * thousands of open reports of a storm day.
 */
function grid<T extends Report>(list: readonly T[], metres: number) {
  const dLat = metres / 111_320
  // A degree of longitude is shorter away from the equator; cells twice as wide stay wide enough
  // up to 60° of latitude.
  const dLng = dLat * 2
  const cell = (r: Report) => [Math.floor(r.lat / dLat), Math.floor(r.lng / dLng)] as const
  const buckets = new Map<string, T[]>()
  for (const r of list) {
    const [y, x] = cell(r)
    const key = `${r.kind}|${y}|${x}`
    const b = buckets.get(key)
    if (b) b.push(r)
    else buckets.set(key, [r])
  }
  return (r: Report): T[] => {
    const [y, x] = cell(r)
    const out: T[] = []
    for (let i = -1; i <= 1; i++) for (let j = -1; j <= 1; j++) out.push(...(buckets.get(`${r.kind}|${y + i}|${x + j}`) ?? []))
    return out
  }
}

/** For every open report, the earlier open reports it probably repeats, nearest first. */
export function mastersOf<T extends Report>(all: readonly T[], n: Nearness): Map<number, T[]> {
  const open = all.filter(isOpen)
  const around = grid(open, n.metres)
  const out = new Map<number, T[]>()
  for (const i of open) {
    const masters = around(i).filter((o) => isProbableDuplicate(i, o, n))
    if (masters.length > 0) out.set(i.id, byDistance(i, masters))
  }
  return out
}

/** Whether b came before a: the earlier report is the master. */
const before = (b: Report, a: Report) => b.createdAt < a.createdAt || (b.createdAt === a.createdAt && b.id < a.id)

/** Whether `later` is probably a second report of what `earlier` already stands for. */
export function isProbableDuplicate(later: Report, earlier: Report, n: Nearness): boolean {
  return (
    later.id !== earlier.id &&
    later.organizationId !== null &&
    later.organizationId === earlier.organizationId &&
    later.kind === earlier.kind &&
    later.drill === earlier.drill &&
    isOpen(later) &&
    isOpen(earlier) &&
    before(earlier, later) &&
    near(later, earlier, n)
  )
}

const byDistance = <T extends Report>(from: Report, list: T[]) =>
  list.sort((a, b) => distanceM(from, a) - distanceM(from, b) || a.id - b.id)

/** The open incidents this one probably repeats (masters), and those that probably repeat it. */
export function duplicateCandidates<T extends Report>(incident: Report, all: readonly T[], n: Nearness): { masters: T[]; duplicates: T[] } {
  return {
    masters: byDistance(incident, all.filter((o) => isProbableDuplicate(incident, o, n))),
    duplicates: byDistance(incident, all.filter((o) => isProbableDuplicate(o, incident, n))),
  }
}

function correlates(a: Report, b: Report, n: Nearness): boolean {
  return (
    a.id !== b.id &&
    a.organizationId !== null &&
    b.organizationId !== null &&
    a.organizationId !== b.organizationId &&
    a.kind === b.kind &&
    a.drill === b.drill &&
    isOpen(a) &&
    isOpen(b) &&
    near(a, b, n)
  )
}

/** Other operators' open reports of the same kind near this one in place and time. */
export function correlatedWith<T extends Report>(incident: Report, all: readonly T[], n: Nearness): T[] {
  return byDistance(incident, all.filter((o) => correlates(incident, o, n)))
}

export interface Correlation<T extends Report = Report> {
  kind: T['kind']
  incidents: T[]
  organizationIds: number[]
  /** The middle of the group, to name the place. */
  lat: number
  lng: number
}

/**
 * Groups of open reports from at least two operators, linked pairwise by nearness (so a chain of
 * reports along a road is one group). Sorted by time, then scanned only within the time window.
 */
export function correlationGroups<T extends Report>(all: readonly T[], n: Nearness): Correlation<T>[] {
  const open = all.filter((i) => isOpen(i) && i.organizationId !== null).sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)
  const parent = open.map((_, i) => i)
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)))
  const index = new Map(open.map((r, i) => [r, i] as const))
  const around = grid(open, n.metres)
  open.forEach((a, i) => {
    for (const b of around(a)) if (correlates(a, b, n)) parent[root(index.get(b)!)] = root(i)
  })
  const groups = new Map<number, T[]>()
  open.forEach((inc, i) => {
    const r = root(i)
    groups.set(r, [...(groups.get(r) ?? []), inc])
  })
  const out: Correlation<T>[] = []
  for (const list of groups.values()) {
    const organizationIds = [...new Set(list.map((i) => i.organizationId!))].sort((a, b) => a - b)
    if (organizationIds.length < 2) continue
    out.push({
      kind: list[0]!.kind,
      incidents: list,
      organizationIds,
      lat: list.reduce((s, i) => s + i.lat, 0) / list.length,
      lng: list.reduce((s, i) => s + i.lng, 0) / list.length,
    })
  }
  return out.sort((a, b) => b.organizationIds.length - a.organizationIds.length || a.incidents[0]!.createdAt - b.incidents[0]!.createdAt)
}

/** GET /incidents/:id/duplicates: what the console proposes for one incident. */
export const IncidentCorrelation = z
  .object({
    /** Earlier open reports this one probably repeats: merge it into one of them. */
    masters: z.array(Incident),
    /** Later open reports that probably repeat this one. */
    duplicates: z.array(Incident),
    /** Other operators' reports near it in place and time: shown together, never merged. */
    correlated: z.array(Incident),
    /** Reports already merged into this one. */
    merged: z.array(Incident),
  })
  .meta({ id: 'IncidentCorrelation' })
export type IncidentCorrelation = z.infer<typeof IncidentCorrelation>
