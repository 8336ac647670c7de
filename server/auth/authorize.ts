import { inScope, scopeOf, type Action, type Scope } from '../../shared/permissions'
import type { Actor } from '../context'
import { forbidden, notFound } from '../errors'

/** The scope the actor holds for the action; a 403 when the table gives none. */
export function authorize(actor: Actor, action: Action): Scope {
  const scope = scopeOf(actor.role, action)
  if (!scope) throw forbidden(action)
  return scope
}

/** A row outside the actor's scope does not exist for them: 404, not 403, so ids do not leak. */
export function assertInScope(
  actor: Actor,
  action: Action,
  owner: { organizationId: number | null; crewIds?: readonly number[] },
  what: string,
): void {
  if (!inScope(actor, action, owner)) throw notFound(what)
}
