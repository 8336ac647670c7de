// Who may do what: one table, read by every service and by the UI. A cell is the scope of rows a
// role may act on: every row, its own organisation's, or its own crew's. No cell: forbidden.
import type { Role } from './enums'
import type { EntityType } from './events'

export type Scope = 'all' | 'org' | 'crew'

const staffRead = { admin: 'all', coordinator: 'all', observer: 'all' } as const
const command = { admin: 'all', coordinator: 'all' } as const

export const PERMISSIONS = {
  'snapshot.read': { ...staffRead, enterprise: 'org', crew: 'crew' },
  'incident.read': { ...staffRead, enterprise: 'org', crew: 'crew' },
  'incident.create': { ...command, enterprise: 'org' },
  'incident.update': { ...command, enterprise: 'org' },
  // Status changes are permissions of their own: an enterprise may say its service is back or
  // that its report was a false alarm; only the authority acknowledges, closes and marks duplicates.
  'incident.acknowledge': command,
  'incident.respond': command,
  'incident.mitigate': command,
  'incident.resolve': { ...command, enterprise: 'org' },
  'incident.cancel': { ...command, enterprise: 'org' },
  'incident.close': command,
  'incident.mark_duplicate': command,
  'dispatch.read': { ...staffRead, enterprise: 'org', crew: 'crew' },
  'dispatch.create': command,
  'dispatch.progress': { ...command, crew: 'crew' },
  'dispatch.cancel': command,
  'link.read': { ...staffRead, enterprise: 'org', crew: 'crew' },
  'link.create': { ...command, enterprise: 'org', crew: 'crew' },
  'link.status': { ...command, enterprise: 'org', crew: 'crew' },
  'crew.read': { ...staffRead, enterprise: 'org', crew: 'crew' },
  'crew.create': { ...command, enterprise: 'org' },
  'crew.update': { ...command, enterprise: 'org' },
  'crew.status': { ...command, enterprise: 'org', crew: 'crew' },
  'crew.position': { ...command, enterprise: 'org', crew: 'crew' },
  'resource.read': { ...staffRead, enterprise: 'org', crew: 'crew' },
  'resource.create': { ...command, enterprise: 'org' },
  'resource.update': { ...command, enterprise: 'org' },
  'resource.status': { ...command, enterprise: 'org' },
  'resource.position': { ...command, enterprise: 'org', crew: 'crew' },
  'site.read': { ...staffRead, enterprise: 'all', crew: 'all' },
  'site.write': { admin: 'all' },
  'area.read': { ...staffRead, enterprise: 'all', crew: 'all' },
  'area.write': { admin: 'all' },
  'organization.read': { ...staffRead, enterprise: 'all', crew: 'all' },
  'organization.write': { admin: 'all' },
  'user.read': { admin: 'all' },
  'user.write': { admin: 'all' },
  'audit.verify': { admin: 'all' },
  // Intelligence
  'element.read': { ...staffRead, enterprise: 'org' },
  'element.write': { admin: 'all', enterprise: 'org' },
  'coverage.read': { ...staffRead, enterprise: 'all' },
  'recommendation.read': command,
  // Intake
  'token.read': { admin: 'all', enterprise: 'org' },
  'token.write': { admin: 'all', enterprise: 'org' },
  'incident.final_report': { ...command, enterprise: 'org' },
  'rollcall.read': { ...staffRead, enterprise: 'org' },
  'rollcall.manage': command,
  'rollcall.checkin': { ...command, enterprise: 'org' },
  'assistance.read': { ...staffRead, enterprise: 'org' },
  'assistance.request': { ...command, enterprise: 'org' },
  'assistance.decide': command,
} as const satisfies Record<string, Partial<Record<Role, Scope>>>

export type Action = keyof typeof PERMISSIONS

export function scopeOf(role: Role, action: Action): Scope | null {
  const row: Partial<Record<Role, Scope>> = PERMISSIONS[action]
  return row[role] ?? null
}

export function can(role: Role, action: Action): boolean {
  return scopeOf(role, action) !== null
}

export interface Viewer {
  role: Role
  organizationId: number
  crewId: number | null
}

/** Whether a row owned by (organisation, crew) is within the viewer's scope for this action. */
export function inScope(
  viewer: Viewer,
  action: Action,
  owner: { organizationId: number | null; crewIds?: readonly number[] },
): boolean {
  const scope = scopeOf(viewer.role, action)
  if (scope === 'all') return true
  if (scope === 'org') return owner.organizationId === viewer.organizationId
  if (scope === 'crew') return viewer.crewId !== null && !!owner.crewIds?.includes(viewer.crewId)
  return false
}

/** The read permission that governs who sees events about each kind of entity. */
export const EVENT_READ_ACTION = {
  incident: 'incident.read',
  dispatch: 'dispatch.read',
  link: 'link.read',
  crew: 'crew.read',
  resource: 'resource.read',
  site: 'site.read',
  organization: 'organization.read',
  user: 'user.read',
  element: 'element.read',
  token: 'token.read',
  rollcall: 'rollcall.read',
  assistance: 'assistance.read',
} as const satisfies Record<EntityType, Action>

/**
 * Event visibility follows the same table as reads: the role's scope for reading that kind of
 * entity, applied to the event's audience (the organisations and crews it names).
 */
export function canSeeEvent(
  viewer: Viewer,
  event: { entityType: EntityType; orgIds: readonly number[]; crewIds: readonly number[] },
): boolean {
  const scope = scopeOf(viewer.role, EVENT_READ_ACTION[event.entityType])
  if (scope === 'all') return true
  if (scope === 'org') return event.orgIds.includes(viewer.organizationId)
  if (scope === 'crew') return viewer.crewId !== null && event.crewIds.includes(viewer.crewId)
  return false
}
