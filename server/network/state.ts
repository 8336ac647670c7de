// The state of network elements, derived: an element is down when an open incident (not a drill)
// names it with effect down, or when anything it hangs from (upstream_id, up to the root) is down;
// degraded likewise. Both walks run inside SQLite as recursive queries over the upstream index, so
// their cost follows the size of the subtrees involved, not of the network.
import type { Db } from '../../db/client'
import { OPEN_INCIDENT_STATUSES, type ElementEffect } from '../../shared/enums'
import { sqlIn } from '../sql'
import type { IncidentElement } from '../../shared/element'

const OPEN = sqlIn(OPEN_INCIDENT_STATUSES)

const cache = new WeakMap<Db, ReturnType<typeof prepare>>()
function prepare(db: Db) {
  const s = db.$client
  return {
    // Named by open incidents (plus any hypothetical naming passed as JSON), then every element
    // below them. 'down' sorts after 'degraded', so MAX keeps the worse effect.
    states: s.prepare(
      `WITH RECURSIVE
         named(id, effect) AS (
           SELECT ie.element_id, ie.effect FROM incident_elements ie
             JOIN incidents i ON i.id = ie.incident_id
            WHERE i.status IN ${OPEN} AND i.drill = 0
           UNION ALL
           SELECT json_extract(value, '$.elementId'), json_extract(value, '$.effect') FROM json_each(?)
         ),
         hit(id, effect) AS (
           SELECT id, effect FROM named
           UNION
           SELECT e.id, hit.effect FROM network_elements e JOIN hit ON e.upstream_id = hit.id
         )
       SELECT id, MAX(effect) AS effect FROM hit GROUP BY id`,
    ),
    dependents: s.prepare(
      `WITH RECURSIVE sub(id) AS (
         SELECT value FROM json_each(?)
         UNION
         SELECT e.id FROM network_elements e JOIN sub ON e.upstream_id = sub.id
       )
       SELECT DISTINCT site_id AS id FROM site_dependencies WHERE element_id IN (SELECT id FROM sub)`,
    ),
    ancestors: s.prepare(
      `WITH RECURSIVE up(id) AS (
         SELECT ?
         UNION
         SELECT e.upstream_id FROM network_elements e JOIN up ON e.id = up.id WHERE e.upstream_id IS NOT NULL
       )
       SELECT id FROM up`,
    ),
  }
}
export function networkStatements(db: Db) {
  let s = cache.get(db)
  if (!s) cache.set(db, (s = prepare(db)))
  return s
}

/**
 * Every element that is not ok, with its state. `extra` names elements as a hypothetical incident
 * would (the preview), without writing anything.
 */
export function elementStates(db: Db, extra: readonly IncidentElement[] = []): Map<number, ElementEffect> {
  const rows = networkStatements(db).states.all(JSON.stringify(extra)) as { id: number; effect: ElementEffect }[]
  return new Map(rows.map((r) => [r.id, r.effect]))
}

/** The sites that depend on any of these elements or on anything hanging from them. */
export function sitesDependingOn(db: Db, elementIds: Iterable<number>): number[] {
  const ids = [...new Set(elementIds)]
  if (ids.length === 0) return []
  return (networkStatements(db).dependents.all(JSON.stringify(ids)) as { id: number }[]).map((r) => r.id)
}

/** The element and everything it hangs from (a loop ends the walk). */
export function ancestorsOf(db: Db, id: number): number[] {
  return (networkStatements(db).ancestors.all(id) as { id: number }[]).map((r) => r.id)
}
