// The report page's writes. Each calls the API and puts the answer into the desk at once; the live
// event brings the same row a moment later (and to every other screen).
import type { z } from 'zod'
import { Crew, type CrewCreate, type CrewUpdate } from '../../shared/crew'
import type { CrewStatus, ResourceStatus } from '../../shared/enums'
import { Incident, type IncidentCreate, type IncidentUpdate } from '../../shared/incident'
import { Resource, type ResourceCreate, type ResourceUpdate } from '../../shared/resource'
import { api } from '../api/client'
import type { Collection } from '../state/collection'
import type { Desk } from '../state/desk'

type In<T extends z.ZodType> = z.input<T>

/** Holds the answer unless the live stream already brought something newer. */
async function keep<T extends { id: number; updatedAt?: number }>(
  into: Collection<T>,
  row: Promise<T>,
): Promise<T> {
  const r = await row
  const held = into.get(r.id)
  if (
    !held ||
    held.updatedAt === undefined ||
    r.updatedAt === undefined ||
    held.updatedAt <= r.updatedAt
  ) {
    into.upsert(r)
  }
  return r
}

/** The key makes a resend after a lost answer return the same report instead of filing a second. */
export const reportIncident = (desk: Desk, body: IncidentCreate, idempotencyKey: string) =>
  keep(desk.incidents, api(Incident, 'POST', '/incidents', body, { 'idempotency-key': idempotencyKey }))

export const updateIncident = (desk: Desk, id: number, patch: IncidentUpdate) =>
  keep(desk.incidents, api(Incident, 'PATCH', `/incidents/${id}`, patch))

export const markRestored = (desk: Desk, id: number, note: string) =>
  keep(
    desk.incidents,
    api(Incident, 'POST', `/incidents/${id}/status`, { status: 'resolved', note }),
  )

export const addCrew = (desk: Desk, body: In<typeof CrewCreate>) =>
  keep(desk.crews, api(Crew, 'POST', '/crews', body))

export const editCrew = (desk: Desk, id: number, patch: In<typeof CrewUpdate>) =>
  keep(desk.crews, api(Crew, 'PATCH', `/crews/${id}`, patch))

export const setCrewStatus = (desk: Desk, id: number, status: CrewStatus) =>
  keep(desk.crews, api(Crew, 'POST', `/crews/${id}/status`, { status }))

export const addResource = (desk: Desk, body: In<typeof ResourceCreate>) =>
  keep(desk.resources, api(Resource, 'POST', '/resources', body))

export const editResource = (desk: Desk, id: number, patch: In<typeof ResourceUpdate>) =>
  keep(desk.resources, api(Resource, 'PATCH', `/resources/${id}`, patch))

export const setResourceStatus = (desk: Desk, id: number, status: ResourceStatus) =>
  keep(desk.resources, api(Resource, 'POST', `/resources/${id}/status`, { status }))
