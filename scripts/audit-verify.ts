// npm run audit:verify — walks the event log's hash chain and names the first broken seq.
import { existsSync } from 'node:fs'
import { openDb } from '../db/client'
import { loadConfig } from '../server/config'
import { verifyChain } from '../server/events/log'

const config = loadConfig()
if (!existsSync(config.DB_FILE)) {
  console.error(`No database at ${config.DB_FILE} (set DB_FILE)`)
  process.exit(1)
}
const db = openDb(config.DB_FILE)
const result = verifyChain(db)
db.$client.close()
if (result.ok) {
  console.log(`Event log intact: ${result.count} events, head seq ${result.head.seq}, hash ${result.head.hash}`)
} else {
  console.error(`Event log BROKEN at seq ${result.brokenAt} (${result.count} events verified before it)`)
  process.exit(2)
}
