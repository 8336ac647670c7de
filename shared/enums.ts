// Every status and kind word of the domain, written once. zod, drizzle and the UI labels read these.

export const ROLES = ['admin', 'coordinator', 'observer', 'enterprise', 'crew'] as const
export type Role = (typeof ROLES)[number]
/** Roles that see the whole province. */
export const STAFF_ROLES = ['admin', 'coordinator', 'observer'] as const satisfies readonly Role[]

export const ORG_KINDS = ['authority', 'telecom', 'postal', 'election_committee', 'other'] as const
export type OrgKind = (typeof ORG_KINDS)[number]

export const AREA_LEVELS = ['province', 'district', 'commune'] as const
export type AreaLevel = (typeof AREA_LEVELS)[number]

export const SERVICES = ['mobile', 'fixed', 'internet', 'satellite', 'postal'] as const
export type Service = (typeof SERVICES)[number]

export const SITE_KINDS = [
  'polling_station',
  'election_committee',
  'command_centre',
  'counting_centre',
  'post_office',
] as const
export type SiteKind = (typeof SITE_KINDS)[number]

export const SITE_STATUSES = ['ok', 'at_risk', 'down', 'on_backup'] as const
export type SiteStatus = (typeof SITE_STATUSES)[number]

export const INCIDENT_KINDS = [
  'outage',
  'degradation',
  'congestion',
  'crowd_event',
  'network_misuse',
  'postal_disruption',
  'security_threat',
] as const
export type IncidentKind = (typeof INCIDENT_KINDS)[number]

export const INCIDENT_CAUSES = [
  'power',
  'transmission',
  'equipment',
  'damage',
  'weather',
  'traffic',
  'human',
  'unknown',
] as const
export type IncidentCause = (typeof INCIDENT_CAUSES)[number]

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

export const INCIDENT_STATUSES = [
  'reported',
  'acknowledged',
  'responding',
  'mitigated',
  'resolved',
  'closed',
  'cancelled',
] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]
/** Statuses in which an incident still affects sites and can take dispatches. */
export const OPEN_INCIDENT_STATUSES = [
  'reported',
  'acknowledged',
  'responding',
  'mitigated',
] as const satisfies readonly IncidentStatus[]

export const INCIDENT_SOURCES = ['form', 'api', 'csv', 'phone', 'plan', 'drill'] as const
export type IncidentSource = (typeof INCIDENT_SOURCES)[number]

export const CREW_STATUSES = [
  'available',
  'dispatched',
  'en_route',
  'on_site',
  'returning',
  'off_duty',
] as const
export type CrewStatus = (typeof CREW_STATUSES)[number]
/** What a crew or a coordinator may set by hand; the rest follows the crew's dispatches. */
export const CREW_MANUAL_STATUSES = ['available', 'off_duty'] as const satisfies readonly CrewStatus[]

export const CREW_SKILLS = ['vsat', 'microwave', 'fibre', 'power', 'mobile_bts', 'postal'] as const
export type CrewSkill = (typeof CREW_SKILLS)[number]

export const RESOURCE_KINDS = [
  'mobile_bts',
  'vsat',
  'microwave_kit',
  'generator',
  'fibre_van',
  'satellite_phone',
  'lte_router',
  'postal_vehicle',
] as const
export type ResourceKind = (typeof RESOURCE_KINDS)[number]

export const RESOURCE_STATUSES = ['available', 'assigned', 'maintenance'] as const
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number]
export const RESOURCE_MANUAL_STATUSES = ['available', 'maintenance'] as const satisfies readonly ResourceStatus[]

export const DISPATCH_STATUSES = [
  'sent',
  'acknowledged',
  'en_route',
  'on_site',
  'completed',
  'declined',
  'cancelled',
] as const
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number]
export const ACTIVE_DISPATCH_STATUSES = [
  'sent',
  'acknowledged',
  'en_route',
  'on_site',
] as const satisfies readonly DispatchStatus[]

export const DECLINE_REASONS = ['busy', 'too_far', 'no_equipment', 'unsafe', 'other'] as const
export type DeclineReason = (typeof DECLINE_REASONS)[number]

export const LINK_KINDS = [
  'vsat',
  'microwave',
  'mobile_bts',
  'lte_router',
  'fibre_reroute',
  'satellite_phone',
  'national_roaming',
] as const
export type LinkKind = (typeof LINK_KINDS)[number]

export const LINK_STATUSES = ['planned', 'establishing', 'up', 'down', 'released'] as const
export type LinkStatus = (typeof LINK_STATUSES)[number]
export const ACTIVE_LINK_STATUSES = [
  'planned',
  'establishing',
  'up',
  'down',
] as const satisfies readonly LinkStatus[]

// Network elements that protected sites depend on (issue "Intelligence").
export const ELEMENT_KINDS = [
  'cell_site',
  'transmission_link',
  'transmission_node',
  'exchange',
  'power_feed',
  'post_office',
  'postal_route',
] as const
export type ElementKind = (typeof ELEMENT_KINDS)[number]

export const TRANSMISSION_MEDIA = ['fibre', 'microwave', 'submarine', 'satellite', 'copper'] as const
export type TransmissionMedium = (typeof TRANSMISSION_MEDIA)[number]

export const POWER_SOURCES = ['grid', 'grid_battery', 'generator', 'solar'] as const
export type PowerSource = (typeof POWER_SOURCES)[number]

export const DEPENDENCY_ROLES = ['primary', 'secondary'] as const
export type DependencyRole = (typeof DEPENDENCY_ROLES)[number]

/** What an incident does to a network element it names. */
export const ELEMENT_EFFECTS = ['down', 'degraded'] as const
export type ElementEffect = (typeof ELEMENT_EFFECTS)[number]

export const AREA_TYPES = ['urban', 'rural', 'island'] as const
export type AreaType = (typeof AREA_TYPES)[number]

/** Stored timers: each fires once, survives a restart. */
export const DEADLINE_KINDS = [
  'dispatch_ack',
  'dispatch_progress',
  'incident_unassigned',
  'crew_checkin',
  'rollcall_period',
  'final_report',
] as const
export type DeadlineKind = (typeof DEADLINE_KINDS)[number]

// Intake at operator scale (issue "Intake").
export const ASSISTANCE_KINDS = [
  'generator',
  'fuel',
  'site_access',
  'security_escort',
  'national_roaming',
  'frequency',
] as const
export type AssistanceKind = (typeof ASSISTANCE_KINDS)[number]

export const ASSISTANCE_STATUSES = ['requested', 'approved', 'fulfilled', 'declined', 'cancelled'] as const
export type AssistanceStatus = (typeof ASSISTANCE_STATUSES)[number]

export const ROLLCALL_CADENCES = ['daily', 'hourly'] as const
export type RollcallCadence = (typeof ROLLCALL_CADENCES)[number]

export const REPORT_STAGES = ['notification', 'update', 'final'] as const
export type ReportStage = (typeof REPORT_STAGES)[number]

/** Where one enterprise's check-in for one area and period stands on the roll-call board. */
export const CHECKIN_STATES = ['on_time', 'late', 'missing', 'pending'] as const
export type CheckinState = (typeof CHECKIN_STATES)[number]

export const LOCALES = ['vi', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value)
}
