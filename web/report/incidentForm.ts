// The incident form's model: what is typed (as text), the errors beside each field, and submit.
// The browser checks with the route's own schema and sends nothing while anything is wrong.
import { signal } from '@preact/signals'
import { SERVICES, type ElementEffect, type Service } from '../../shared/enums'
import { IncidentCreate, IncidentUpdate, type Impact, type Incident } from '../../shared/incident'
import { t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { newIdempotencyKey } from '../api/client'
import { reportIncident, updateIncident } from './actions'
import { parseVnDateTime, toVnDateTime } from './datetime'
import { check, failureErrors, type FieldErrors } from './issues'

export const IMPACT_KEYS = [
  'cellSitesDownPower',
  'cellSitesDownTransmission',
  'cellSitesDownDamage',
  'generatorsDeployed',
  'usersAffected',
] as const satisfies readonly (keyof Impact)[]
type ImpactKey = (typeof IMPACT_KEYS)[number]

export interface IncidentValues {
  kind: string
  cause: string
  severity: string
  services: Service[]
  title: string
  description: string
  lat: string
  lng: string
  radiusM: string
  estimatedRestoreAt: string
  impact: Record<ImpactKey, string>
  drill: boolean
  /** Network elements the incident takes down or degrades. */
  elements: { elementId: number; effect: ElementEffect }[]
}

const blankImpact = () =>
  Object.fromEntries(IMPACT_KEYS.map((k) => [k, ''])) as Record<ImpactKey, string>

export const blankIncident = (): IncidentValues => ({
  kind: 'outage',
  cause: 'unknown',
  severity: '',
  services: [],
  title: '',
  description: '',
  lat: '',
  lng: '',
  radiusM: '1000',
  estimatedRestoreAt: '',
  impact: blankImpact(),
  drill: false,
  elements: [],
})

export function valuesOf(i: Incident): IncidentValues {
  const impact = blankImpact()
  for (const k of IMPACT_KEYS) impact[k] = i.impact[k] === undefined ? '' : String(i.impact[k])
  return {
    kind: i.kind,
    cause: i.cause,
    severity: i.severity,
    services: [...i.services],
    title: i.title,
    description: i.description,
    lat: String(i.lat),
    lng: String(i.lng),
    radiusM: String(i.radiusM),
    estimatedRestoreAt: toVnDateTime(i.estimatedRestoreAt),
    impact,
    drill: i.drill,
    elements: i.elements.map((e) => ({ ...e })),
  }
}

/** '' is "not given"; a decimal comma is read as a point, as people type it in Vietnam. */
const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim().replace(',', '.')))

export function candidate(v: IncidentValues) {
  const impact: Record<string, number | undefined> = {}
  for (const k of IMPACT_KEYS) if (v.impact[k].trim() !== '') impact[k] = num(v.impact[k])
  return {
    kind: v.kind || undefined,
    cause: v.cause || undefined,
    severity: v.severity || undefined,
    services: SERVICES.filter((s) => v.services.includes(s)),
    title: v.title,
    description: v.description,
    lat: num(v.lat),
    lng: num(v.lng),
    radiusM: num(v.radiusM),
    estimatedRestoreAt: parseVnDateTime(v.estimatedRestoreAt),
    impact,
    elements: v.elements,
  }
}

/** JSON with object keys sorted, so that { a, b } and { b, a } compare equal. */
const stable = (v: unknown): string =>
  JSON.stringify(v, (_, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort())
      : x,
  )

/** Only what differs from the incident as the desk holds it. */
function patchOf(v: IncidentValues, i: Incident): Record<string, unknown> {
  const c = candidate(v)
  const patch: Record<string, unknown> = {}
  for (const [k, value] of Object.entries(c)) {
    if (stable(value) !== stable(i[k as keyof Incident])) patch[k] = value
  }
  return patch
}

function localErrors(errors: FieldErrors): FieldErrors {
  // The datetime input yields a number only when it holds a real date and time.
  if (errors.estimatedRestoreAt) errors.estimatedRestoreAt = t('validation.dateTime')
  return errors
}

export function createIncidentForm(desk: Desk, editing: Incident | null) {
  const values = signal<IncidentValues>(editing ? valuesOf(editing) : blankIncident())
  const errors = signal<FieldErrors>({})
  const busy = signal(false)
  const notice = signal<string | null>(null)

  let sent: { body: string; key: string } | null = null
  const keyFor = (body: unknown) => {
    const text = JSON.stringify(body)
    if (sent?.body !== text) sent = { body: text, key: newIdempotencyKey() }
    return sent.key
  }

  return {
    editing,
    values,
    errors,
    busy,
    notice,

    set(patch: Partial<IncidentValues>): void {
      values.value = { ...values.value, ...patch }
      notice.value = null
      // A corrected field loses its error as soon as it is touched.
      const left = { ...errors.value }
      for (const k of Object.keys(patch)) delete left[k]
      if (patch.lat !== undefined || patch.lng !== undefined) {
        delete left.lat
        delete left.lng
      }
      errors.value = left
    },

    setImpact(key: ImpactKey, value: string): void {
      values.value = { ...values.value, impact: { ...values.value.impact, [key]: value } }
      const left = { ...errors.value }
      delete left[`impact.${key}`]
      errors.value = left
    },

    /** Resolves to the saved incident, or null when nothing was sent or the server said no. */
    // (The same report sent again after a failure keeps its key; a changed one gets a new key.)
    async submit(): Promise<Incident | null> {
      if (busy.value) return null
      notice.value = null
      const v = values.value
      const body = editing ? patchOf(v, editing) : { ...candidate(v), drill: v.drill }
      if (editing && Object.keys(body).length === 0) {
        errors.value = {}
        notice.value = t('report.noChanges')
        return null
      }
      const parsed = editing ? check(IncidentUpdate, body) : check(IncidentCreate, body)
      if (!parsed.ok) {
        errors.value = localErrors(parsed.errors)
        return null
      }
      busy.value = true
      errors.value = {}
      try {
        const saved = editing
          ? await updateIncident(desk, editing.id, parsed.data as IncidentUpdate)
          : await reportIncident(desk, parsed.data as IncidentCreate, keyFor(parsed.data))
        notice.value = editing
          ? t('report.saved', { id: saved.id })
          : t('report.submitted', { id: saved.id })
        if (!editing) {
          values.value = blankIncident()
          sent = null
        }
        return saved
      } catch (err) {
        errors.value = localErrors(failureErrors(err))
        return null
      } finally {
        busy.value = false
      }
    },
  }
}

export type IncidentForm = ReturnType<typeof createIncidentForm>
