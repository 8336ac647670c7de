import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

/**
 * Opens the database with the pragmas durability depends on, set explicitly at every open and
 * read back: synchronous and busy_timeout are per connection, and a connection opened without
 * them silently loses acknowledged writes on power loss.
 */
export function openDb(file: string): Db {
  const memory = file === ':memory:'
  if (!memory) mkdirSync(dirname(file), { recursive: true })
  const sqlite = new Database(file)
  const mode = sqlite.pragma('journal_mode = WAL', { simple: true })
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('journal_size_limit = 67108864')
  assertPragmas(sqlite, memory ? 'memory' : 'wal')
  if (!memory && mode !== 'wal') throw new Error(`journal_mode is ${mode}, expected wal`)
  return drizzle(sqlite, { schema }) as Db
}

export function assertPragmas(sqlite: Database.Database, journal: 'wal' | 'memory'): void {
  const read = (p: string) => sqlite.pragma(p, { simple: true })
  const got = {
    journal_mode: read('journal_mode'),
    synchronous: read('synchronous'),
    foreign_keys: read('foreign_keys'),
    busy_timeout: read('busy_timeout'),
  }
  const ok =
    got.journal_mode === journal &&
    got.synchronous === 2 &&
    got.foreign_keys === 1 &&
    Number(got.busy_timeout) >= 5000
  if (!ok) throw new Error(`database pragmas not as required: ${JSON.stringify(got)}`)
}

export function migrateDb(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS })
}
