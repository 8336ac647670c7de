// The live socket with resume: subscribe from the last applied seq, apply what arrives once, and
// on any drop reconnect with backoff and resume from where the desk is. A 'reset' reloads the
// snapshot. The state signal drives the "Trực tuyến / Đang kết nối lại…" indicator.
import { signal } from '@preact/signals'
import { ServerMessage, type DeskEvent } from '../../shared/events'

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'reloading'

export interface LiveOptions {
  seq(): number
  /** Events that arrived together; live is false for those replayed before 'ready'. */
  apply(events: readonly DeskEvent[], live: boolean): void
  /** Replay is over at this seq, even if the last events were not this user's to see. */
  ready(seq: number): void
  /** Reloads the snapshot; resolves once the desk holds it. */
  reload(): Promise<void>
  /** The session ended (logout elsewhere, user disabled). */
  signedOut(): void
}

const PING_MS = 20_000
const SILENCE_MS = 45_000

export function connectLive(opts: LiveOptions) {
  const state = signal<LiveState>('connecting')
  /** When the server was last heard from: shown while reconnecting. */
  const lastContact = signal(Date.now())
  let ws: WebSocket | null = null
  let attempt = 0
  let stopped = false
  let timers: ReturnType<typeof setTimeout>[] = []

  const clearTimers = () => {
    timers.forEach(clearTimeout)
    timers = []
  }

  function open(): void {
    if (stopped) return
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`
    const socket = new WebSocket(url)
    ws = socket
    let silence: ReturnType<typeof setTimeout> | undefined
    const heard = () => {
      lastContact.value = Date.now()
      clearTimeout(silence)
      silence = setTimeout(() => socket.close(), SILENCE_MS)
    }
    const ping = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send('{"type":"ping"}'), PING_MS)
    let replaying = true
    let queue: DeskEvent[] = []
    let queueLive = false
    let frame: ReturnType<typeof setTimeout> | null = null
    const flush = () => {
      if (frame !== null) clearTimeout(frame)
      frame = null
      if (queue.length === 0) return
      const events = queue
      queue = []
      opts.apply(events, queueLive)
    }
    // One batch per ~frame: a burst of events costs one render, not one per event.
    const flushSoon = () => {
      frame ??= setTimeout(flush, 16)
    }
    socket.onopen = () => {
      heard()
      socket.send(JSON.stringify({ type: 'subscribe', since: opts.seq() }))
    }
    socket.onmessage = async (m) => {
      heard()
      const parsed = ServerMessage.safeParse(JSON.parse(String(m.data)))
      if (!parsed.success) return
      const msg = parsed.data
      if (msg.type === 'event') {
        queue.push(msg.event)
        queueLive = !replaying
        flushSoon()
        return
      }
      // Whatever arrived before this message is applied before it, in order.
      flush()
      if (msg.type === 'ready') {
        replaying = false
        opts.ready(msg.seq)
        attempt = 0
        state.value = 'live'
      } else if (msg.type === 'reset') {
        state.value = 'reloading'
        try {
          await opts.reload()
          replaying = true
          socket.send(JSON.stringify({ type: 'subscribe', since: opts.seq() }))
        } catch {
          socket.close()
        }
      }
    }
    socket.onclose = (ev) => {
      flush() // committed events that arrived just before the drop are still news
      clearInterval(ping)
      clearTimeout(silence)
      if (ws !== socket || stopped) return
      if (ev.code === 4401) {
        stopped = true
        opts.signedOut()
        return
      }
      state.value = 'reconnecting'
      // Exponential backoff with jitter, 0.5 s up to 30 s.
      const delay = Math.min(30_000, 500 * 2 ** attempt++) * (0.5 + Math.random() / 2)
      timers.push(setTimeout(open, delay))
    }
  }

  const online = () => {
    if (state.value === 'reconnecting') {
      clearTimers()
      attempt = 0
      open()
    }
  }
  window.addEventListener('online', online)
  open()

  return {
    state,
    lastContact,
    close(): void {
      stopped = true
      clearTimers()
      window.removeEventListener('online', online)
      ws?.close()
    },
  }
}
