import { and, desc, eq, gte, inArray, isNull, notInArray, or } from 'drizzle-orm'
import { dispatches, incidents } from '../../db/schema'
import { ACTIVE_DISPATCH_STATUSES, ACTIVE_LINK_STATUSES } from '../../shared/enums'
import type { Snapshot } from '../../shared/snapshot'
import { authorize } from '../auth/authorize'
import { getMe } from '../auth/service'
import type { Actor, Deps } from '../context'
import { listCrews, listResources } from '../crews/service'
import { getAreas, getOrganizations, getSites } from '../directory/service'
import { presentDispatches } from '../dispatch/present'
import { readHead } from '../events/log'
import { presentIncident, withElements } from '../incidents/present'
import { listLinks } from '../links/service'
import { assistanceForSnapshot } from '../assistance/service'
import { rollcallsForSnapshot } from '../rollcall/service'

/** How long a closed incident without its final report stays in the snapshot. */
const OWED_FOR = 30 * 86_400_000

/**
 * Everything a screen starts from, read in one transaction so that it reflects exactly the event
 * seq it carries: the client then subscribes from that seq and misses nothing.
 */
export function getSnapshot(deps: Deps, actor: Actor): Snapshot {
  const scope = authorize(actor, 'snapshot.read')
  return deps.db.$client.transaction(() => {
    const dispatchWhere =
      scope === 'crew'
        ? eq(dispatches.crewId, actor.crewId ?? -1)
        : inArray(dispatches.status, [...ACTIVE_DISPATCH_STATUSES])
    let dispatchRows = deps.db.select().from(dispatches).where(dispatchWhere).orderBy(desc(dispatches.id)).limit(2000).all()
    const crewList = listCrews(deps, actor)
    if (scope === 'org') {
      const mine = new Set(crewList.map((c) => c.id))
      dispatchRows = dispatchRows.filter((d) => mine.has(d.crewId))
    }
    const dispatched = [...new Set(dispatchRows.map((d) => d.incidentId))]
    const incidentWhere =
      scope === 'crew'
        ? inArray(incidents.id, dispatched)
        : and(
            or(
              notInArray(incidents.status, ['closed', 'cancelled']),
              inArray(incidents.id, dispatched),
              // A closed incident still owing its final report stays on the organisation's list.
              and(eq(incidents.status, 'closed'), isNull(incidents.finalReportAt), gte(incidents.statusChangedAt, deps.clock.now() - OWED_FOR)),
            ),
            scope === 'org' ? eq(incidents.organizationId, actor.organizationId) : undefined,
          )
    return {
      seq: readHead(deps.db).seq,
      at: deps.clock.now(),
      me: getMe(deps, actor.userId),
      organizations: getOrganizations(deps, actor),
      areas: getAreas(deps, actor),
      sites: getSites(deps, actor),
      incidents: withElements(deps.db, deps.db.select().from(incidents).where(incidentWhere).orderBy(incidents.id).all()).map(presentIncident),
      crews: crewList,
      resources: listResources(deps, actor),
      dispatches: presentDispatches(deps.db, dispatchRows.reverse()),
      links: listLinks(deps, actor).filter((l) => (ACTIVE_LINK_STATUSES as readonly string[]).includes(l.status)),
      ...(scope === 'crew' ? { rollcalls: [], checkins: [] } : rollcallsForSnapshot(deps, actor)),
      assistance: scope === 'crew' ? [] : assistanceForSnapshot(deps, actor),
    }
  })()
}
