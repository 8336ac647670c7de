import { openDb, migrateDb } from '../db/client'
import { systemClock, type Clock } from './clock'
import type { Config } from './config'
import type { Deps } from './context'
import { EventBus } from './events/bus'
import { Writer } from './writer'

/** Opens and migrates the database and wires the write path: the same for the server and tests. */
export function buildDeps(config: Config, clock: Clock = systemClock): Deps {
  const db = openDb(config.DB_FILE)
  migrateDb(db)
  const bus = new EventBus()
  return { db, bus, clock, config, writer: new Writer(db, clock, bus) }
}
