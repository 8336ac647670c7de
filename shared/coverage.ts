// Coverage by area: how many protected sites in each area are ok, at risk, down or on backup, and
// how many polling stations have no working service. One pure function, run by the server for
// GET /api/coverage and by the console on its live sites, so both always agree.
import { z } from 'zod'
import { AREA_LEVELS, type AreaLevel, type SiteKind, type SiteStatus } from './enums'
import { Id, Timestamp } from './common'

const Count = z.number().int().nonnegative()

export const AreaCoverage = z
  .object({
    areaId: Id,
    name: z.string(),
    level: z.enum(AREA_LEVELS),
    parentId: Id.nullable(),
    /** Sites in the area and every area below it. */
    total: Count,
    ok: Count,
    atRisk: Count,
    down: Count,
    onBackup: Count,
    pollingStations: Count,
    /** Polling stations that are down: a service they need has no working path and no backup. */
    pollingNoService: Count,
  })
  .meta({ id: 'AreaCoverage' })
export type AreaCoverage = z.infer<typeof AreaCoverage>

export const CoverageReport = z
  .object({ at: Timestamp, areas: z.array(AreaCoverage) })
  .meta({ id: 'CoverageReport' })
export type CoverageReport = z.infer<typeof CoverageReport>

/** What the aggregation reads of an area and a site: an Area and a Site both fit. */
export interface CoverageAreaInput {
  id: number
  name: string
  level: AreaLevel
  parentId: number | null
}
export interface CoverageSiteInput {
  areaId: number
  kind: SiteKind
  status: SiteStatus
}

const STATUS_FIELD = { ok: 'ok', at_risk: 'atRisk', down: 'down', on_backup: 'onBackup' } as const

/**
 * One row per area, province first, then by name: each site counts in its own area and in every
 * area above it. A site whose area is unknown counts nowhere.
 */
export function coverageByArea(
  areas: readonly CoverageAreaInput[],
  sites: readonly CoverageSiteInput[],
): AreaCoverage[] {
  const rows = new Map<number, AreaCoverage>()
  const parent = new Map<number, number | null>()
  for (const a of areas) {
    parent.set(a.id, a.parentId)
    rows.set(a.id, {
      areaId: a.id,
      name: a.name,
      level: a.level,
      parentId: a.parentId,
      total: 0,
      ok: 0,
      atRisk: 0,
      down: 0,
      onBackup: 0,
      pollingStations: 0,
      pollingNoService: 0,
    })
  }
  // The rows a site in each area counts towards, found once per area.
  const chains = new Map<number, AreaCoverage[]>()
  const chainOf = (areaId: number): AreaCoverage[] => {
    let chain = chains.get(areaId)
    if (chain) return chain
    chain = []
    const seen = new Set<number>()
    for (let id: number | null | undefined = areaId; id != null && !seen.has(id); id = parent.get(id)) {
      seen.add(id)
      const row = rows.get(id)
      if (row) chain.push(row)
    }
    chains.set(areaId, chain)
    return chain
  }
  for (const s of sites) {
    const field = STATUS_FIELD[s.status]
    const polling = s.kind === 'polling_station'
    const cut = polling && s.status === 'down'
    for (const row of chainOf(s.areaId)) {
      row.total++
      row[field]++
      if (polling) row.pollingStations++
      if (cut) row.pollingNoService++
    }
  }
  const rank = (l: AreaLevel) => AREA_LEVELS.indexOf(l)
  return [...rows.values()].sort((a, b) => rank(a.level) - rank(b.level) || a.name.localeCompare(b.name, 'vi'))
}

/** The share of an area's sites that are down or at risk, 0 to 1 (0 for an empty area). */
export function troubleShare(c: Pick<AreaCoverage, 'total' | 'down' | 'atRisk'>): number {
  return c.total === 0 ? 0 : (c.down + c.atRisk) / c.total
}
