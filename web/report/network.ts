// The organisation's network elements as the API scopes them (an enterprise its own, staff all),
// loaded page by page; and the add-element form, checked with the route's own schema.
import { signal } from '@preact/signals'
import { z } from 'zod'
import { Element, ElementCreate } from '../../shared/element'
import { page } from '../../shared/common'
import { api } from '../api/client'
import { t } from '../i18n/i18n'
import { createForm } from './entityForms'

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

/** The add-element form: the same form model as crews and equipment, sending to /elements. */
export function createElementForm() {
  return createForm<ElementValues>(
    blank,
    (v) => ({
      schema: ElementCreate,
      body: {
        kind: v.kind || undefined,
        code: v.code,
        name: v.name,
        lat: num(v.lat),
        lng: num(v.lng),
        upstreamId: v.upstreamId ? Number(v.upstreamId) : null,
        coverageRadiusM: num(v.coverageRadiusM) ?? null,
        powerSource: v.powerSource || null,
      },
    }),
    async (data: z.output<typeof ElementCreate>) => {
      const saved = await api(Element, 'POST', '/elements', data)
      elements.value = [...elements.value, saved]
      return t('network.elementAdded', { name: saved.name })
    },
    false,
  )
}

export type ElementForm = ReturnType<typeof createElementForm>
