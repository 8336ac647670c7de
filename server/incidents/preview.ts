// What an incident would do before it is saved: the sites it would put down or at risk, derived
// exactly as a saved incident would move them, with nothing written. A drill is previewed as if
// it were real, so an exercise shows what it simulates.
import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import { organizations } from '../../db/schema'
import type { IncidentCreate } from '../../shared/incident'
import type { IncidentPreview } from '../../shared/incident-detail'
import type { Actor, Deps } from '../context'
import { invalid } from '../errors'
import { sitesDependingOn } from '../network/state'
import type { SiteStatus } from '../../shared/enums'
import { hypotheticalStatuses, incidentAffects, siteIdsWithin } from '../sites/status'
import { checkIncidentElements } from './elements'
import { reporterOf } from './service'

const RANK: Record<SiteStatus, number> = { on_backup: 0, ok: 0, at_risk: 1, down: 2 }

export function previewIncident(deps: Deps, actor: Actor, input: z.output<typeof IncidentCreate>): IncidentPreview {
  const { scope, organizationId } = reporterOf(actor, input.organizationId)
  const db = deps.db
  if (organizationId !== null && !db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).get()) {
    throw invalid(['organizationId'], 'No such organisation')
  }
  const elements = input.elements ?? []
  checkIncidentElements(db, actor, scope, elements)
  const touched = [...siteIdsWithin(db, input, input.radiusM), ...sitesDependingOn(db, elements.map((e) => e.elementId))]
  const incident = { lat: input.lat, lng: input.lng, radiusM: input.radiusM, services: input.services, organizationId }
  // A site counts when this incident takes a service from it within its radius, or when what it
  // names leaves the site worse off than it is without it; a site on backup stays on backup.
  const outcome = hypotheticalStatuses(db, touched, { incident, elements }).filter(
    (o) => incidentAffects(incident, o.site, o.site.services) || RANK[o.status] > RANK[o.before],
  )
  return {
    down: outcome.filter((o) => o.status === 'down').map((o) => o.site),
    atRisk: outcome.filter((o) => o.status === 'at_risk').map((o) => o.site),
  }
}
