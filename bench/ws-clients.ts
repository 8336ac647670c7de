// Many websocket clients in one process, apart from the server they measure. Each delivery is
// kept as (seq, receive time); latency is worked out against the server's publish times, on the
// monotonic clock every process of the machine shares.
import WebSocket from 'ws'
import { nowUs, percentile, serveIpc } from './lib'

const PREFIX = '{"type":"event","event":{"seq":'
const CAP = 2_000_000
const seqOf = new Uint32Array(CAP)
const recvAt = new Float64Array(CAP)
let n = 0
let bytes = 0
/** Sockets by group: one per server under test, both connected, only one sending at a time. */
const groups = new Map<string, WebSocket[]>()

function onMessage(data: Buffer) {
  if (data.toString('latin1', 0, PREFIX.length) !== PREFIX) return
  const head = data.toString('latin1', PREFIX.length, PREFIX.length + 16)
  if (n < CAP) {
    bytes += data.length
    seqOf[n] = parseInt(head, 10)
    recvAt[n++] = nowUs()
  }
}

interface ConnectArgs {
  group: string
  url: string
  count: number
  /** Session cookies, handed out round robin; none for the bare server. */
  cookies?: string[]
  origin?: string
  /** Subscribe from this seq and wait for 'ready' (the desk's protocol). */
  since?: number
}

function open(args: ConnectArgs, i: number): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const cookie = args.cookies?.length ? args.cookies[i % args.cookies.length] : undefined
    const ws = new WebSocket(args.url, {
      perMessageDeflate: false,
      headers: cookie ? { cookie } : {},
      ...(args.origin ? { origin: args.origin } : {}),
    })
    ws.on('error', () => resolve(null))
    ws.on('open', () => {
      if (args.since === undefined) {
        ws.on('message', onMessage)
        return resolve(ws)
      }
      ws.once('message', (first: Buffer) => {
        const m = JSON.parse(first.toString())
        if (m.type !== 'ready') return resolve(null)
        ws.on('message', onMessage)
        resolve(ws)
      })
      ws.send(JSON.stringify({ type: 'subscribe', since: args.since }))
    })
  })
}

async function connect(args: ConnectArgs) {
  const t0 = performance.now()
  const sockets: WebSocket[] = []
  groups.set(args.group, sockets)
  let failed = 0
  const parallel = 200
  for (let i = 0; i < args.count; i += parallel) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(parallel, args.count - i) }, (_, k) => open(args, i + k)),
    )
    for (const ws of batch) ws ? sockets.push(ws) : failed++
  }
  return { opened: sockets.length, failed, ms: performance.now() - t0 }
}

/** Latency of every delivery recorded since the last reset, against the given publish times. */
function latency({ published, group }: { published: [number, number][]; group: string }) {
  const sockets = groups.get(group) ?? []
  const at = new Map(published)
  const lat: number[] = []
  for (let i = 0; i < n; i++) {
    const t = at.get(seqOf[i]!)
    if (t !== undefined) lat.push((recvAt[i]! - t) / 1000)
  }
  lat.sort((a, b) => a - b)
  return {
    deliveries: lat.length,
    expected: published.length * sockets.length,
    frameBytes: n ? Math.round(bytes / n) : 0,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    max: lat[lat.length - 1] ?? NaN,
  }
}

/** One client that was away: subscribes from `since` and times the replay up to 'ready'. */
function resume({ url, cookie, since }: { url: string; cookie: string; since: number }) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, headers: { cookie } })
    let events = 0
    let bytes = 0
    let t0 = 0
    ws.on('error', reject)
    ws.on('open', () => {
      t0 = performance.now()
      ws.send(JSON.stringify({ type: 'subscribe', since }))
    })
    ws.on('message', (data: Buffer) => {
      bytes += data.length
      if (data.toString('latin1', 0, PREFIX.length) === PREFIX) return void events++
      const m = JSON.parse(data.toString())
      ws.terminate()
      resolve({ ms: performance.now() - t0, events, bytes, answer: m.type, seq: m.seq ?? null, reason: m.reason ?? null })
    })
  })
}

serveIpc({
  ready: () => null,
  connect,
  reset: () => void (n = bytes = 0),
  count: () => n,
  latency,
  resume,
  close: async ({ group }: { group: string }) => {
    const sockets = groups.get(group) ?? []
    groups.delete(group)
    await Promise.all(
      sockets.map((ws) => new Promise<void>((r) => (ws.readyState === WebSocket.CLOSED ? r() : (ws.once('close', () => r()), ws.terminate())))),
    )
  },
})
