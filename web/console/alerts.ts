// A new critical incident flashes and sounds (unless muted). The tone is synthesised: no audio file.
import { effect, signal } from '@preact/signals'
import type { Desk } from '../state/desk'
import type { ConsoleModel } from './model'

export const flashing = signal<number | null>(null)

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
    // No audio device, or autoplay not yet allowed: the flash still shows.
  }
}

export function watchAlerts(desk: Desk, model: ConsoleModel): () => void {
  return effect(() => {
    const e = desk.lastEvent.value
    if (!e || e.type !== 'incident.reported' || e.data.incident?.severity !== 'critical') return
    flashing.value = e.entityId
    setTimeout(() => flashing.value === e.entityId && (flashing.value = null), 6000)
    if (!model.muted.peek()) beep()
  })
}
