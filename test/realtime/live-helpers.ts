// The real app on 127.0.0.1 with an ephemeral port, the live hub on its 'upgrade' event as in
// server/main.ts, and a socket client that records what the server says. Every wait is bounded and
// close() ends every socket, so a failing test fails fast and the process still exits.
import type { Duplex } from 'node:stream'
import { serve } from '@hono/node-server'
import WebSocket from 'ws'
import type { DeskEvent, ServerMessage } from '../../shared/events'
import { LiveHub, type LiveHubOptions } from '../../server/realtime/hub'
import { testDesk, type TestDesk } from '../helpers'

const WAIT_MS = 2000
// Names each connection so a test can reach the server's end of its own socket.
const TAG = 'x-test-socket'

export interface LiveDesk {
  desk: TestDesk
  hub: LiveHub
  /** http://127.0.0.1:port, the origin a browser on this desk would send. */
  origin: string
  /** Opens a socket as the holder of this cookie; resolves once it is open. */
  open(cookie: string | null, opts?: { origin?: string }): Promise<LiveClient>
  /** The status of a refused handshake; fails if the server accepts it. */
  refused(cookie: string | null, opts?: { origin?: string }): Promise<number>
  close(): Promise<void>
}

export interface LiveClient {
  messages: ServerMessage[]
  /** The events received, in arrival order. */
  events(): DeskEvent[]
  send(msg: unknown): void
  /** The first message, from index `from` on, that matches; rejects after the timeout. */
  waitFor(pred: (m: ServerMessage) => boolean, from?: number, ms?: number): Promise<ServerMessage>
  /** Subscribes and resolves with the seq of the 'ready' that ends the replay. */
  subscribe(since: number): Promise<number>
  /** A ping round trip: the server writes in order, so once the pong is here so is all before it. */
  sync(): Promise<void>
  /** The close code the server ended the socket with; rejects after the timeout. */
  closed(ms?: number): Promise<number>
  /** The server's end stops flushing, as when a slow client's TCP window stays shut. */
  stall(): void
  readonly isOpen: boolean
  terminate(): void
}

export async function liveDesk(opts: LiveHubOptions = {}): Promise<LiveDesk> {
  const desk = await testDesk()
  const hub = new LiveHub(desk.deps, opts)
  const upgraded = new Map<string, Duplex>()
  const clients = new Set<WebSocket>()
  let port = 0
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: desk.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      port = info.port
      resolve(s)
    })
  })
  server.on('upgrade', (req, socket, head) => {
    const tag = req.headers[TAG]
    if (typeof tag === 'string') upgraded.set(tag, socket)
    if (new URL(req.url ?? '/', 'http://x').pathname === '/api/live')
      hub.handleUpgrade(req, socket, head)
    else socket.destroy()
  })
  const url = () => `ws://127.0.0.1:${port}/api/live`
  let count = 0

  const connect = (cookie: string | null, origin: string | undefined) => {
    const tag = String(++count)
    const headers: Record<string, string> = { [TAG]: tag }
    if (cookie) headers.cookie = cookie
    const ws = new WebSocket(url(), {
      headers,
      ...(origin ? { origin } : {}),
      handshakeTimeout: WAIT_MS,
    })
    clients.add(ws)
    ws.on('close', () => clients.delete(ws))
    return { ws, tag }
  }

  return {
    desk,
    hub,
    origin: `http://127.0.0.1:${port}`,

    async open(cookie, opts = {}) {
      const { ws, tag } = connect(cookie, opts.origin)
      const client = liveClient(ws, () => upgraded.get(tag))
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve())
        ws.once('unexpected-response', (_req, res) =>
          reject(new Error(`handshake refused: ${res.statusCode}`)),
        )
        ws.once('error', reject)
      })
      return client
    },

    refused(cookie, opts = {}) {
      const { ws } = connect(cookie, opts.origin)
      return new Promise<number>((resolve, reject) => {
        ws.once('unexpected-response', (req, res) => {
          res.resume()
          req.destroy()
          clients.delete(ws)
          resolve(res.statusCode ?? 0)
        })
        ws.once('open', () => reject(new Error('the handshake was accepted')))
        ws.once('error', reject)
      })
    },

    async close() {
      await Promise.all([...clients].map((ws) => ended(ws)))
      hub.close()
      for (const socket of upgraded.values()) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function liveClient(ws: WebSocket, serverEnd: () => Duplex | undefined): LiveClient {
  const messages: ServerMessage[] = []
  const waiters = new Set<() => void>()
  let closeCode: number | null = null
  ws.on('message', (data) => {
    messages.push(JSON.parse(data.toString()) as ServerMessage)
    for (const check of waiters) check()
  })
  ws.on('close', (code) => {
    closeCode = code
    for (const check of waiters) check()
  })
  // Errors surface as the close that follows; without a listener they would throw.
  ws.on('error', () => {})

  /** Resolves with the first non-undefined answer of probe, checked now and on every message. */
  const until = <T>(probe: () => T | undefined, what: string, ms: number) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = probe()
        if (found === undefined) return
        done()
        resolve(found)
      }
      const timer = setTimeout(() => {
        done()
        reject(
          new Error(
            `timed out after ${ms} ms waiting for ${what}; got ${JSON.stringify(messages)}`,
          ),
        )
      }, ms)
      const done = () => {
        clearTimeout(timer)
        waiters.delete(check)
      }
      waiters.add(check)
      check()
    })

  const waitFor: LiveClient['waitFor'] = (pred, from = 0, ms = WAIT_MS) =>
    until(() => messages.slice(from).find(pred), 'a matching message', ms)

  return {
    messages,
    events: () => messages.flatMap((m) => (m.type === 'event' ? [m.event] : [])),
    send: (msg) => ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg)),
    waitFor,
    async subscribe(since) {
      const from = messages.length
      ws.send(JSON.stringify({ type: 'subscribe', since }))
      const m = await waitFor((m) => m.type === 'ready' || m.type === 'reset', from)
      if (m.type !== 'ready') throw new Error(`subscribe(${since}) got ${JSON.stringify(m)}`)
      return m.seq
    },
    async sync() {
      const from = messages.length
      ws.send(JSON.stringify({ type: 'ping' }))
      await waitFor((m) => m.type === 'pong', from)
    },
    closed: (ms = WAIT_MS) => until(() => closeCode ?? undefined, 'the socket to close', ms),
    stall() {
      const end = serverEnd()
      if (!end) throw new Error('no server end recorded for this socket')
      end.cork()
    },
    get isOpen() {
      return ws.readyState === WebSocket.OPEN
    },
    terminate: () => ws.terminate(),
  }
}

/** Ends a client socket at once and resolves when it has closed. */
function ended(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve()
  return new Promise((resolve) => {
    ws.once('close', () => resolve())
    ws.terminate()
  })
}
