import { z } from 'zod'
import { ORG_KINDS } from './enums'
import { Id, line } from './common'

export const Organization = z
  .object({
    id: Id,
    code: z.string(),
    name: z.string(),
    kind: z.enum(ORG_KINDS),
    phone: z.string().nullable(),
  })
  .meta({ id: 'Organization' })
export type Organization = z.infer<typeof Organization>

export const OrganizationCreate = z.strictObject({
  code: line(32).pipe(z.string().regex(/^[a-z0-9_-]+$/, 'Lowercase letters, digits, - and _')),
  name: line(200),
  kind: z.enum(ORG_KINDS),
  phone: line(32).nullable().optional(),
})
export const OrganizationUpdate = OrganizationCreate.omit({ code: true })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to update' })
