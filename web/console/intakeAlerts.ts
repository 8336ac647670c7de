// Intake alarms on the console: a roll-call check-in gone missing (one banner for the whole burst a
// due time brings), a final report overdue, a new assistance request.
import { formatTime } from '../common/format'
import { t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { onLiveEvent } from '../state/liveEvents'
import { raise } from './alerts'
import type { ConsoleModel } from './model'

/** A due time brings one miss per enterprise and area at once: they are gathered this long. */
const GATHER_MS = 400

export function watchIntakeAlerts(desk: Desk, model: ConsoleModel): () => void {
  let missed: { seq: number; who: string; dueAt: number }[] = []
  let timer: ReturnType<typeof setTimeout> | null = null
  const flush = () => {
    timer = null
    const list = missed
    missed = []
    if (list.length === 0) return
    const last = list[list.length - 1]!
    const names = [...new Set(list.map((m) => m.who))]
    const text =
      list.length === 1 ? t('rollcall.missedAlarm', { who: last.who }) : t('rollcall.missedMany', { n: list.length, t: formatTime(last.dueAt) })
    raise({ seq: last.seq, incidentId: null, text: names.length <= 2 && list.length > 1 ? `${text}: ${names.join(', ')}` : text }, model.muted.peek())
  }
  // Reading names below subscribes to their collections too: an event is handled once, however often this reruns.
  const stop = onLiveEvent(desk, (e) => {
    const d = e.data
    if (e.type === 'rollcall.missed' && d.missed) {
      missed.push({
        seq: e.seq,
        who: `${desk.organizations.get(d.missed.organizationId)?.name ?? ''} – ${desk.areas.get(d.missed.areaId)?.name ?? ''}`,
        dueAt: d.missed.dueAt,
      })
      timer ??= setTimeout(flush, GATHER_MS)
    } else if (e.type === 'incident.final_report_overdue' && d.incident) {
      raise({ seq: e.seq, incidentId: e.entityId, text: `${t('ladder.overdue')}: #${d.incident.id} ${d.incident.title}` }, model.muted.peek())
    } else if (e.type === 'assistance.requested' && d.assistance) {
      const org = desk.organizations.get(d.assistance.organizationId)?.name ?? ''
      raise({ seq: e.seq, incidentId: d.assistance.incidentId, text: `${t('assistance.requestedAlarm')}: ${org}` }, model.muted.peek())
    }
  })
  return () => {
    stop()
    if (timer) clearTimeout(timer)
  }
}
