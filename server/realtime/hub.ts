// The live channel (/api/live). A client subscribes with the last seq it holds; the hub replays
// what it missed that it may see, says ready, then streams each committed event once, in order.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { ClientMessage, HEARTBEAT_MS, MAX_REPLAY, type ServerMessage } from '../../shared/events'
import { canSeeEvent } from '../../shared/permissions'
import { actorForSession, hashToken, SESSION_COOKIE } from '../auth/service'
import type { Actor, Deps } from '../context'
import { countSince, eventsSince, readHead, type StoredEvent } from '../events/log'
import { eventFrame, FanOut, type Subscriber } from './fanout'

/** A client whose unsent bytes pass this is too slow to keep: it is dropped and will resume. */
const MAX_BUFFERED = 1 << 20
const REPLAY_PAGE = 1000

/** The hub's bounds; tests lower them to reach the edges without ten thousand writes. */
export interface LiveHubOptions {
  maxReplay?: number
  maxBuffered?: number
}

interface Client extends Subscriber {
  actor: Actor
  sessionHash: string
  alive: boolean
}

export class LiveHub {
  private wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024, perMessageDeflate: false })
  private clients = new Set<Client>()
  private heartbeat: NodeJS.Timeout
  private unsubscribe: () => void
  private maxReplay: number
  private maxBuffered: number
  private fanOut: FanOut<Client>

  constructor(
    private deps: Deps,
    opts: LiveHubOptions = {},
  ) {
    this.maxReplay = opts.maxReplay ?? MAX_REPLAY
    this.maxBuffered = opts.maxBuffered ?? MAX_BUFFERED
    this.fanOut = new FanOut(() => this.clients, this.maxBuffered, (events) => this.afterRound(events))
    this.unsubscribe = deps.bus.subscribe((events) => this.fanOut.publish(events))
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS)
    this.heartbeat.unref()
  }

  get size(): number {
    return this.clients.size
  }

  /** The longest a broadcast held the event loop since the last call, in ms. */
  takeLongestSlice(): number {
    return this.fanOut.takeLongestSlice()
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    }
    const origin = req.headers.origin
    if (origin !== undefined && hostOf(origin) !== req.headers.host) return refuse(403, 'Forbidden')
    const token = readCookie(req.headers.cookie, SESSION_COOKIE)
    const sessionHash = token ? hashToken(token) : null
    const actor = sessionHash ? actorForSession(this.deps, sessionHash) : null
    if (!actor || !sessionHash) return refuse(401, 'Unauthorized')
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, actor, sessionHash))
  }

  private attach(ws: WebSocket, actor: Actor, sessionHash: string): void {
    const client: Client = { ws, actor, sessionHash, lastSeq: -1, alive: true }
    this.clients.add(client)
    ws.on('pong', () => (client.alive = true))
    ws.on('message', (data) => this.receive(client, data))
    ws.on('close', () => this.clients.delete(client))
    ws.on('error', () => ws.terminate())
  }

  private receive(client: Client, data: RawData): void {
    client.alive = true
    let msg: ClientMessage
    try {
      msg = ClientMessage.parse(JSON.parse(data.toString()))
    } catch {
      return this.send(client, { type: 'error', code: 'invalid_input', message: 'Unknown message' })
    }
    if (msg.type === 'ping') {
      this.fanOut.catchUp(client)
      return this.send(client, { type: 'pong', at: this.deps.clock.now() })
    }
    this.subscribe(client, msg.since)
  }

  /**
   * Replay and the switch to live happen in one synchronous stretch: no commit can publish in
   * between, so the client gets every event after `since` exactly once.
   */
  private subscribe(client: Client, since: number): void {
    const head = readHead(this.deps.db).seq
    if (since > head || countSince(this.deps.db, since) > this.maxReplay) {
      client.lastSeq = -1
      return this.send(client, { type: 'reset', reason: since > head ? 'ahead_of_server' : 'gap_too_large' })
    }
    let cursor = since
    while (cursor < head) {
      const page = eventsSince(this.deps.db, cursor, REPLAY_PAGE)
      if (page.length === 0) break
      for (const e of page) {
        if (canSeeEvent(client.actor, e)) client.ws.send(eventFrame(e))
      }
      cursor = page[page.length - 1]!.seq
      // A replay too big for the socket's buffer would get the client dropped as slow on the next
      // live event; the snapshot is the cheaper way to catch up.
      if (client.ws.bufferedAmount > this.maxBuffered) {
        client.lastSeq = -1
        return this.send(client, { type: 'reset', reason: 'gap_too_large' })
      }
    }
    client.lastSeq = head
    this.send(client, { type: 'ready', seq: head })
  }

  /** After a round has reached every socket: sessions that an event ended lose their sockets. */
  private afterRound(events: readonly StoredEvent[]): void {
    for (const e of events) {
      if (e.entityType === 'user' && (e.type === 'user.logged_out' || e.type === 'user.updated')) {
        this.revalidate(e.entityId)
      }
    }
  }

  /** Closes the sockets of a user whose session ended or who was disabled. */
  private revalidate(userId: number): void {
    for (const c of this.clients) {
      if (c.actor.userId !== userId) continue
      if (!actorForSession(this.deps, c.sessionHash)) c.ws.close(4401, 'session ended')
    }
  }

  private beat(): void {
    for (const c of this.clients) {
      // Sessions also end by expiring: a socket outlives its session by one heartbeat at most.
      if (!actorForSession(this.deps, c.sessionHash)) {
        c.ws.close(4401, 'session ended')
        continue
      }
      if (!c.alive) {
        c.ws.terminate()
        continue
      }
      c.alive = false
      c.ws.ping()
    }
  }

  private send(client: Client, msg: ServerMessage): void {
    client.ws.send(JSON.stringify(msg))
  }

  close(): void {
    clearInterval(this.heartbeat)
    this.unsubscribe()
    this.fanOut.close()
    for (const c of this.clients) c.ws.close(1001, 'server shutting down')
    this.wss.close()
  }
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return undefined
}
