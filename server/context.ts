import type { Db } from '../db/client'
import type { Viewer } from '../shared/permissions'
import type { Clock } from './clock'
import type { Config } from './config'
import type { EventBus } from './events/bus'
import type { Writer } from './writer'

/** What every service needs, built once at start (or per test). */
export interface Deps {
  db: Db
  writer: Writer
  clock: Clock
  bus: EventBus
  config: Config
}

/** The signed-in user a service acts for. */
export interface Actor extends Viewer {
  userId: number
  username: string
  /** Set when an enterprise system calls with an API token rather than a person with a session. */
  tokenId?: number
}
