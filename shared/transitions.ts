// Allowed status changes, one table per entity. Services enforce them with conditional writes.
import type { AssistanceStatus, DispatchStatus, IncidentStatus, LinkStatus } from './enums'

export const INCIDENT_TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  // A dispatch may go out before anyone pressed "acknowledge": it acknowledges by itself.
  reported: ['acknowledged', 'responding', 'resolved', 'cancelled'],
  acknowledged: ['responding', 'mitigated', 'resolved', 'cancelled'],
  responding: ['mitigated', 'resolved', 'cancelled'],
  // A backup link that drops sends a mitigated incident back to responding.
  mitigated: ['responding', 'resolved', 'cancelled'],
  resolved: ['closed'],
  closed: [],
  cancelled: [],
}

export const DISPATCH_TRANSITIONS: Record<DispatchStatus, readonly DispatchStatus[]> = {
  sent: ['acknowledged', 'declined', 'cancelled'],
  acknowledged: ['en_route', 'cancelled'],
  en_route: ['on_site', 'cancelled'],
  on_site: ['completed', 'cancelled'],
  completed: [],
  declined: [],
  cancelled: [],
}

export const LINK_TRANSITIONS: Record<LinkStatus, readonly LinkStatus[]> = {
  planned: ['establishing', 'up', 'released'],
  establishing: ['up', 'down', 'released'],
  up: ['down', 'released'],
  down: ['up', 'establishing', 'released'],
  released: [],
}

// Requested help is decided by the authority, then delivered; the requester may withdraw it
// until it is delivered.
export const ASSISTANCE_TRANSITIONS: Record<AssistanceStatus, readonly AssistanceStatus[]> = {
  requested: ['approved', 'declined', 'cancelled'],
  approved: ['fulfilled', 'cancelled'],
  fulfilled: [],
  declined: [],
  cancelled: [],
}

/** The one next step a crew takes on its phone, or null when the dispatch is over. */
export function nextCrewStep(status: DispatchStatus): DispatchStatus | null {
  const next: Partial<Record<DispatchStatus, DispatchStatus>> = {
    sent: 'acknowledged',
    acknowledged: 'en_route',
    en_route: 'on_site',
    on_site: 'completed',
  }
  return next[status] ?? null
}
