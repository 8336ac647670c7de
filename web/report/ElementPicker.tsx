// The incident form's optional list of network elements it takes down or degrades: pick one and
// its effect, add it, remove it. The list holds what the reader may name (the API scopes it).
import { useEffect, useState } from 'preact/hooks'
import { ELEMENT_EFFECTS, type ElementEffect } from '../../shared/enums'
import type { Element } from '../../shared/element'
import { label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import type { IncidentForm } from './incidentForm'
import { elements, loadElements } from './network'
import './network.css'

const collator = new Intl.Collator('vi')

export function ElementPicker({ desk, form }: { desk: Desk; form: IncidentForm }) {
  const [pick, setPick] = useState('')
  const [effect, setEffect] = useState<ElementEffect>('down')
  useEffect(() => void loadElements(), [])
  const named = form.values.value.elements
  const errors = Object.entries(form.errors.value).filter(([k]) => k.startsWith('elements'))
  const all = elements.value
  const byId = new Map(all.map((e) => [e.id, e]))
  const taken = new Set(named.map((n) => n.elementId))
  const byOrg = new Map<number, Element[]>()
  for (const e of [...all].sort((a, b) => collator.compare(a.name, b.name))) {
    if (!taken.has(e.id)) byOrg.set(e.organizationId, [...(byOrg.get(e.organizationId) ?? []), e])
  }
  const text = (e: Element | undefined, id: number) =>
    e ? `${e.name} (${label('elementKind', e.kind)})` : `#${id}`
  const add = () => {
    if (!pick) return
    form.set({ elements: [...named, { elementId: Number(pick), effect }] })
    setPick('')
  }

  return (
    <fieldset class="group element-picker" data-testid="element-picker">
      <legend>{t('network.affectedElements')}</legend>
      <p class="fld-hint">{t('network.affectedHint')}</p>
      <div class="picker-row">
        <label class="fld">
          <span class="fld-label">{t('network.pickElement')}</span>
          <select name="pickElement" value={pick} onChange={(e) => setPick(e.currentTarget.value)}>
            <option value="">{t('report.choose')}</option>
            {[...byOrg].map(([orgId, list]) => (
              <optgroup key={orgId} label={desk.organizations.get(orgId)?.name ?? `#${orgId}`}>
                {list.map((e) => (
                  <option key={e.id} value={String(e.id)}>
                    {text(e, e.id)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label class="fld">
          <span class="fld-label">{t('network.effect')}</span>
          <select name="pickEffect" value={effect} onChange={(e) => setEffect(e.currentTarget.value as ElementEffect)}>
            {ELEMENT_EFFECTS.map((x) => (
              <option key={x} value={x}>
                {label('elementState', x)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={add} disabled={!pick} data-testid="add-affected">
          {t('network.addAffected')}
        </button>
      </div>
      {named.length > 0 && (
        <ul class="named-elements" data-testid="named-elements">
          {named.map((n) => (
            <li key={n.elementId}>
              {text(byId.get(n.elementId), n.elementId)} ·{' '}
              <span class={`el-${n.effect}`}>{label('elementState', n.effect)}</span>{' '}
              <button
                type="button"
                class="link"
                onClick={() => form.set({ elements: named.filter((x) => x.elementId !== n.elementId) })}
              >
                {t('network.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {errors.length > 0 && <span class="field-error">{errors.map(([, m]) => m).join(' · ')}</span>}
    </fieldset>
  )
}
