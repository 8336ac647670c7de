// The network elements an incident names: checked (each exists; an enterprise names only its own
// organisation's), stored in the incident's own write, and the sites an incident can move.
import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { incidentElements, networkElements } from '../../db/schema'
import type { IncidentElement } from '../../shared/element'
import type { Scope } from '../../shared/permissions'
import type { Actor } from '../context'
import { invalid } from '../errors'
import { sitesDependingOn } from '../network/state'
import { siteIdsWithin } from '../sites/status'
import type { WriteScope } from '../writer'
import type { IncidentRecord } from './present'

/** 400 naming the first element that does not exist, or is another organisation's for an enterprise. */
export function checkIncidentElements(db: Db, actor: Actor, scope: Scope, list: readonly IncidentElement[]): void {
  if (list.length === 0) return
  const owner = new Map(
    db
      .select({ id: networkElements.id, organizationId: networkElements.organizationId })
      .from(networkElements)
      .where(inArray(networkElements.id, [...new Set(list.map((e) => e.elementId))]))
      .all()
      .map((e) => [e.id, e.organizationId]),
  )
  list.forEach((e, i) => {
    const org = owner.get(e.elementId)
    if (org === undefined || (scope !== 'all' && org !== actor.organizationId)) {
      throw invalid(['elements', i, 'elementId'], scope === 'all' ? 'No such element' : 'No such element of your organisation')
    }
  })
}

export function setIncidentElements(w: WriteScope, incidentId: number, list: readonly IncidentElement[]): void {
  w.db.delete(incidentElements).where(eq(incidentElements.incidentId, incidentId)).run()
  if (list.length > 0) {
    w.db.insert(incidentElements).values(list.map((e) => ({ incidentId, elementId: e.elementId, effect: e.effect }))).run()
  }
}

/**
 * The sites an incident can move: those within its radius, and those depending on an element it
 * names or on anything hanging from one. Give the incident as it was and as it is.
 */
export function sitesTouched(db: Db, ...versions: IncidentRecord[]): number[] {
  const ids = new Set<number>()
  for (const v of versions) for (const id of siteIdsWithin(db, v, v.radiusM)) ids.add(id)
  for (const id of sitesDependingOn(db, versions.flatMap((v) => v.elements.map((e) => e.elementId)))) ids.add(id)
  return [...ids]
}
