// t('incident.acknowledge'), label('severity', 'high'), and the locale signal. Vietnamese first;
// the choice is remembered on this device and, once signed in, on the user.
import { signal } from '@preact/signals'
import type { Locale } from '../../shared/enums'
import { en } from './en'
import { vi, type Catalogue } from './vi'

const catalogues: Record<Locale, Catalogue> = { vi, en }
const STORAGE_KEY = 'commsdesk.locale'

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'vi' || saved === 'en') return saved
  } catch {}
  return 'vi'
}

export const locale = signal<Locale>(typeof localStorage === 'undefined' ? 'vi' : initialLocale())

export function setLocale(next: Locale): void {
  locale.value = next
  try {
    localStorage.setItem(STORAGE_KEY, next)
  } catch {}
  document.documentElement.lang = next
}

type Section = keyof Catalogue
type Flat = { [S in Section]: `${S}.${Extract<keyof Catalogue[S], string>}` }[Section]
export type Key = Flat

/** A catalogue string with {name} placeholders filled in. */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  const [section, name] = key.split('.') as [Section, string]
  const raw = (catalogues[locale.value][section] as Record<string, unknown>)[name]
  const text = typeof raw === 'string' ? raw : key
  return text.replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? `{${p}}`))
}

type LabelSection = {
  [S in Section]: Catalogue[S] extends Record<string, string> ? S : never
}[Section]

/** The label of an enum word: label('incidentStatus', 'reported'). */
export function label<S extends LabelSection>(section: S, word: string): string {
  return (catalogues[locale.value][section] as Record<string, string>)[word] ?? word
}

export function errorText(code: string): string {
  return (catalogues[locale.value].errors.code as Record<string, string>)[code] ?? code
}
