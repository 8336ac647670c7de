// Sends committed events to every subscribed socket without holding the event loop. A round (the
// events published so far, to the sockets open when it starts) runs in slices of at most SLICE_MS
// and yields between them, so a fan-out to thousands of sockets never stalls the requests behind
// it. Rounds run one at a time, in publish order, and a client's lastSeq moves as it is sent, so
// every client still gets each event once, in order, whichever slice it falls in.
import { WebSocket } from 'ws'
import { canSeeEvent, type Viewer } from '../../shared/permissions'
import { wireJson, type StoredEvent } from '../events/log'

/** The longest one slice of a broadcast keeps the event loop. */
const SLICE_MS = 10
const OPEN = WebSocket.OPEN

export interface Subscriber {
  ws: WebSocket
  actor: Viewer
  /** The last seq this client has been sent; -1 until it subscribes. */
  lastSeq: number
}

interface Round<C> {
  events: readonly StoredEvent[]
  /** Each event's frame, encoded once for every socket that may see it. */
  frames: (Buffer | undefined)[]
  clients: C[]
  next: number
}

export class FanOut<C extends Subscriber> {
  private outbox: StoredEvent[] = []
  private round: Round<C> | null = null
  private timer: NodeJS.Immediate | null = null
  /** The longest slice since it was last read, in ms: what the event loop waited on a broadcast. */
  private longest = 0

  constructor(
    private clients: () => Iterable<C>,
    private maxBuffered: number,
    /** Runs once a round has reached every socket. */
    private afterRound: (events: readonly StoredEvent[]) => void,
  ) {}

  publish(events: readonly StoredEvent[]): void {
    this.outbox.push(...events)
    if (!this.round) this.pump()
  }

  /**
   * Sends this client now what is still on its way to it, so that a reply written next (a pong)
   * follows every event published before it. Later rounds skip what it already has.
   */
  catchUp(c: C): void {
    if (this.round) this.deliver(this.round, c)
    if (this.outbox.length > 0) this.deliver(newRound(this.outbox, []), c)
  }

  takeLongestSlice(): number {
    const ms = this.longest
    this.longest = 0
    return ms
  }

  close(): void {
    if (this.timer) clearImmediate(this.timer)
    this.timer = null
    this.round = null
    this.outbox = []
  }

  private pump(): void {
    this.timer = null
    const started = performance.now()
    for (;;) {
      if (!this.round) {
        if (this.outbox.length === 0) return this.sliceEnded(started)
        this.round = newRound(this.outbox.splice(0), [...this.clients()])
      }
      const round = this.round
      while (round.next < round.clients.length) {
        this.deliver(round, round.clients[round.next++]!)
        // A look at the clock costs far less than one socket write, so it is taken after each socket.
        if (performance.now() - started > SLICE_MS) {
          this.timer = setImmediate(() => this.pump())
          return this.sliceEnded(started)
        }
      }
      this.round = null
      this.afterRound(round.events)
    }
  }

  private sliceEnded(started: number): void {
    this.longest = Math.max(this.longest, performance.now() - started)
  }

  private deliver(round: Round<C>, c: C): void {
    for (let i = 0; i < round.events.length; i++) {
      const e = round.events[i]!
      if (c.ws.readyState !== OPEN) return
      if (c.lastSeq < 0 || e.seq <= c.lastSeq) continue
      c.lastSeq = e.seq
      if (!canSeeEvent(c.actor, e)) continue
      if (c.ws.bufferedAmount > this.maxBuffered) return c.ws.terminate()
      // A Buffer is encoded to UTF-8 once; ws frames it without copying, as text.
      c.ws.send((round.frames[i] ??= Buffer.from(eventFrame(e))), { binary: false })
    }
  }
}

function newRound<C>(events: readonly StoredEvent[], clients: C[]): Round<C> {
  return { events, frames: new Array(events.length), clients, next: 0 }
}

export const eventFrame = (e: StoredEvent) => `{"type":"event","event":${wireJson(e)}}`
