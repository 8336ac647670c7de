// The crew page's writes: each one calls the API and, on a 2xx, puts the answer into the desk. The
// live event brings the same change (and the crew's new status) a moment later.
import { ClientConfig } from '../../shared/config'
import type { Position } from '../../shared/common'
import { Crew } from '../../shared/crew'
import { Dispatch } from '../../shared/dispatch'
import type { DeclineReason, LinkKind, ResourceKind } from '../../shared/enums'
import { Link } from '../../shared/link'
import type { Resource } from '../../shared/resource'
import { api } from '../api/client'
import type { Desk } from '../state/desk'

export type { ClientConfig }

export function loadConfig(): Promise<ClientConfig> {
  return api(ClientConfig, 'GET', '/config')
}

/** An answer older than what the live stream already brought must not roll the desk back. */
function keepNewest(desk: Desk, d: Dispatch): void {
  const held = desk.dispatches.get(d.id)
  if (!held || held.updatedAt <= d.updatedAt) desk.dispatches.upsert(d)
}

export async function stepDispatch(
  desk: Desk,
  dispatch: Dispatch,
  status: Dispatch['status'],
  position?: Position,
  reason?: DeclineReason,
): Promise<void> {
  const body = { status, ...(reason ? { reason } : {}), ...(position ? { position } : {}) }
  keepNewest(desk, await api(Dispatch, 'POST', `/dispatches/${dispatch.id}/status`, body))
}

const LINK_KIND_OF: Partial<Record<ResourceKind, LinkKind>> = {
  vsat: 'vsat',
  microwave_kit: 'microwave',
  mobile_bts: 'mobile_bts',
  lte_router: 'lte_router',
  satellite_phone: 'satellite_phone',
}

/** The equipment carrying the backup link: the first carried resource able to, else the first. */
export function linkEquipment(carried: Resource[]): { kind: LinkKind; resourceId?: number } {
  const able = carried.find((r) => LINK_KIND_OF[r.kind]) ?? carried[0]
  if (!able) return { kind: 'vsat' }
  return { kind: LINK_KIND_OF[able.kind] ?? 'vsat', resourceId: able.id }
}

export async function bringLinkUp(
  desk: Desk,
  dispatch: Dispatch,
  carried: Resource[],
): Promise<void> {
  if (dispatch.siteId === null) return
  const { kind, resourceId } = linkEquipment(carried)
  const body = {
    siteId: dispatch.siteId,
    kind,
    dispatchId: dispatch.id,
    ...(resourceId ? { resourceId } : {}),
    status: 'up' as const,
  }
  desk.links.upsert(await api(Link, 'POST', '/links', body))
}

export async function sendPosition(desk: Desk, crewId: number, position: Position): Promise<void> {
  desk.crews.upsert(await api(Crew, 'POST', `/crews/${crewId}/position`, position))
}

/** "Still working": the desk's check-in clock starts again. */
export async function checkInDispatch(desk: Desk, d: Dispatch, position?: Position): Promise<void> {
  const updated = await api(Dispatch, 'POST', `/dispatches/${d.id}/checkin`, position ? { position } : {})
  keepNewest(desk, updated)
}
