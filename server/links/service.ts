import { and, eq, inArray, ne } from 'drizzle-orm'
import type { z } from 'zod'
import type { Db } from '../../db/client'
import { crews, dispatches, links, resources, sites, siteServices } from '../../db/schema'
import type { Link, LinkCreate, LinkStatusChange } from '../../shared/link'
import { LINK_TRANSITIONS } from '../../shared/transitions'
import { assertInScope, authorize } from '../auth/authorize'
import type { Actor, Deps } from '../context'
import { conflict, invalid, notFound } from '../errors'
import { dispatchRow, presentLink, type LinkRow } from '../dispatch/present'
import { affectedSites, incidentOwner, moveIncident } from '../incidents/service'
import { incidentRow, presentIncident, type IncidentRecord } from '../incidents/present'
import { recomputeSites } from '../sites/status'
import type { WriteScope } from '../writer'

type Parsed<T extends z.ZodType> = z.output<T>

function linkCrews(db: Db, row: { dispatchId: number | null }): number[] {
  if (row.dispatchId === null) return []
  const d = dispatchRow(db, row.dispatchId)
  return d ? [d.crewId] : []
}

/**
 * Backup links up for every site the incident takes down mitigate it; a link that drops or is
 * released while a site still needs it sends the incident back to responding.
 */
function followIncident(w: WriteScope, incidentId: number | null): { before: IncidentRecord; after: IncidentRecord } | null {
  if (incidentId === null) return null
  const before = incidentRow(w.db, incidentId)
  if (!before) return null
  const needing = affectedSites(w.db, before).map((s) => s.id)
  const covered = new Set(
    needing.length === 0
      ? []
      : w.db
          .select({ siteId: links.siteId })
          .from(links)
          .where(and(inArray(links.siteId, needing), eq(links.status, 'up')))
          .all()
          .map((r) => r.siteId),
  )
  const anyUp = w.db
    .select({ id: links.id })
    .from(links)
    .where(and(eq(links.incidentId, incidentId), eq(links.status, 'up')))
    .get()
  const allCovered = needing.length > 0 ? needing.every((id) => covered.has(id)) : !!anyUp
  let to: IncidentRecord['status'] | null = null
  if (allCovered && (before.status === 'acknowledged' || before.status === 'responding')) to = 'mitigated'
  if (!allCovered && before.status === 'mitigated') to = 'responding'
  if (!to) return null
  return { before, after: moveIncident(w, before, to) }
}

export function createLink(deps: Deps, actor: Actor, input: Parsed<typeof LinkCreate>): Promise<Link> {
  const scope = authorize(actor, 'link.create')
  return deps.writer.run(actor.userId, (w) => {
    if (!w.db.select({ id: sites.id }).from(sites).where(eq(sites.id, input.siteId)).get()) {
      throw invalid(['siteId'], 'No such site')
    }
    let incidentId = input.incidentId ?? null
    let organizationId: number | null = scope === 'org' ? actor.organizationId : null
    if (input.dispatchId != null) {
      const d = dispatchRow(w.db, input.dispatchId)
      if (!d) throw invalid(['dispatchId'], 'No such dispatch')
      const crew = w.db.select().from(crews).where(eq(crews.id, d.crewId)).get()!
      assertInScope(actor, 'link.create', { organizationId: crew.organizationId, crewIds: [d.crewId] }, 'Dispatch')
      if (incidentId !== null && incidentId !== d.incidentId) {
        throw invalid(['incidentId'], 'The dispatch belongs to another incident')
      }
      incidentId = d.incidentId
      organizationId ??= crew.organizationId
      if (scope === 'crew' && d.siteId !== null && d.siteId !== input.siteId) {
        throw invalid(['siteId'], 'The dispatch is for another site')
      }
      // A retried tap must not bring up a second link: the one already there answers.
      const existing = w.db
        .select()
        .from(links)
        .where(and(eq(links.dispatchId, d.id), eq(links.siteId, input.siteId), ne(links.status, 'released')))
        .get()
      if (existing?.status === input.status) return presentLink(existing)
      if (existing) {
        throw conflict('conflict', 'This dispatch already has a link at this site; change its status instead', { linkId: existing.id })
      }
    } else if (scope === 'crew') {
      throw invalid(['dispatchId'], 'A crew brings up links for one of its dispatches')
    }
    if (incidentId !== null) {
      const inc = incidentRow(w.db, incidentId)
      if (!inc) throw invalid(['incidentId'], 'No such incident')
      if (scope === 'org') assertInScope(actor, 'incident.read', incidentOwner(w.db, inc), 'Incident')
      organizationId ??= inc.organizationId
    }
    // An operator backs up only the sites it serves: its link must not hide another's outage.
    if (scope === 'org' && !w.db.select().from(siteServices).where(and(eq(siteServices.siteId, input.siteId), eq(siteServices.organizationId, actor.organizationId))).get()) {
      throw invalid(['siteId'], 'Your organisation does not serve this site')
    }
    if (input.resourceId != null) {
      const r = w.db.select().from(resources).where(eq(resources.id, input.resourceId)).get()
      if (!r) throw invalid(['resourceId'], 'No such resource')
      if (scope === 'org' && r.organizationId !== actor.organizationId) throw invalid(['resourceId'], 'No such resource')
    }
    const row = w.db
      .insert(links)
      .values({
        siteId: input.siteId,
        kind: input.kind,
        status: input.status,
        organizationId,
        incidentId,
        dispatchId: input.dispatchId ?? null,
        resourceId: input.resourceId ?? null,
        createdAt: w.now,
        updatedAt: w.now,
        statusChangedAt: w.now,
      })
      .returning()
      .get()
    return logLink(w, row, 'link.created', null)
  })
}

