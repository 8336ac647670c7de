// Assistance requests (DIRS-like): an enterprise asks the authority for a generator, fuel, site
// access, an escort, national roaming or a frequency, for an incident or a site; the coordinator
// approves (naming the dispatch that delivers, if any) or declines with a reason, then marks it
// fulfilled. The requester may withdraw it until then.
import { and, desc, eq, gte, inArray, or } from 'drizzle-orm'
import type { z } from 'zod'
import { assistanceRequests, sites } from '../../db/schema'
import type { Assistance, AssistanceCreate, AssistanceStatusChange } from '../../shared/assistance'
import type { AssistanceStatus } from '../../shared/enums'
import type { Action } from '../../shared/permissions'
import { ASSISTANCE_TRANSITIONS } from '../../shared/transitions'
import { assertInScope, authorize } from '../auth/authorize'
import type { Actor, Deps } from '../context'
import { conflict, invalid, notFound } from '../errors'
import { dispatchRow } from '../dispatch/present'
import { incidentRow } from '../incidents/present'
import { isOpen } from '../incidents/service'
import type { WriteScope } from '../writer'
import { assistanceRow, presentAssistance, type AssistanceRow } from './present'

type Parsed<T extends z.ZodType> = z.output<T>

export function requestAssistance(deps: Deps, actor: Actor, input: Parsed<typeof AssistanceCreate>): Promise<Assistance> {
  const scope = authorize(actor, 'assistance.request')
  return deps.writer.run(actor.userId, (w) => {
    const incident = input.incidentId != null ? incidentRow(w.db, input.incidentId) : undefined
    if (input.incidentId != null) {
      if (!incident || (scope !== 'all' && incident.organizationId !== actor.organizationId)) {
        throw invalid(['incidentId'], 'No such incident')
      }
      if (!isOpen(incident.status)) throw conflict('incident_not_open', `The incident is ${incident.status}`)
    }
    if (input.siteId != null && !w.db.select({ id: sites.id }).from(sites).where(eq(sites.id, input.siteId)).get()) {
      throw invalid(['siteId'], 'No such site')
    }
    // The authority may log a request taken by phone: it is the incident's organisation's.
    const organizationId = scope === 'all' ? (incident?.organizationId ?? actor.organizationId) : actor.organizationId
    const row = w.db
      .insert(assistanceRequests)
      .values({
        organizationId,
        kind: input.kind,
        status: 'requested',
        incidentId: input.incidentId ?? null,
        siteId: input.siteId ?? null,
        description: input.description,
        requestedBy: actor.userId,
        createdAt: w.now,
        updatedAt: w.now,
        statusChangedAt: w.now,
      })
      .returning()
      .get()
    return log(w, row, 'assistance.requested', incident?.drill ?? false)
  })
}

/** Withdrawing is the requester's; every other step is the authority's decision. */
const actionFor = (to: AssistanceStatus): Action => (to === 'cancelled' ? 'assistance.request' : 'assistance.decide')

export function changeAssistanceStatus(
  deps: Deps,
  actor: Actor,
  id: number,
  input: Parsed<typeof AssistanceStatusChange>,
): Promise<Assistance> {
  const action = actionFor(input.status)
  authorize(actor, action)
  if (input.dispatchId !== undefined && input.status !== 'approved' && input.status !== 'fulfilled') {
    throw invalid(['dispatchId'], 'Only an approval or a fulfilment names the dispatch that delivers')
  }
  return deps.writer.run(actor.userId, (w) => {
    const before = assistanceRow(w.db, id)
    if (!before) throw notFound('Assistance request')
    assertInScope(actor, 'assistance.read', before, 'Assistance request')
    assertInScope(actor, action, before, 'Assistance request')
    if (!ASSISTANCE_TRANSITIONS[before.status].includes(input.status)) {
      throw conflict('invalid_transition', `An assistance request cannot go from ${before.status} to ${input.status}`, {
        from: before.status,
        to: input.status,
      })
    }
    if (input.dispatchId !== undefined) {
      const d = dispatchRow(w.db, input.dispatchId)
      if (!d) throw invalid(['dispatchId'], 'No such dispatch')
      if (before.incidentId !== null && d.incidentId !== before.incidentId) {
        throw invalid(['dispatchId'], 'The dispatch is for another incident')
      }
    }
    const row = w.db
      .update(assistanceRequests)
      .set({
        status: input.status,
        decisionReason: input.reason ?? before.decisionReason,
        dispatchId: input.dispatchId ?? before.dispatchId,
        decidedBy: action === 'assistance.decide' ? actor.userId : before.decidedBy,
        statusChangedAt: w.now,
        updatedAt: w.now,
      })
      .where(and(eq(assistanceRequests.id, id), eq(assistanceRequests.status, before.status)))
      .returning()
      .get()
    if (!row) throw conflict('invalid_transition', 'The request changed meanwhile; reload and try again')
    const drill = row.incidentId !== null ? (incidentRow(w.db, row.incidentId)?.drill ?? false) : false
    return log(w, row, 'assistance.status_changed', drill, before.status, input.reason)
  })
}

function log(
  w: WriteScope,
  row: AssistanceRow,
  type: 'assistance.requested' | 'assistance.status_changed',
  drill: boolean,
  from?: AssistanceStatus,
  note?: string,
): Assistance {
  const assistance = presentAssistance(row)
  const crew = row.dispatchId !== null ? dispatchRow(w.db, row.dispatchId)?.crewId : undefined
  w.append({
    type,
    entityType: 'assistance',
    entityId: row.id,
    incidentId: row.incidentId,
    orgIds: [row.organizationId],
    crewIds: [crew],
    drill,
    data: { assistance, ...(from ? { from, to: row.status } : {}), ...(note ? { note } : {}) },
  })
  return assistance
}

export function listAssistance(deps: Deps, actor: Actor): Assistance[] {
  const scope = authorize(actor, 'assistance.read')
  return deps.db
    .select()
    .from(assistanceRequests)
    .where(scope === 'all' ? undefined : eq(assistanceRequests.organizationId, actor.organizationId))
    .orderBy(desc(assistanceRequests.id))
    .limit(500)
    .all()
    .map(presentAssistance)
}

const WEEK = 7 * 86_400_000

/** For the snapshot: everything still pending or under way, and what was settled this week. */
export function assistanceForSnapshot(deps: Deps, actor: Actor): Assistance[] {
  const scope = authorize(actor, 'assistance.read')
  return deps.db
    .select()
    .from(assistanceRequests)
    .where(
      and(
        or(inArray(assistanceRequests.status, ['requested', 'approved']), gte(assistanceRequests.statusChangedAt, deps.clock.now() - WEEK)),
        scope === 'all' ? undefined : eq(assistanceRequests.organizationId, actor.organizationId),
      ),
    )
    .orderBy(assistanceRequests.id)
    .all()
    .map(presentAssistance)
}
