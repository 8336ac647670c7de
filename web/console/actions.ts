// The console's writes: one API call each; the desk updates from the live event that follows.
import { Dispatch } from '../../shared/dispatch'
import type { DispatchCreate } from '../../shared/dispatch'
import { Incident, type IncidentStatusChange } from '../../shared/incident'
import { IncidentDetail } from '../../shared/incident-detail'
import { Recommendations } from '../../shared/recommendation'
import { api } from '../api/client'

export const loadIncident = (id: number) => api(IncidentDetail, 'GET', `/incidents/${id}`)
export const changeIncidentStatus = (id: number, body: IncidentStatusChange) =>
  api(Incident, 'POST', `/incidents/${id}/status`, body)
export const sendDispatch = (body: DispatchCreate) => api(Dispatch, 'POST', '/dispatches', body)
export const cancelDispatch = (id: number, reason: string) =>
  api(Dispatch, 'POST', `/dispatches/${id}/status`, { status: 'cancelled', reason })

export const loadRecommendations = (incidentId: number, siteId: number | null) =>
  api(Recommendations, 'GET', `/incidents/${incidentId}/recommendations${siteId ? `?siteId=${siteId}` : ''}`)