export function changeLinkStatus(
  deps: Deps,
  actor: Actor,
  id: number,
  input: Parsed<typeof LinkStatusChange>,
): Promise<Link> {
  authorize(actor, 'link.status')
  return deps.writer.run(actor.userId, (w) => {
    const before = w.db.select().from(links).where(eq(links.id, id)).get()
    if (!before) throw notFound('Link')
    assertInScope(actor, 'link.read', { organizationId: before.organizationId, crewIds: linkCrews(w.db, before) }, 'Link')
    assertInScope(actor, 'link.status', { organizationId: before.organizationId, crewIds: linkCrews(w.db, before) }, 'Link')
    if (!LINK_TRANSITIONS[before.status].includes(input.status)) {
      throw conflict('invalid_transition', `A link cannot go from ${before.status} to ${input.status}`, {
        from: before.status,
        to: input.status,
      })
    }
    const row = w.db
      .update(links)
      .set({ status: input.status, statusChangedAt: w.now, updatedAt: w.now })
      .where(and(eq(links.id, id), eq(links.status, before.status)))
      .returning()
      .get()
    if (!row) throw conflict('invalid_transition', 'The link changed meanwhile; reload and try again')
    return logLink(w, row, 'link.status_changed', before.status)
  })
}

function logLink(w: WriteScope, row: LinkRow, type: 'link.created' | 'link.status_changed', from: string | null): Link {
  w.later(() => recomputeSites(w, [row.siteId]))
  const moved = followIncident(w, row.incidentId)
  const link = presentLink(row)
  const incident = moved?.after ?? (row.incidentId ? incidentRow(w.db, row.incidentId) : undefined)
  w.append({
    type,
    entityType: 'link',
    entityId: row.id,
    incidentId: row.incidentId,
    orgIds: [row.organizationId, incident?.organizationId],
    crewIds: linkCrews(w.db, row),
    drill: incident?.drill ?? false,
    data: {
      link,
      ...(moved ? { incident: presentIncident(moved.after) } : {}),
      ...(from ? { from, to: row.status } : {}),
    },
  })
  return link
}

export function listLinks(deps: Deps, actor: Actor): Link[] {
  const scope = authorize(actor, 'link.read')
  const rows = deps.db.select().from(links).orderBy(links.id).all()
  if (scope === 'all') return rows.map(presentLink)
  const myDispatches =
    scope === 'crew'
      ? new Set(
          deps.db
            .select({ id: dispatches.id })
            .from(dispatches)
            .where(eq(dispatches.crewId, actor.crewId ?? -1))
            .all()
            .map((d) => d.id),
        )
      : new Set<number>()
  return rows
    .filter((r) => (scope === 'org' ? r.organizationId === actor.organizationId : r.dispatchId !== null && myDispatches.has(r.dispatchId)))
    .map(presentLink)
}
