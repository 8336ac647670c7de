import type { organizations, users } from '../../db/schema'
import type { Organization } from '../../shared/organization'
import type { User } from '../../shared/user'

export function presentOrganization(r: typeof organizations.$inferSelect): Organization {
  return { id: r.id, code: r.code, name: r.name, kind: r.kind, phone: r.phone }
}

export function presentUser(r: typeof users.$inferSelect): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role,
    organizationId: r.organizationId,
    crewId: r.crewId,
    locale: r.locale,
    disabled: r.disabled,
  }
}
