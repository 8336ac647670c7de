// Every (from, to) pair of every transition table in shared/transitions.ts, through the status
// routes: the table is the only judge. An entity is created through the API, then put in `from`
// with a direct UPDATE of its row (setup only: entity tables allow it, the event log does not).
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { DISPATCH_STATUSES, INCIDENT_STATUSES, LINK_STATUSES } from '../../shared/enums'
import {
  DISPATCH_TRANSITIONS,
  INCIDENT_TRANSITIONS,
  LINK_TRANSITIONS,
} from '../../shared/transitions'
import { eventsAfter, headSeq, testDesk, type Client, type TestDesk } from '../helpers'

interface Table {
  entity: 'incident' | 'dispatch' | 'link'
  sqlTable: string
  statuses: readonly string[]
  allowed: Record<string, readonly string[]>
  path: string
  /** Creates a fresh entity through the API and returns its id. */
  create(desk: TestDesk, c: Client): Promise<number>
  /** The status-change body the schema asks for. */
  body(to: string): Record<string, unknown>
}

// An incident that takes no service away touches no site, so its moves stay its own.
const QUIET = { lat: 10.6, lng: 107.4, radiusM: 0, services: [] }

const TABLES: Table[] = [
  {
    entity: 'incident',
    sqlTable: 'incidents',
    statuses: INCIDENT_STATUSES,
    allowed: INCIDENT_TRANSITIONS,
    path: '/api/incidents',
    async create(_desk, c) {
      const res = await c.post('/api/incidents', {
        kind: 'outage',
        severity: 'medium',
        title: 'Mất tín hiệu thử chuyển trạng thái',
        ...QUIET,
      })
      assert.is(res.status, 201, JSON.stringify(res.body))
      return res.body.id
    },
    body: (to) => (to === 'cancelled' ? { status: to, note: 'Báo nhầm' } : { status: to }),
  },
  {
    entity: 'dispatch',
    sqlTable: 'dispatches',
    statuses: DISPATCH_STATUSES,
    allowed: DISPATCH_TRANSITIONS,
    path: '/api/dispatches',
    async create(desk, c) {
      // One open incident for all the dispatches; a new available crew for each.
      const incidentId = await sharedIncident(desk, c)
      const crew = await c.post('/api/crews', { name: `Đội thử ${headSeq(desk.deps)}`, members: 2 })
      assert.is(crew.status, 201, JSON.stringify(crew.body))
      const res = await c.post('/api/dispatches', {
        incidentId,
        crewId: crew.body.id,
        task: 'Kiểm tra',
      })
      assert.is(res.status, 201, JSON.stringify(res.body))
      return res.body.id
    },
    body: (to) =>
      to === 'cancelled' || to === 'declined'
        ? { status: to, reason: 'Không kịp' }
        : { status: to },
  },
  {
    entity: 'link',
    sqlTable: 'backup_links',
    statuses: LINK_STATUSES,
    allowed: LINK_TRANSITIONS,
    path: '/api/links',
    async create(desk, c) {
      const siteId = (desk.deps.db.$client.prepare('SELECT min(id) AS id FROM sites').get() as any)
        .id
      const res = await c.post('/api/links', { siteId, kind: 'vsat' })
      assert.is(res.status, 201, JSON.stringify(res.body))
      return res.body.id
    },
    body: (to) => ({ status: to }),
  },
]

const incidents = new WeakMap<TestDesk, number>()
async function sharedIncident(desk: TestDesk, c: Client): Promise<number> {
  const known = incidents.get(desk)
  if (known) return known
  const id = await TABLES[0]!.create(desk, c)
  incidents.set(desk, id)
  return id
}

// One desk per table, built on first use: seeding costs about half a second.
const desks = new Map<string, Promise<{ desk: TestDesk; c: Client }>>()
function deskFor(entity: string) {
  let d = desks.get(entity)
  if (!d) {
    d = testDesk().then(async (desk) => ({ desk, c: await desk.as('coordinator') }))
    desks.set(entity, d)
  }
  return d
}

function statusOf(desk: TestDesk, table: string, id: number): string {
  return (desk.deps.db.$client.prepare(`SELECT status FROM ${table} WHERE id = ?`).get(id) as any)
    .status
}

for (const t of TABLES) {
  test(`${t.entity}: the table has a row for every status and names only known ones`, () => {
    assert.equal(Object.keys(t.allowed).sort(), [...t.statuses].sort())
    for (const to of Object.values(t.allowed).flat()) assert.ok(t.statuses.includes(to), to)
  })

  for (const from of t.statuses) {
    for (const to of t.statuses) {
      const allowed = t.allowed[from]!.includes(to)
      const name = `${t.entity}: ${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`
      test(name, async () => {
        const { desk, c } = await deskFor(t.entity)
        const id = await t.create(desk, c)
        desk.deps.db.$client
          .prepare(`UPDATE ${t.sqlTable} SET status = ? WHERE id = ?`)
          .run(from, id)
        const seq = headSeq(desk.deps)
        const published = desk.published.length

        const res = await c.post(`${t.path}/${id}/status`, t.body(to))

        const appended = eventsAfter(desk.deps, seq)
        if (allowed) {
          assert.is(res.status, 200, JSON.stringify(res.body))
          assert.is(res.body.status, to)
          assert.is(statusOf(desk, t.sqlTable, id), to)
          const own = appended.filter((e) => e.type === `${t.entity}.status_changed`)
          assert.is(own.length, 1, `one ${t.entity}.status_changed: ${JSON.stringify(appended)}`)
          const others = appended.filter((e) => e.type !== `${t.entity}.status_changed`)
          assert.ok(
            others.every((e) => e.type === 'site.status_changed'),
            `only site changes besides: ${JSON.stringify(appended)}`,
          )
          const event = desk.published.find((e) => e.seq === own[0]!.seq)
          assert.ok(event, 'the event is published')
          assert.is(event!.entityId, id)
          assert.is(event!.data.from, from)
          assert.is(event!.data.to, to)
          assert.is(desk.published.length, published + appended.length)
        } else {
          assert.is(res.status, 409, JSON.stringify(res.body))
          assert.is(res.body.code, 'invalid_transition')
          assert.equal(appended, [], 'nothing appended')
          assert.is(desk.published.length, published, 'nothing published')
          assert.is(statusOf(desk, t.sqlTable, id), from, 'the row is as it was')
        }
      })
    }
  }
}

test('an incident never goes back to reported, whatever the table says', async () => {
  const { desk, c } = await deskFor('incident')
  const id = await TABLES[0]!.create(desk, c)
  const seq = headSeq(desk.deps)
  const res = await c.post(`/api/incidents/${id}/status`, { status: 'reported' })
  assert.is(res.status, 409)
  assert.is(res.body.code, 'invalid_transition')
  assert.is(headSeq(desk.deps), seq)
})

test.run()
