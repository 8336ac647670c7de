// In-process fan-out of committed events. Narrow on purpose: a PostgreSQL LISTEN/NOTIFY or Redis
// bus can stand behind the same two methods when the desk runs on several processes.
import type { StoredEvent } from './log'

type Listener = (events: readonly StoredEvent[]) => void

export class EventBus {
  private listeners = new Set<Listener>()

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  publish(events: readonly StoredEvent[]): void {
    if (events.length === 0) return
    for (const fn of this.listeners) fn(events)
  }
}
