import { z } from 'zod'
import { Area } from './area'
import { Timestamp } from './common'
import { Crew } from './crew'
import { Dispatch } from './dispatch'
import { Incident } from './incident'
import { Link } from './link'
import { Organization } from './organization'
import { Resource } from './resource'
import { Site } from './site'
import { User } from './user'
import { Checkin, Rollcall } from './rollcall'
import { Assistance } from './assistance'

export const Me = User.extend({ organizationName: z.string() }).meta({ id: 'Me' })
export type Me = z.infer<typeof Me>

/** Everything a screen needs to start, and the event seq it reflects. */
export const Snapshot = z
  .object({
    seq: z.number().int().nonnegative(),
    at: Timestamp,
    me: Me,
    organizations: z.array(Organization),
    areas: z.array(Area),
    sites: z.array(Site),
    incidents: z.array(Incident),
    crews: z.array(Crew),
    resources: z.array(Resource),
    dispatches: z.array(Dispatch),
    links: z.array(Link),
    /** Open roll-calls and those closed this week, with the check-ins a board shows. */
    rollcalls: z.array(Rollcall),
    checkins: z.array(Checkin),
    /** Assistance requests pending or under way, and those settled this week. */
    assistance: z.array(Assistance),
  })
  .meta({ id: 'Snapshot' })
export type Snapshot = z.infer<typeof Snapshot>
