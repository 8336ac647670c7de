// A refused action leaves no trace in the event log, but the audit keeps who tried what.
import { desc } from 'drizzle-orm'
import { accessDenials } from '../../db/schema'
import type { Actor, Deps } from '../context'
import { authorize } from './authorize'

export function recordDenial(deps: Deps, actor: Actor | null, code: string, method: string, path: string): void {
  deps.writer
    .run(actor?.userId ?? null, (w) => {
      w.db.insert(accessDenials).values({ at: w.now, userId: actor?.userId ?? null, role: actor?.role ?? null, code, method, path: path.slice(0, 300) }).run()
    })
    .catch(() => undefined)
}

export function listDenials(deps: Deps, actor: Actor, limit = 200) {
  authorize(actor, 'audit.verify')
  return deps.db.select().from(accessDenials).orderBy(desc(accessDenials.id)).limit(limit).all()
}
