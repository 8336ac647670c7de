// Validation messages in the reader's language, beside the field they concern. Browser issues come
// from the shared schemas (with their limits); a server 400 carries the same issues, minus limits.
import { z } from 'zod'
import { en as zodEn, vi as zodVi } from 'zod/locales'
import type { ErrorIssue } from '../../shared/errors'
import { ApiFailure } from '../api/client'
import { errorText, locale, t, type Key } from '../i18n/i18n'

/** Field path ('lat', 'impact.usersAffected') → message; '' holds what belongs to no field. */
export type FieldErrors = Record<string, string>

// The messages shared/ writes in English for its own refinements, said in the catalogue's words.
const CUSTOM: Record<string, Key> = {
  'Must be one line': 'validation.oneLine',
  'Text has a control character': 'validation.controlChar',
  'Text has a broken Unicode character': 'validation.brokenText',
  'Give both lat and lng, or neither': 'validation.bothLatLng',
  'A phone number': 'validation.phone',
  'Nothing to update': 'validation.nothingToUpdate',
  'Give numbers or no change, not both': 'rollcall.bothGiven',
  'Give at least one number, or no change': 'rollcall.noneGiven',
  'Fewer sites in total than out of service': 'rollcall.totalTooSmall',
  'No earlier check-in for this area to repeat: give the numbers': 'rollcall.nothingToRepeat',
  'Name an incident or a site': 'assistance.pickIncidentOrSite',
  'Say why': 'assistance.sayWhy',
  'Restoration is before the onset of the incident': 'ladder.restoredBeforeOnset',
  'Restoration is in the future': 'ladder.restoredFuture',
}

type Issue = ErrorIssue & {
  input?: unknown
  expected?: string
  origin?: string
  minimum?: number | bigint
  maximum?: number | bigint
}

let zodLocale: string | null = null
/** zod speaks the page's language for the issues the catalogue does not word itself. */
function useZodLocale(): void {
  if (zodLocale === locale.value) return
  zodLocale = locale.value
  z.config(locale.value === 'vi' ? zodVi() : zodEn())
}

export function issueText(i: Issue): string {
  const custom = CUSTOM[i.message]
  if (custom) return t(custom)
  const min = i.minimum === undefined ? undefined : Number(i.minimum)
  const max = i.maximum === undefined ? undefined : Number(i.maximum)
  switch (i.code) {
    case 'invalid_type':
      if (i.input === undefined || i.input === null) return t('errors.required')
      if (i.expected === 'int') return t('validation.integer')
      return i.expected === 'number' ? t('errors.notNumber') : t('errors.invalid')
    case 'too_small':
      if (i.origin === 'string')
        return min === 1 ? t('errors.required') : t('validation.tooShort', { min: min ?? '' })
      if (min !== undefined) return t('errors.tooSmall', { min })
      break
    case 'too_big':
      if (max === undefined) break
      if (i.origin === 'string') return t('errors.tooLong', { max })
      return i.origin === 'array' ? t('validation.tooMany', { max }) : t('errors.tooBig', { max })
    case 'invalid_value':
      return t('validation.pickOne')
    case 'invalid_format':
      return t('validation.format')
  }
  // A server issue without its limits: zod's own words in English, a plain one in Vietnamese.
  return locale.value === 'vi' ? t('errors.invalid') : i.message
}

export function toFieldErrors(issues: readonly Issue[]): FieldErrors {
  const out: FieldErrors = {}
  for (const i of issues) out[i.path.join('.')] ??= issueText(i)
  return out
}

/** Parses with the route's own schema; errors keyed by field, or the parsed value. */
export function check<T extends z.ZodType>(
  schema: T,
  value: unknown,
): { ok: true; data: z.output<T> } | { ok: false; errors: FieldErrors } {
  useZodLocale()
  // With the input on each issue, "abc" in a number field reads "not a number", not "required".
  const r = schema.safeParse(value, { reportInput: true })
  if (r.success) return { ok: true, data: r.data }
  return { ok: false, errors: toFieldErrors(r.error.issues as unknown as Issue[]) }
}

/** A failed request as field errors (400) or one message under ''. */
export function failureErrors(err: unknown): FieldErrors {
  if (err instanceof ApiFailure) {
    if (err.status === 400 && Array.isArray(err.details) && err.details.length > 0) {
      return toFieldErrors(err.details as Issue[])
    }
    return { '': err.status === 0 ? t('errors.network') : errorText(err.code) }
  }
  return { '': t('errors.network') }
}
