// The real desk, wired as server/main.ts wires it (openDb with synchronous=FULL, migrate, demo
// seed, createApp, the live hub on 'upgrade', the deadline sweeper), on a loopback port, with a
// few bench-only hooks over IPC: the writer's batch size, publish times per seq, memory and the
// event loop's delays. It builds no web app: the pages are not what is measured here.
// env: DB_FILE, MAX_BATCH (optional; 1 = no group commit), SYNC=NORMAL (diagnostic)
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { serve } from '@hono/node-server'
import { migrateDb, openDb } from '../db/client'
import { createApp } from '../server/app'
import { systemClock } from '../server/clock'
import { loadConfig } from '../server/config'
import type { Deps } from '../server/context'
import { EventBus } from '../server/events/bus'
import { LiveHub } from '../server/realtime/hub'
import { isEmpty, seedDemo } from '../server/seed'
import { DEADLINE_HANDLERS } from '../server/timers/handlers'
import { Sweeper } from '../server/timers/sweeper'
import { Writer } from '../server/writer'
import { memory, nowUs, serveIpc } from './lib'

const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: process.env.PORT ?? '0', SEED: 'demo' })
const db = openDb(config.DB_FILE)
// Diagnostic only: how much of the intake cost is durability (the desk itself always runs FULL).
if (process.env.SYNC === 'NORMAL') db.$client.pragma('synchronous = NORMAL')
migrateDb(db)
const bus = new EventBus()
// Subscribed before the hub, so the time is taken just before the hub starts sending.
const published = new Map<number, number>()
let recording = false
bus.subscribe((events) => {
  if (!recording) return
  const t = nowUs()
  for (const e of events) published.set(e.seq, t)
})
const maxBatch = process.env.MAX_BATCH ? Number(process.env.MAX_BATCH) : undefined
const writer = new Writer(db, systemClock, bus, { maxBatch })
const deps: Deps = { db, bus, clock: systemClock, config, writer }
if (isEmpty(deps)) await seedDemo(deps)

const app = createApp(deps)
const hub = new LiveHub(deps)
const sweeper = new Sweeper(deps, DEADLINE_HANDLERS)
sweeper.start()
let port = 0
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve({ fetch: app.fetch, port: config.PORT, hostname: '127.0.0.1' }, (info) => {
    port = info.port
    resolve(s)
  })
})
server.on('upgrade', (req, socket, head) => {
  if (new URL(req.url ?? '/', 'http://x').pathname === '/api/live') hub.handleUpgrade(req, socket, head)
  else socket.destroy()
})

const loop = monitorEventLoopDelay({ resolution: 5 })
loop.enable()

serveIpc({
  ready: () => ({ port }),
  memory: () => ({ ...memory(), sockets: hub.size }),
  record: ({ on }: { on: boolean }) => {
    recording = on
    if (on) published.clear()
  },
  published: () => [...published.entries()],
  loopReset: () => {
    loop.reset()
    hub.takeLongestSlice()
  },
  loopMax: () => ({ maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6, sliceMs: hub.takeLongestSlice() }),
  head: () => (db.$client.prepare('SELECT coalesce(max(seq), 0) AS s FROM events').get() as { s: number }).s,
})

process.on('SIGTERM', () => {
  server.close()
  sweeper.stop()
  hub.close()
  void writer.drain().then(() => {
    db.$client.close()
    process.exit(0)
  })
})
