// The organisation's network elements as the API scopes them (an enterprise its own, staff all),
// loaded page by page; and the add-element form, checked with the route's own schema.
import { signal } from '@preact/signals'
import { z } from 'zod'
import { Element, ElementCreate } from '../../shared/element'
import { page } from '../../shared/common'
import { api } from '../api/client'
import { t } from '../i18n/i18n'
import { check, failureErrors, type FieldErrors } from './issues'

const ElementPage = page(Element)

/** Shared by the network section and the incident form's element picker. */
export const elements = signal<Element[]>([])
export const elementsFailed = signal(false)
let loading: Promise<void> | null = null

async function fetchAll(): Promise<Element[]> {
  const all: Element[] = []
  let after: number | null = null
  do {
    const res: z.infer<typeof ElementPage> = await api(
      ElementPage,
      'GET',
      `/elements?limit=1000${after === null ? '' : `&after=${after}`}`,
    )
    all.push(...res.items)
    after = res.next
  } while (after !== null)
  return all
}

/** Loads once; `fresh` reloads (the section does on opening, so states are current). */
export function loadElements(fresh = false): Promise<void> {
  if (loading && !fresh) return loading
  loading = fetchAll()
    .then((all) => {
      elements.value = all
      elementsFailed.value = false
    })
    .catch(() => {
      elementsFailed.value = true
      loading = null
    })
  return loading
}

export interface ElementValues {
  kind: string
  code: string
  name: string
  lat: string
  lng: string
  upstreamId: string
  coverageRadiusM: string
  powerSource: string
}

const blank = (): ElementValues => ({
  kind: 'cell_site',
  code: '',
  name: '',
  lat: '',
  lng: '',
  upstreamId: '',
  coverageRadiusM: '',
  powerSource: '',
})

/** '' is "not given"; a decimal comma is read as a point. */
const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim().replace(',', '.')))

export function createElementForm() {
  const values = signal<ElementValues>(blank())
  const errors = signal<FieldErrors>({})
  const busy = signal(false)
  const notice = signal<string | null>(null)
  return {
    values,
    errors,
    busy,
    notice,
    set(patch: Partial<ElementValues>): void {
      values.value = { ...values.value, ...patch }
      notice.value = null
      const left = { ...errors.value }
      for (const k of Object.keys(patch)) delete left[k]
      errors.value = left
    },
    async submit(): Promise<Element | null> {
      if (busy.value) return null
      const v = values.value
      const body = {
        kind: v.kind || undefined,
        code: v.code,
        name: v.name,
        lat: num(v.lat),
        lng: num(v.lng),
        upstreamId: v.upstreamId ? Number(v.upstreamId) : null,
        coverageRadiusM: num(v.coverageRadiusM) ?? null,
        powerSource: v.powerSource || null,
      }
      const parsed = check(ElementCreate, body)
      if (!parsed.ok) {
        errors.value = parsed.errors
        return null
      }
      busy.value = true
      errors.value = {}
      try {
        const saved = await api(Element, 'POST', '/elements', parsed.data)
        elements.value = [...elements.value, saved]
        values.value = blank()
        notice.value = t('network.elementAdded', { name: saved.name })
        return saved
      } catch (err) {
        errors.value = failureErrors(err)
        return null
      } finally {
        busy.value = false
      }
    },
  }
}

export type ElementForm = ReturnType<typeof createElementForm>
