// Builds a real app on an in-memory database with the demo province and a clock that only moves
// when told: no mocks of our own code.
import { fixedClock } from '../server/clock'
import { loadConfig } from '../server/config'
import { createApp } from '../server/app'
import type { Deps } from '../server/context'
import { buildDeps } from '../server/deps'
import type { StoredEvent } from '../server/events/log'
import { seedDemo } from '../server/seed'
import { DEADLINE_HANDLERS } from '../server/timers/handlers'
import { Sweeper } from '../server/timers/sweeper'
import { DEMO_PASSWORD } from '../db/seed/demo'

export const ORIGIN = 'http://localhost'

export interface TestDesk {
  deps: Deps
  app: ReturnType<typeof createApp>
  clock: ReturnType<typeof fixedClock>
  published: StoredEvent[]
  /** Fires due deadlines at the desk's clock: tests move the clock, then sweep. */
  sweeper: Sweeper
  /** The head of the log once seeded: events after it are the test's own. */
  seedSeq: number
  as(username: string): Promise<Client>
  anonymous(): Client
}

export interface Reply<T = any> {
  status: number
  body: T
  headers: Headers
}

export interface Client {
  cookie: string | null
  get<T = any>(path: string): Promise<Reply<T>>
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>
  patch<T = any>(path: string, body: unknown): Promise<Reply<T>>
  raw(path: string, init: RequestInit): Promise<Reply>
}

export async function testDesk(opts: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestDesk> {
  const clock = fixedClock()
  const deps = buildDeps(loadConfig({ DB_FILE: ':memory:', ...opts.env }), clock)
  if (opts.seed !== false) await seedDemo(deps)
  const published: StoredEvent[] = []
  deps.bus.subscribe((events) => published.push(...events))
  const app = createApp(deps)

  const client = (cookie: string | null): Client => {
    const raw = async (path: string, init: RequestInit): Promise<Reply> => {
      const headers = new Headers(init.headers)
      if (cookie && !headers.has('cookie')) headers.set('cookie', cookie)
      const res = await app.request(path, { ...init, headers })
      const text = await res.text()
      let body: unknown = text
      try {
        body = JSON.parse(text)
      } catch {}
      return { status: res.status, body, headers: res.headers }
    }
    const write = (method: string) => (path: string, body?: unknown, extra: Record<string, string> = {}) =>
      raw(path, {
        method,
        headers: { origin: ORIGIN, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extra },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    return { cookie, raw, get: (path) => raw(path, { method: 'GET' }), post: write('POST'), patch: (p, b) => write('PATCH')(p, b) }
  }

  return {
    deps,
    app,
    clock,
    published,
    sweeper: new Sweeper(deps, DEADLINE_HANDLERS),
    seedSeq: headSeq(deps),
    anonymous: () => client(null),
    async as(username: string) {
      const res = await client(null).post('/api/auth/login', { username, password: DEMO_PASSWORD })
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`)
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!
      return client(cookie)
    },
  }
}

/** The events appended since a seq, straight from the log. */
export function eventsAfter(deps: Deps, seq: number): { seq: number; type: string }[] {
  return deps.db.$client.prepare('SELECT seq, type FROM events WHERE seq > ? ORDER BY seq').all(seq) as {
    seq: number
    type: string
  }[]
}

export function headSeq(deps: Deps): number {
  return (deps.db.$client.prepare('SELECT coalesce(max(seq), 0) AS s FROM events').get() as { s: number }).s
}
