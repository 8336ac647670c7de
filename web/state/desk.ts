// The desk model: everything a screen shows, kept current by the snapshot and then the event
// stream. Components read it; they never fetch.
import { batch, signal } from '@preact/signals'
import type { Area } from '../../shared/area'
import type { Crew } from '../../shared/crew'
import type { Dispatch } from '../../shared/dispatch'
import type { DeskEvent } from '../../shared/events'
import type { Incident } from '../../shared/incident'
import type { Link } from '../../shared/link'
import type { Organization } from '../../shared/organization'
import type { Resource } from '../../shared/resource'
import type { Site } from '../../shared/site'
import type { Me, Snapshot } from '../../shared/snapshot'
import type { Assistance } from '../../shared/assistance'
import type { Checkin, Rollcall } from '../../shared/rollcall'
import { collection } from './collection'

export function createDesk() {
  const desk = {
    me: signal<Me | null>(null),
    /** The last event seq applied: the socket resumes from here. */
    seq: signal(0),
    /** Server time minus local time at the last snapshot, for counters. */
    clockSkew: signal(0),
    organizations: collection<Organization>(),
    areas: collection<Area>(),
    sites: collection<Site>(),
    incidents: collection<Incident>(),
    crews: collection<Crew>(),
    resources: collection<Resource>(),
    dispatches: collection<Dispatch>(),
    links: collection<Link>(),
    rollcalls: collection<Rollcall>(),
    checkins: collection<Checkin>(),
    assistance: collection<Assistance>(),
    /** The live events of the last batch applied, in order: alarms and panels read these. */
    liveEvents: signal<readonly DeskEvent[]>([]),

    applySnapshot(s: Snapshot): void {
      desk.me.value = s.me
      desk.clockSkew.value = s.at - Date.now()
      desk.organizations.replace(s.organizations)
      desk.areas.replace(s.areas)
      desk.sites.replace(s.sites)
      desk.incidents.replace(s.incidents)
      desk.crews.replace(s.crews)
      desk.resources.replace(s.resources)
      desk.dispatches.replace(s.dispatches)
      desk.links.replace(s.links)
      desk.rollcalls.replace(s.rollcalls)
      desk.checkins.replace(s.checkins)
      desk.assistance.replace(s.assistance)
      desk.seq.value = s.seq
    },

    /** Applies an event once: one already covered by the seq is ignored. */
    applyEvent(e: DeskEvent): boolean {
      if (e.seq <= desk.seq.value) return false
      const d = e.data
      if (d.incident) desk.incidents.upsert(d.incident)
      if (d.dispatch) desk.dispatches.upsert(d.dispatch)
      if (d.crew) desk.crews.upsert(d.crew)
      if (d.resources) desk.resources.upsert(...d.resources)
      if (d.link) desk.links.upsert(d.link)
      if (d.site) desk.sites.upsert(d.site)
      if (d.organization) desk.organizations.upsert(d.organization)
      if (d.rollcall) desk.rollcalls.upsert(d.rollcall)
      if (d.checkin) desk.checkins.upsert(d.checkin)
      if (d.assistance) desk.assistance.upsert(d.assistance)
      desk.seq.value = e.seq
      return true
    },

    /**
     * Applies the events that arrived together as one change: effects and components run once
     * for the batch, not once per event, so a burst of reports does not freeze the console. A
     * replayed batch (caught up after a reconnect) updates the data but raises no alarm.
     */
    applyBatch(events: readonly DeskEvent[], live: boolean): void {
      batch(() => {
        const applied = events.filter((e) => desk.applyEvent(e))
        if (live && applied.length > 0) desk.liveEvents.value = applied
      })
    },

    /** The server says everything up to seq has been sent: resume from there next time. */
    caughtUp(seq: number): void {
      if (seq > desk.seq.value) desk.seq.value = seq
    },
  }
  return desk
}

export type Desk = ReturnType<typeof createDesk>
