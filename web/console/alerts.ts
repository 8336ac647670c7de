// Alarms on the console: a new critical incident, a dispatch nobody acknowledged, a crew gone
// quiet, an incident nobody was sent to. Each flashes a banner and sounds (unless muted).
import { signal } from '@preact/signals'
import { t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { onLiveEvent } from '../state/liveEvents'
import type { ConsoleModel } from './model'

export interface Alarm {
  seq: number
  incidentId: number | null
  text: string
}

export const alarm = signal<Alarm | null>(null)

let audio: AudioContext | null = null
function beep(): void {
  try {
    audio ??= new AudioContext()
    const osc = audio.createOscillator()
    const gain = audio.createGain()
    osc.type = 'square'
    osc.frequency.value = 880
    gain.gain.setValueAtTime(0.08, audio.currentTime)
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.6)
    osc.connect(gain).connect(audio.destination)
    osc.start()
    osc.stop(audio.currentTime + 0.6)
  } catch {
    // No audio device, or autoplay not yet allowed: the banner still shows.
  }
}

export function raise(a: Alarm, muted: boolean): void {
  alarm.value = a
  setTimeout(() => alarm.value?.seq === a.seq && (alarm.value = null), 8000)
  if (!muted) beep()
}

export function watchAlerts(desk: Desk, model: ConsoleModel): () => void {
  return onLiveEvent(desk, (e) => {
    const d = e.data
    const muted = model.muted.peek()
    const title = d.incident ? `#${d.incident.id} ${d.incident.title}` : e.incidentId ? `#${e.incidentId}` : ''
    if (e.type === 'incident.reported' && d.incident?.severity === 'critical') {
      raise({ seq: e.seq, incidentId: e.entityId, text: `${t('incident.newCritical')}: ${title}` }, muted)
    } else if (e.type === 'dispatch.escalated') {
      const crew = desk.crews.get(d.dispatch?.crewId)?.name ?? ''
      const why = d.reason === 'no_progress' ? 'escalation.no_progress' : 'escalation.no_ack'
      raise({ seq: e.seq, incidentId: e.incidentId, text: `${t(why, { n: d.level ?? 1 })}: ${crew} · ${title}` }, muted)
    } else if (e.type === 'crew.checkin_missed') {
      raise({ seq: e.seq, incidentId: e.incidentId, text: `${t('escalation.checkin')}: ${d.crew?.name ?? ''}` }, muted)
    } else if (e.type === 'incident.escalated') {
      raise({ seq: e.seq, incidentId: e.entityId, text: `${t('escalation.no_dispatch', { n: d.level ?? 1 })}: ${title}` }, muted)
    }
  })
}
