// Coverage by area for the whole province: two reads (areas, and each site's area, kind and
// status) and the pure aggregation the console runs on its live sites.
import type { Db } from '../../db/client'
import { coverageByArea, type CoverageAreaInput, type CoverageReport, type CoverageSiteInput } from '../../shared/coverage'
import { authorize } from '../auth/authorize'
import type { Actor, Deps } from '../context'

const cache = new WeakMap<Db, ReturnType<typeof prepare>>()
function prepare(db: Db) {
  const s = db.$client
  return {
    areas: s.prepare('SELECT id, name, level, parent_id AS parentId FROM areas'),
    sites: s.prepare('SELECT area_id AS areaId, kind, status FROM sites'),
  }
}

export function coverage(db: Db, at: number): CoverageReport {
  let q = cache.get(db)
  if (!q) cache.set(db, (q = prepare(db)))
  // One read transaction, so the areas and the sites are of the same moment.
  const [areas, sites] = db.$client.transaction(() => [q.areas.all(), q.sites.all()])() as [CoverageAreaInput[], CoverageSiteInput[]]
  return { at, areas: coverageByArea(areas, sites) }
}

export function getCoverage(deps: Deps, actor: Actor): CoverageReport {
  authorize(actor, 'coverage.read')
  return coverage(deps.db, deps.clock.now())
}
