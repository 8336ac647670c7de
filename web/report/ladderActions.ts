// The report page's roll-call, final-report and assistance writes. Each puts the answer into the
// desk at once; the live event brings the same row to every other screen.
import type { z } from 'zod'
import { Assistance, type AssistanceCreate } from '../../shared/assistance'
import { Incident, type FinalReportFile } from '../../shared/incident'
import { Checkin, type CheckinFile } from '../../shared/rollcall'
import { api } from '../api/client'
import type { Desk } from '../state/desk'

export async function fileCheckin(desk: Desk, rollcallId: number, body: CheckinFile) {
  const c = await api(Checkin, 'POST', `/rollcalls/${rollcallId}/checkins`, body)
  desk.checkins.upsert(c)
  return c
}

export async function fileFinalReport(desk: Desk, id: number, body: FinalReportFile) {
  const i = await api(Incident, 'POST', `/incidents/${id}/final-report`, body)
  const held = desk.incidents.get(i.id)
  if (!held || held.updatedAt <= i.updatedAt) desk.incidents.upsert(i)
  return i
}

async function keepAssistance(desk: Desk, row: Promise<Assistance>) {
  const a = await row
  const held = desk.assistance.get(a.id)
  if (!held || held.updatedAt <= a.updatedAt) desk.assistance.upsert(a)
  return a
}

export const requestAssistance = (desk: Desk, body: z.input<typeof AssistanceCreate>) =>
  keepAssistance(desk, api(Assistance, 'POST', '/assistance', body))

export const withdrawAssistance = (desk: Desk, id: number) =>
  keepAssistance(desk, api(Assistance, 'POST', `/assistance/${id}/status`, { status: 'cancelled' }))
