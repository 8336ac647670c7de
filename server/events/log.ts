// The event log: rows, the hash chain over them, and reads by seq.
import { createHash } from 'node:crypto'
import type { Db } from '../../db/client'
import type { DeskEvent, EntityType, EventData, EventType } from '../../shared/events'

export const GENESIS_HASH = '0'.repeat(64)

export interface EventInput {
  type: EventType
  entityType: EntityType
  entityId: number
  incidentId?: number | null
  orgIds?: readonly (number | null | undefined)[]
  crewIds?: readonly (number | null | undefined)[]
  drill?: boolean
  data: EventData
}

/** An event as stored: the wire shape plus its audience and hash. */
export interface StoredEvent extends DeskEvent {
  orgIds: number[]
  crewIds: number[]
  hash: string
  /** The data as the JSON string that was hashed; sent as is to every socket. */
  dataJson: string
}

interface EventRow {
  seq: number
  at: number
  actor_id: number | null
  type: EventType
  entity_type: EntityType
  entity_id: number
  incident_id: number | null
  org_ids: string
  crew_ids: string
  drill: number
  data: string
  hash: string
}

export interface ChainHead {
  seq: number
  hash: string
}

const uniq = (xs: readonly (number | null | undefined)[] = []) =>
  [...new Set(xs.filter((x): x is number => typeof x === 'number'))].sort((a, b) => a - b)

/** The text the hash covers: every column but the hash, in a fixed order. */
function canonical(e: Omit<EventRow, 'hash'>): string {
  return JSON.stringify([
    e.seq,
    e.at,
    e.actor_id,
    e.type,
    e.entity_type,
    e.entity_id,
    e.incident_id,
    e.org_ids,
    e.crew_ids,
    e.drill,
    e.data,
  ])
}

export function chainHash(prev: string, row: Omit<EventRow, 'hash'>): string {
  return createHash('sha256').update(prev).update('\n').update(canonical(row)).digest('hex')
}

export function readHead(db: Db): ChainHead {
  const row = db.$client.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as
    | ChainHead
    | undefined
  return row ?? { seq: 0, hash: GENESIS_HASH }
}

/** Builds and inserts the next event after head. The caller is inside the write transaction. */
export function insertEvent(
  db: Db,
  head: ChainHead,
  at: number,
  actorId: number | null,
  input: EventInput,
): StoredEvent {
  const row: Omit<EventRow, 'hash'> = {
    seq: head.seq + 1,
    at,
    actor_id: actorId,
    type: input.type,
    entity_type: input.entityType,
    entity_id: input.entityId,
    incident_id: input.incidentId ?? null,
    org_ids: JSON.stringify(uniq(input.orgIds)),
    crew_ids: JSON.stringify(uniq(input.crewIds)),
    drill: input.drill ? 1 : 0,
    data: JSON.stringify(input.data),
  }
  const hash = chainHash(head.hash, row)
  statements(db).insert.run({ ...row, hash })
  return fromRow({ ...row, hash })
}

const cache = new WeakMap<Db, ReturnType<typeof prepare>>()
function prepare(db: Db) {
  const s = db.$client
  return {
    insert: s.prepare(
      `INSERT INTO events (seq, at, actor_id, type, entity_type, entity_id, incident_id, org_ids, crew_ids, drill, data, hash)
       VALUES (@seq, @at, @actor_id, @type, @entity_type, @entity_id, @incident_id, @org_ids, @crew_ids, @drill, @data, @hash)`,
    ),
    since: s.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?'),
    countSince: s.prepare('SELECT count(*) AS n FROM events WHERE seq > ?'),
    incident: s.prepare('SELECT * FROM events WHERE incident_id = ? ORDER BY seq'),
  }
}
function statements(db: Db) {
  let s = cache.get(db)
  if (!s) cache.set(db, (s = prepare(db)))
  return s
}

function fromRow(r: EventRow): StoredEvent {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    type: r.type,
    entityType: r.entity_type,
    entityId: r.entity_id,
    incidentId: r.incident_id,
    drill: r.drill === 1,
    data: JSON.parse(r.data) as EventData,
    dataJson: r.data,
    orgIds: JSON.parse(r.org_ids) as number[],
    crewIds: JSON.parse(r.crew_ids) as number[],
    hash: r.hash,
  }
}

export function eventsSince(db: Db, since: number, limit: number): StoredEvent[] {
  return (statements(db).since.all(since, limit) as EventRow[]).map(fromRow)
}

export function countSince(db: Db, since: number): number {
  return (statements(db).countSince.get(since) as { n: number }).n
}

export function incidentEvents(db: Db, incidentId: number): StoredEvent[] {
  return (statements(db).incident.all(incidentId) as EventRow[]).map(fromRow)
}

export function toWire(e: StoredEvent): DeskEvent {
  const { orgIds: _o, crewIds: _c, hash: _h, dataJson: _d, ...wire } = e
  return wire
}

/** The wire JSON of an event, built from the stored data string without re-serialising it. */
export function wireJson(e: StoredEvent): string {
  const head = JSON.stringify({
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    type: e.type,
    entityType: e.entityType,
    entityId: e.entityId,
    incidentId: e.incidentId,
    drill: e.drill,
  })
  return `${head.slice(0, -1)},"data":${e.dataJson}}`
}

export interface VerifyResult {
  ok: boolean
  count: number
  head: ChainHead
  brokenAt: number | null
}

/** Walks the whole chain; names the first seq whose hash or link does not hold. */
export function verifyChain(db: Db): VerifyResult {
  let prev = GENESIS_HASH
  let expectSeq = 1
  let count = 0
  for (const r of db.$client.prepare('SELECT * FROM events ORDER BY seq').iterate() as Iterable<EventRow>) {
    const { hash, ...rest } = r
    if (r.seq !== expectSeq || chainHash(prev, rest) !== hash) {
      return { ok: false, count, head: { seq: r.seq, hash }, brokenAt: r.seq }
    }
    prev = hash
    expectSeq++
    count++
  }
  return { ok: true, count, head: { seq: expectSeq - 1, hash: prev }, brokenAt: null }
}
