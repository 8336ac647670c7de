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

export const Username = line(64).pipe(z.string().regex(/^[a-z0-9._-]+$/i, 'Letters, digits, . _ -'))

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
export const UserUpdate = z.strictObject({
  displayName: line(120).optional(),
  password: z.string().min(12).max(256).optional(),
  disabled: z.boolean().optional(),
  locale: z.enum(LOCALES).optional(),
})
export const MyPreferences = UserUpdate.pick({ locale: true })
