import { authorize } from '../auth/authorize'
import type { Actor, Deps } from '../context'
import { verifyChain, type VerifyResult } from './log'

/** Walks the whole hash chain (admins only): seconds for millions of events, so not for every page. */
export function verifyLog(deps: Deps, actor: Actor): VerifyResult {
  authorize(actor, 'audit.verify')
  return verifyChain(deps.db)
}
