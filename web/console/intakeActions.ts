// The console's intake writes: one API call each; the desk updates from the live event that follows.
import { Assistance } from '../../shared/assistance'
import type { z } from 'zod'
import { IncidentCorrelation } from '../../shared/correlation'
import { Incident } from '../../shared/incident'
import { Rollcall, type RollcallOpen } from '../../shared/rollcall'
import type { AssistanceStatusChange } from '../../shared/assistance'
import { api } from '../api/client'

export const loadCorrelation = (id: number) => api(IncidentCorrelation, 'GET', `/incidents/${id}/duplicates`)
/** The one-click merge: the duplicate is cancelled as a duplicate of its master. */
export const mergeInto = (id: number, masterId: number) =>
  api(Incident, 'POST', `/incidents/${id}/status`, { status: 'cancelled', duplicateOf: masterId })
export const openRollcall = (body: z.input<typeof RollcallOpen>) => api(Rollcall, 'POST', '/rollcalls', body)
export const closeRollcall = (id: number) => api(Rollcall, 'POST', `/rollcalls/${id}/close`, {})
export const decideAssistance = (id: number, body: z.input<typeof AssistanceStatusChange>) =>
  api(Assistance, 'POST', `/assistance/${id}/status`, body)
