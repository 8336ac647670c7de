import { z } from 'zod'
import { LOCALES, ROLES } from './enums'
import { Id, line } from './common'

export const User = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    organizationId: Id,
    crewId: Id.nullable(),
    locale: z.enum(LOCALES),
    disabled: z.boolean(),
  })
  .meta({ id: 'User' })
export type User = z.infer<typeof User>

// Sign-in folds case, so a name is stored folded: "NguyenVanA" signs in, and is one with "nguyenvana".
export const Username = line(64)
  .pipe(z.string().regex(/^[a-z0-9._-]+$/i, 'Letters, digits, . _ -'))
  .transform((s) => s.toLowerCase())

export const Login = z.strictObject({
  username: line(64),
  password: z.string().min(1).max(256),
})

export const UserCreate = z.strictObject({
  username: Username,
  displayName: line(120),
  password: z.string().min(12).max(256),
  role: z.enum(ROLES),
  organizationId: Id,
  crewId: Id.nullable().optional(),
  locale: z.enum(LOCALES).optional(),
})
const UserChanges = z.strictObject({
  displayName: line(120).optional(),
  password: z.string().min(12).max(256).optional(),
  disabled: z.boolean().optional(),
  locale: z.enum(LOCALES).optional(),
})
export const UserUpdate = UserChanges.refine((u) => Object.keys(u).length > 0, {
  message: 'Nothing to update',
})
export const MyPreferences = UserChanges.pick({ locale: true }).refine(
  (u) => Object.keys(u).length > 0,
  { message: 'Nothing to update' },
)
