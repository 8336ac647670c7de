// The event log's wire shape and the live socket's messages. Every state change appends one
// event; its data carries every entity the change touched, presented, so a client applies an
// event by upserting what it holds.
import { z } from 'zod'
import { Id, Timestamp } from './common'
import { Crew } from './crew'
import { Dispatch } from './dispatch'
import { Incident } from './incident'
import { Link } from './link'
import { Organization } from './organization'
import { Resource } from './resource'
import { Site } from './site'
import { User } from './user'
import { Element, SiteDependency } from './element'
import { ApiToken } from './token'
import { Checkin, MissedCheckin, Rollcall } from './rollcall'
import { Assistance } from './assistance'

export const EVENT_TYPES = [
  'incident.reported',
  'incident.updated',
  'incident.status_changed',
  'dispatch.sent',
  'dispatch.status_changed',
  'link.created',
  'link.status_changed',
  'crew.created',
  'crew.updated',
  'crew.status_changed',
  'crew.position_updated',
  'resource.created',
  'resource.updated',
  'resource.status_changed',
  'resource.position_updated',
  'site.created',
  'site.updated',
  'site.status_changed',
  'organization.created',
  'organization.updated',
  'user.created',
  'user.updated',
  'user.logged_in',
  'user.logged_out',
  // Intelligence: timers that fire, and the network sites depend on.
  'dispatch.escalated',
  'dispatch.checked_in',
  'incident.escalated',
  'crew.checkin_missed',
  'element.created',
  'element.updated',
  // Intake: tokens, the report ladder, roll-calls, assistance.
  'token.created',
  'token.revoked',
  'incident.final_reported',
  'incident.final_report_overdue',
  'rollcall.opened',
  'rollcall.closed',
  'rollcall.checked_in',
  'rollcall.missed',
  'assistance.requested',
  'assistance.status_changed',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

export const ENTITY_TYPES = [
  'incident',
  'dispatch',
  'link',
  'crew',
  'resource',
  'site',
  'organization',
  'user',
  'element',
  'token',
  'rollcall',
  'assistance',
] as const
export type EntityType = (typeof ENTITY_TYPES)[number]

export const EventData = z.object({
  incident: Incident.optional(),
  dispatch: Dispatch.optional(),
  crew: Crew.optional(),
  resources: z.array(Resource).optional(),
  link: Link.optional(),
  site: Site.optional(),
  organization: Organization.optional(),
  user: User.optional(),
  element: Element.optional(),
  /** A site's dependencies on network elements, as set by one organisation. */
  dependencies: z.array(SiteDependency).optional(),
  token: ApiToken.optional(),
  rollcall: Rollcall.optional(),
  checkin: Checkin.optional(),
  /** The check-in a 'rollcall.missed' is about. */
  missed: MissedCheckin.optional(),
  assistance: Assistance.optional(),
  /** Escalations: how many times, and why. */
  level: z.number().int().optional(),
  reason: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  note: z.string().optional(),
})
export type EventData = z.infer<typeof EventData>

export const DeskEvent = z
  .object({
    seq: z.number().int().positive(),
    at: Timestamp,
    actorId: Id.nullable(),
    type: z.enum(EVENT_TYPES),
    entityType: z.enum(ENTITY_TYPES),
    entityId: Id,
    incidentId: Id.nullable(),
    drill: z.boolean(),
    data: EventData,
  })
  .meta({ id: 'Event' })
export type DeskEvent = z.infer<typeof DeskEvent>

// Live socket (/api/live). The client says where it is; the server replays, then streams.
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), since: z.number().int().nonnegative() }),
  z.object({ type: z.literal('ping') }),
])
export type ClientMessage = z.infer<typeof ClientMessage>

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), event: DeskEvent }),
  /** Replay is over: everything up to seq has been sent; live events follow. */
  z.object({ type: z.literal('ready'), seq: z.number().int().nonnegative() }),
  /** The gap cannot be replayed: reload the snapshot and subscribe from its seq. */
  z.object({ type: z.literal('reset'), reason: z.string() }),
  z.object({ type: z.literal('pong'), at: Timestamp }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
])
export type ServerMessage = z.infer<typeof ServerMessage>

/** How many missed events the server replays before it asks the client to reload instead. */
export const MAX_REPLAY = 10_000
export const HEARTBEAT_MS = 25_000
