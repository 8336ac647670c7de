import { ApiFailure } from '../api/client'
import { errorText, t } from '../i18n/i18n'

/**
 * A failed request in the user's language: the error code's words, and for bad input the fields
 * it names (the server's own message is English and stays out of the Vietnamese screen).
 */
export function failureText(e: unknown): string {
  if (!(e instanceof ApiFailure) || e.status === 0) return t('errors.network')
  const fields = Object.keys(e.fields).filter(Boolean)
  return fields.length > 0 ? `${errorText(e.code)} (${fields.join(', ')})` : errorText(e.code)
}
