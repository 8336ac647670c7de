// Form models for a crew and a piece of equipment, new or edited: typed values, errors by field,
// checked with the route's schema before anything is sent.
import { signal } from '@preact/signals'
import type { z } from 'zod'
import { CrewCreate, CrewUpdate, type Crew } from '../../shared/crew'
import { CREW_SKILLS, type CrewSkill } from '../../shared/enums'
import { ResourceCreate, ResourceUpdate, type Resource } from '../../shared/resource'
import { t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { addCrew, addResource, editCrew, editResource } from './actions'
import { check, failureErrors, type FieldErrors } from './issues'

/** A form model: typed values, errors by field, checked with the route's schema, then sent. */
export function createForm<V extends object>(
  initial: () => V,
  plan: (v: V) => { schema: z.ZodType; body: Record<string, unknown> },
  send: (data: never) => Promise<string>,
  keepAfterSave: boolean,
) {
  const values = signal<V>(initial())
  const errors = signal<FieldErrors>({})
  const busy = signal(false)
  const notice = signal<string | null>(null)
  return {
    values,
    errors,
    busy,
    notice,
    set(patch: Partial<V>): void {
      values.value = { ...values.value, ...patch }
      notice.value = null
      const left = { ...errors.value }
      for (const k of Object.keys(patch)) delete left[k]
      errors.value = left
    },
    async submit(): Promise<boolean> {
      if (busy.value) return false
      const { schema, body } = plan(values.value)
      if (Object.keys(body).length === 0) {
        notice.value = t('report.noChanges')
        return false
      }
      const parsed = check(schema, body)
      if (!parsed.ok) {
        errors.value = parsed.errors
        return false
      }
      busy.value = true
      errors.value = {}
      try {
        notice.value = await send(parsed.data as never)
        if (!keepAfterSave) values.value = initial()
        return true
      } catch (err) {
        errors.value = failureErrors(err)
        return false
      } finally {
        busy.value = false
      }
    },
  }
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()))

/** The fields that differ from the row as the desk holds it. */
function changed(
  next: Record<string, unknown>,
  row: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(row[k])),
  )
}

export interface CrewValues {
  name: string
  phone: string
  members: string
  skills: CrewSkill[]
}

export function createCrewForm(desk: Desk, editing: Crew | null) {
  const initial = (): CrewValues =>
    editing
      ? {
          name: editing.name,
          phone: editing.phone ?? '',
          members: String(editing.members),
          skills: [...editing.skills],
        }
      : { name: '', phone: '', members: '2', skills: [] }
  const body = (v: CrewValues) => ({
    name: v.name,
    phone: v.phone.trim() === '' ? null : v.phone,
    members: num(v.members),
    skills: CREW_SKILLS.filter((s) => v.skills.includes(s)),
  })
  return createForm(
    initial,
    (v) =>
      editing
        ? { schema: CrewUpdate, body: changed(body(v), editing) }
        : { schema: CrewCreate, body: body(v) },
    async (data: z.output<typeof CrewCreate>) => {
      const crew = editing ? await editCrew(desk, editing.id, data) : await addCrew(desk, data)
      return editing ? t('report.savedShort') : t('report.crewAdded', { name: crew.name })
    },
    !!editing,
  )
}

export interface ResourceValues {
  kind: string
  name: string
  capacity: string
  crewId: string
}

export function createResourceForm(desk: Desk, editing: Resource | null) {
  const initial = (): ResourceValues =>
    editing
      ? {
          kind: editing.kind,
          name: editing.name,
          capacity: editing.capacity ?? '',
          crewId: editing.crewId ? String(editing.crewId) : '',
        }
      : { kind: '', name: '', capacity: '', crewId: '' }
  const common = (v: ResourceValues) => ({
    name: v.name,
    capacity: v.capacity.trim() === '' ? null : v.capacity,
    crewId: v.crewId === '' ? null : Number(v.crewId),
  })
  return createForm(
    initial,
    (v) =>
      editing
        ? { schema: ResourceUpdate, body: changed(common(v), editing) }
        : { schema: ResourceCreate, body: { ...common(v), kind: v.kind || undefined } },
    async (data: z.output<typeof ResourceCreate>) => {
      const r = editing ? await editResource(desk, editing.id, data) : await addResource(desk, data)
      return editing ? t('report.savedShort') : t('report.resourceAdded', { name: r.name })
    },
    !!editing,
  )
}

export type CrewForm = ReturnType<typeof createCrewForm>
export type ResourceForm = ReturnType<typeof createResourceForm>
