// The organisation's own network elements: a table with their derived state, and a form to add
// one. Collapsed by default; the list loads (again) each time it is opened.
import { useMemo } from 'preact/hooks'
import { ELEMENT_KINDS, POWER_SOURCES } from '../../shared/enums'
import { label, t } from '../i18n/i18n'
import { focusFirstInvalid, FormError, Select, TextInput } from './Fields'
import { createElementForm, elements, elementsFailed, loadElements, type ElementForm } from './network'
import './network.css'

const collator = new Intl.Collator('vi')
const SHOWN = ['kind', 'code', 'name', 'lat', 'lng', 'upstreamId', 'coverageRadiusM', 'powerSource']

export function NetworkSection() {
  const form = useMemo(createElementForm, [])
  const list = elements.value
  const byId = new Map(list.map((e) => [e.id, e]))
  return (
    <details
      class="panel network-section"
      data-testid="network-section"
      onToggle={(e) => e.currentTarget.open && void loadElements(true)}
    >
      <summary>
        <h2>{t('network.title')}</h2>
        <span class="muted">{t('network.count', { n: list.length })}</span>
      </summary>
      <AddElement form={form} />
      {elementsFailed.value && <p class="error">{t('network.loadFailed')}</p>}
      <div class="network-table-wrap">
        <table class="table network-table" data-testid="element-table">
          <thead>
            <tr>
              <th>{t('network.kind')}</th>
              <th>{t('network.code')}</th>
              <th>{t('network.name')}</th>
              <th>{t('network.upstream')}</th>
              <th>{t('network.state')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((e) => (
              <tr key={e.id} data-element={e.id}>
                <td>{label('elementKind', e.kind)}</td>
                <td class="num">{e.code}</td>
                <td>{e.name}</td>
                <td>{e.upstreamId === null ? '—' : (byId.get(e.upstreamId)?.name ?? `#${e.upstreamId}`)}</td>
                <td class={`el-${e.state}`}>{label('elementState', e.state)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}

function AddElement({ form }: { form: ElementForm }) {
  const v = form.values.value
  const errors = form.errors.value
  const set = form.set
  const upstreams = [...elements.value].sort((a, b) => collator.compare(a.name, b.name))
  return (
    <form
      class="element-form"
      aria-labelledby="add-element-title"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault()
        const el = e.currentTarget
        if (!(await form.submit())) focusFirstInvalid(el)
      }}
    >
      <h3 id="add-element-title">{t('network.addTitle')}</h3>
      <div class="grid3">
        <Select
          name="kind"
          label={t('network.kind')}
          errors={errors}
          value={v.kind}
          onChange={(kind) => set({ kind })}
          options={ELEMENT_KINDS.map((k) => ({ value: k, label: label('elementKind', k) }))}
        />
        <TextInput name="code" label={t('network.code')} errors={errors} value={v.code} onInput={(code) => set({ code })} />
        <TextInput name="name" label={t('network.name')} errors={errors} value={v.name} onInput={(name) => set({ name })} />
        <TextInput name="lat" inputMode="decimal" label={t('report.lat')} errors={errors} value={v.lat} onInput={(lat) => set({ lat })} />
        <TextInput name="lng" inputMode="decimal" label={t('report.lng')} errors={errors} value={v.lng} onInput={(lng) => set({ lng })} />
        <Select
          name="upstreamId"
          label={t('network.upstream')}
          errors={errors}
          value={v.upstreamId}
          onChange={(upstreamId) => set({ upstreamId })}
          options={upstreams.map((e) => ({ value: String(e.id), label: `${e.name} (${label('elementKind', e.kind)})` }))}
          placeholder={t('network.noUpstream')}
        />
        <TextInput
          name="coverageRadiusM"
          inputMode="numeric"
          label={t('network.coverageRadius')}
          errors={errors}
          value={v.coverageRadiusM}
          onInput={(coverageRadiusM) => set({ coverageRadiusM })}
        />
        <Select
          name="powerSource"
          label={t('network.powerSource')}
          errors={errors}
          value={v.powerSource}
          onChange={(powerSource) => set({ powerSource })}
          options={POWER_SOURCES.map((p) => ({ value: p, label: label('powerSource', p) }))}
          placeholder={t('network.notGiven')}
        />
      </div>
      <FormError errors={errors} shown={SHOWN} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={form.busy.value}>
          {t('network.add')}
        </button>
        {form.notice.value && (
          <span class="notice" role="status">
            {form.notice.value}
          </span>
        )}
      </div>
    </form>
  )
}
