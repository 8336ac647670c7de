import { z } from 'zod'
import { DeskEvent } from './events'
import { Incident } from './incident'
import { Site } from './site'

/** One incident with the sites it takes down and its timeline, read from the event log. */
export const IncidentDetail = z
  .object({ incident: Incident, affectedSites: z.array(Site), timeline: z.array(DeskEvent) })
  .meta({ id: 'IncidentDetail' })
export type IncidentDetail = z.infer<typeof IncidentDetail>
