import { z } from 'zod'
import { DeskEvent } from './events'
import { Incident } from './incident'
import { Site } from './site'

/** One incident with the sites it takes down and its timeline, read from the event log. */
export const IncidentDetail = z
  .object({ incident: Incident, affectedSites: z.array(Site), timeline: z.array(DeskEvent) })
  .meta({ id: 'IncidentDetail' })
export type IncidentDetail = z.infer<typeof IncidentDetail>

/** What an incident would do before it is saved: the sites it would put down or at risk. */
export const IncidentPreview = z
  .object({ down: z.array(Site), atRisk: z.array(Site) })
  .meta({ id: 'IncidentPreview' })
export type IncidentPreview = z.infer<typeof IncidentPreview>
