// npm run backup -- <file>: a consistent copy of DB_FILE, taken while the desk runs and writes.
// VACUUM INTO on a separate read-only connection copies one snapshot (it reads inside a single
// transaction, and WAL lets the server keep committing meanwhile), so the copy is whole whatever
// commits during it. The copy is then opened read-only and checked: integrity, foreign keys and
// the event log's hash chain. Exit 0 with the head seq and hash; 1 for a usage error; 2 if the
// copy fails a check (it is left in place for inspection).
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import type { Db } from '../db/client'
import * as schema from '../db/schema'
import { loadConfig } from '../server/config'
import { verifyChain } from '../server/events/log'

function fail(code: number, message: string): never {
  console.error(message)
  process.exit(code)
}

const target = process.argv[2]
if (!target) fail(1, 'Usage: npm run backup -- <file>   (copies DB_FILE to <file> and checks the copy)')
const config = loadConfig()
const source = resolve(config.DB_FILE)
const copy = resolve(target)
if (!existsSync(source)) fail(1, `No database at ${config.DB_FILE} (set DB_FILE)`)
if (existsSync(copy)) fail(1, `${target} exists; a backup never overwrites a file`)
if (copy === source) fail(1, 'The backup must go to another file')
mkdirSync(dirname(copy), { recursive: true })

const started = performance.now()
const reader = new Database(source, { readonly: true, fileMustExist: true })
reader.pragma('busy_timeout = 5000')
reader.prepare('VACUUM INTO ?').run(copy)
reader.close()
const ms = performance.now() - started

const check = new Database(copy, { readonly: true, fileMustExist: true })
const integrity = check.pragma('integrity_check', { simple: true })
const orphans = check.pragma('foreign_key_check') as unknown[]
const chain = verifyChain(drizzle(check, { schema }) as unknown as Db)
check.close()

const size = `${(statSync(copy).size / 1e6).toFixed(1)} MB`
if (integrity !== 'ok') fail(2, `Backup ${target} FAILED integrity_check: ${integrity}`)
if (orphans.length > 0) fail(2, `Backup ${target} FAILED foreign_key_check: ${orphans.length} rows point nowhere`)
if (!chain.ok) fail(2, `Backup ${target}: event log BROKEN at seq ${chain.brokenAt} (${chain.count} events verified before it)`)
console.log(`Backup written to ${target} (${size} in ${Math.round(ms)} ms): integrity ok, foreign keys ok`)
console.log(`Event log intact: ${chain.count} events, head seq ${chain.head.seq}, hash ${chain.head.hash}`)
