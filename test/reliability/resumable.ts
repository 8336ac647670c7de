// A live-socket client that behaves as the pages' socket does: it subscribes from the last seq it
// holds, and whenever the socket ends (cut, closed, server gone) it connects again and resumes.
// It keeps every event seq it was sent, in arrival order, for a test to judge.
import WebSocket from 'ws'

export interface Resumable {
  readonly name: string
  /** Every event seq received, in order, across all of its connections. */
  readonly got: number[]
  lastSeq: number
  /** Connections opened so far (the first one included). */
  connections: number
  resets: number
  /** The seq of the last 'ready' on the socket open now; null until it has subscribed. */
  ready: number | null
  /** Ends the socket now: abruptly (as a lost network) or with a close handshake. */
  cut(how: 'terminate' | 'close'): void
  /** Ends it for good. */
  stop(): void
}

export function resumable(
  name: string,
  url: string,
  cookie: string,
  since: number,
  opts: { retryMs: [number, number]; onOpen?: (c: Resumable) => void },
): Resumable {
  let ws: WebSocket | null = null
  let stopped = false
  const wait = () => opts.retryMs[0] + Math.random() * (opts.retryMs[1] - opts.retryMs[0])

  const connect = () => {
    if (stopped) return
    const socket = new WebSocket(url, { headers: { cookie } })
    ws = socket
    c.ready = null
    c.connections++
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'subscribe', since: c.lastSeq }))
      opts.onOpen?.(c)
    })
    socket.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString())
      if (m.type === 'event') {
        c.got.push(m.event.seq)
        c.lastSeq = m.event.seq
      } else if (m.type === 'ready') {
        c.lastSeq = Math.max(c.lastSeq, m.seq)
        c.ready = m.seq
      } else if (m.type === 'reset') c.resets++
    })
    // A refused or dropped connection ends in 'close' too; that is where it comes back.
    socket.on('error', () => {})
    socket.on('close', () => {
      if (ws !== socket) return
      ws = null
      c.ready = null
      setTimeout(connect, wait())
    })
  }

  const c: Resumable = {
    name,
    got: [],
    lastSeq: since,
    connections: 0,
    resets: 0,
    ready: null,
    cut: (how) => (how === 'terminate' ? ws?.terminate() : ws?.close()),
    stop() {
      stopped = true
      const s = ws
      ws = null
      s?.terminate()
    },
  }
  connect()
  return c
}

/** What a client should have received: the visible seqs of the log, once each, in order. */
export function judge(c: Resumable, visible: number[]) {
  const seen = new Set(c.got)
  const allowed = new Set(visible)
  return {
    missing: visible.filter((s) => !seen.has(s)),
    duplicate: c.got.length - seen.size,
    outOfOrder: c.got.filter((s, i) => i > 0 && s <= c.got[i - 1]!).length,
    foreign: c.got.filter((s) => !allowed.has(s)),
    resets: c.resets,
  }
}
