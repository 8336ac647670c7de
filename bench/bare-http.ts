// The bare intake ceiling: the same stack (hono on @hono/node-server) and the same body, but one
// zod parse and one prepared INSERT with synchronous=NORMAL, the fastest this stack writes.
// env: DB_FILE
import { serve } from '@hono/node-server'
import Database from 'better-sqlite3'
import { Hono } from 'hono'
import { IncidentCreate } from '../shared/incident'
import { serveIpc } from './lib'

const sqlite = new Database(process.env.DB_FILE!)
sqlite.pragma('journal_mode = WAL')
sqlite.pragma('synchronous = NORMAL')
sqlite.exec(`CREATE TABLE IF NOT EXISTS incidents (
  id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, cause TEXT NOT NULL, severity TEXT NOT NULL,
  title TEXT NOT NULL, description TEXT NOT NULL, services TEXT NOT NULL, lat REAL NOT NULL, lng REAL NOT NULL,
  radius_m INTEGER NOT NULL, impact TEXT NOT NULL, drill INTEGER NOT NULL, created_at INTEGER NOT NULL)`)
const insert = sqlite.prepare(`INSERT INTO incidents
  (kind, cause, severity, title, description, services, lat, lng, radius_m, impact, drill, created_at)
  VALUES (@kind, @cause, @severity, @title, @description, @services, @lat, @lng, @radiusM, @impact, @drill, @createdAt)`)

const app = new Hono()
app.post('/api/incidents', async (c) => {
  const parsed = IncidentCreate.safeParse(await c.req.json())
  if (!parsed.success) return c.json({ code: 'invalid_input' }, 400)
  const i = parsed.data
  const { lastInsertRowid } = insert.run({
    ...i,
    services: JSON.stringify(i.services),
    impact: JSON.stringify(i.impact),
    drill: i.drill ? 1 : 0,
    createdAt: Date.now(),
  })
  return c.json({ id: Number(lastInsertRowid) }, 201)
})

let port = 0
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    port = info.port
    resolve(s)
  })
})
serveIpc({ ready: () => ({ port }) })
process.on('SIGTERM', () => {
  server.close()
  sqlite.close()
  process.exit(0)
})
