import { z } from 'zod'

// C0 controls other than tab and newline, and DEL: never legitimate in a report.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/

/** User text: well-formed Unicode (no lone surrogates), no NUL or control characters, NFC, trimmed. */
export function text(max: number, min = 0) {
  return z
    .string()
    .refine((s) => s.isWellFormed(), { message: 'Text has a broken Unicode character' })
    .refine((s) => !CONTROL.test(s), { message: 'Text has a control character' })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(min).max(max))
}

/** A one-line name: like text() but without line breaks. */
export function line(max: number, min = 1) {
  return text(max, min).refine((s) => !/[\n\t]/.test(s), { message: 'Must be one line' })
}

export const Id = z.number().int().positive()
export const IdParam = z.object({ id: z.coerce.number().int().positive() })
export const Timestamp = z.number().int().nonnegative().meta({ description: 'UTC milliseconds' })

export const Lat = z.number().min(-90).max(90)
export const Lng = z.number().min(-180).max(180)

export const Position = z.strictObject({
  lat: Lat,
  lng: Lng,
  accuracy: z.number().min(0).max(100_000).optional(),
  at: Timestamp.optional(),
})
export type Position = z.infer<typeof Position>

export const Ok = z.object({ ok: z.literal(true) })

/** Paged list query: limit and a cursor of the last id seen. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.coerce.number().int().nonnegative().optional(),
})

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next: z.number().int().nullable() })
}
