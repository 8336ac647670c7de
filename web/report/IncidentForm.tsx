// The enterprise's incident report, new or edited: checked in the browser with the route's own
// schema, errors beside each field, nothing sent while anything is wrong.
import { useState } from 'preact/hooks'
import {
  AREA_LEVELS,
  INCIDENT_CAUSES,
  INCIDENT_KINDS,
  SERVICES,
  SEVERITIES,
} from '../../shared/enums'
import { label, t, type Key } from '../i18n/i18n'
import type { Incident } from '../../shared/incident'
import type { Desk } from '../state/desk'
import { Checks, focusFirstInvalid, FormError, Select, TextArea, TextInput } from './Fields'
import { IMPACT_KEYS, type IncidentForm as Form } from './incidentForm'
import { ImpactPreview } from './ImpactPreview'
import { ElementPicker } from './ElementPicker'

const options = (
  section: 'incidentKind' | 'incidentCause' | 'severity' | 'service',
  words: readonly string[],
) => words.map((w) => ({ value: w, label: label(section, w) }))

const SHOWN = [
  'kind',
  'cause',
  'severity',
  'services',
  'title',
  'description',
  'lat',
  'lng',
  'radiusM',
  'estimatedRestoreAt',
  ...IMPACT_KEYS.map((k) => `impact.${k}`),
]

export function IncidentForm({
  desk,
  form,
  onCancel,
  onSaved,
}: {
  desk: Desk
  form: Form
  onCancel?: () => void
  /** Told of the saved incident (the console selects it and closes its dialog). */
  onSaved?: (incident: Incident) => void
}) {
  const v = form.values.value
  const errors = form.errors.value
  const set = form.set
  const id = form.editing ? `edit-${form.editing.id}` : 'new'

  return (
    <form
      class="incident-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault()
        const el = e.currentTarget
        const saved = await form.submit()
        if (saved) onSaved?.(saved)
        else focusFirstInvalid(el)
      }}
    >
      <h2 id={`${id}-title`}>
        {form.editing ? t('report.editTitle', { id: form.editing.id }) : t('report.newReport')}
      </h2>

      <div class="grid3">
        <Select
          name="kind"
          label={t('incident.kind')}
          errors={errors}
          value={v.kind}
          onChange={(kind) => set({ kind })}
          options={options('incidentKind', INCIDENT_KINDS)}
          placeholder={t('report.choose')}
        />
        <Select
          name="cause"
          label={t('incident.cause')}
          errors={errors}
          value={v.cause}
          onChange={(cause) => set({ cause })}
          options={options('incidentCause', INCIDENT_CAUSES)}
        />
        <Select
          name="severity"
          label={t('incident.severity')}
          errors={errors}
          value={v.severity}
          onChange={(severity) => set({ severity })}
          options={options('severity', SEVERITIES)}
          placeholder={t('report.choose')}
        />
      </div>

      <Checks
        name="services"
        label={t('incident.services')}
        errors={errors}
        value={v.services}
        onChange={(services) => set({ services })}
        options={SERVICES.map((s) => ({ value: s, label: label('service', s) }))}
      />

      <TextInput
        name="title"
        label={t('incident.title')}
        errors={errors}
        value={v.title}
        onInput={(title) => set({ title })}
      />
      <TextArea
        name="description"
        label={t('incident.description')}
        errors={errors}
        value={v.description}
        onInput={(description) => set({ description })}
      />

      <Location desk={desk} form={form} />
      <ElementPicker desk={desk} form={form} />
      {!form.editing && <ImpactPreview form={form} />}

      <TextInput
        name="estimatedRestoreAt"
        type="datetime-local"
        label={t('incident.estimatedRestore')}
        hint={t('report.restoreHint')}
        errors={errors}
        value={v.estimatedRestoreAt}
        onInput={(estimatedRestoreAt) => set({ estimatedRestoreAt })}
        class="narrow"
      />

      <fieldset class="group">
        <legend>{t('incident.impact')}</legend>
        <div class="grid3">
          {IMPACT_KEYS.map((k) => (
            <TextInput
              key={k}
              name={`impact.${k}`}
              inputMode="numeric"
              label={t(`incident.${k}` as Key)}
              errors={errors}
              value={v.impact[k]}
              onInput={(x) => form.setImpact(k, x)}
            />
          ))}
        </div>
      </fieldset>

      {!form.editing && (
        <label class="check">
          <input
            type="checkbox"
            checked={v.drill}
            onChange={(e) => set({ drill: e.currentTarget.checked })}
          />
          {t('incident.drill')}
        </label>
      )}

      <FormError errors={errors} shown={[...SHOWN, ...Object.keys(errors).filter((k) => k.startsWith('elements'))]} />
      {Object.keys(errors).length > 0 && <p class="error">{t('report.fixErrors')}</p>}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={form.busy.value}>
          {form.busy.value
            ? t('report.sending')
            : form.editing
              ? t('app.save')
              : t('report.submit')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('app.close')}
          </button>
        )}
        {form.notice.value && (
          <span class="notice" role="status">
            {form.notice.value}
          </span>
        )}
      </div>
    </form>
  )
}

const collator = new Intl.Collator('vi')

/** Coordinates typed, or filled from a protected site or an area centre. */
function Location({ desk, form }: { desk: Desk; form: Form }) {
  const [siteId, setSiteId] = useState('')
  const [areaId, setAreaId] = useState('')
  const v = form.values.value
  const errors = form.errors.value
  const level = (l: (typeof AREA_LEVELS)[number]) => AREA_LEVELS.indexOf(l)
  const areas = desk.areas
    .all()
    .sort((a, b) => level(a.level) - level(b.level) || collator.compare(a.name, b.name))
  const byArea = new Map<number, ReturnType<typeof desk.sites.all>>()
  for (const s of desk.sites.all().sort((a, b) => collator.compare(a.name, b.name))) {
    byArea.set(s.areaId, [...(byArea.get(s.areaId) ?? []), s])
  }
  const fill = (p: { lat: number; lng: number } | undefined) =>
    p && form.set({ lat: String(p.lat), lng: String(p.lng) })
  // A pick shows only while the coordinates are the ones it filled in: not after a sent form
  // is cleared, nor once the coordinates are typed over.
  const picked = (id: string, p: { lat: number; lng: number } | undefined) =>
    p && String(p.lat) === v.lat && String(p.lng) === v.lng ? id : ''

  return (
    <fieldset class="group">
      <legend>{t('incident.location')}</legend>
      <p class="fld-hint">{t('report.locationHint')}</p>
      <div class="grid2">
        <label class="fld">
          <span class="fld-label">{t('report.pickSite')}</span>
          <select
            name="site"
            value={picked(siteId, desk.sites.get(Number(siteId)))}
            onChange={(e) => {
              setSiteId(e.currentTarget.value)
              setAreaId('')
              fill(desk.sites.get(Number(e.currentTarget.value)))
            }}
          >
            <option value="">{t('report.choose')}</option>
            {areas
              .filter((a) => byArea.has(a.id))
              .map((a) => (
                <optgroup key={a.id} label={a.name}>
                  {byArea.get(a.id)!.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name} ({label('siteKind', s.kind)})
                    </option>
                  ))}
                </optgroup>
              ))}
          </select>
        </label>
        <label class="fld">
          <span class="fld-label">{t('report.pickArea')}</span>
          <select
            name="area"
            value={picked(areaId, desk.areas.get(Number(areaId)))}
            onChange={(e) => {
              setAreaId(e.currentTarget.value)
              setSiteId('')
              fill(desk.areas.get(Number(e.currentTarget.value)))
            }}
          >
            <option value="">{t('report.choose')}</option>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="grid3">
        <TextInput
          name="lat"
          inputMode="decimal"
          label={t('report.lat')}
          errors={errors}
          value={v.lat}
          onInput={(lat) => form.set({ lat })}
        />
        <TextInput
          name="lng"
          inputMode="decimal"
          label={t('report.lng')}
          errors={errors}
          value={v.lng}
          onInput={(lng) => form.set({ lng })}
        />
        <TextInput
          name="radiusM"
          inputMode="numeric"
          label={t('incident.radius')}
          errors={errors}
          value={v.radiusM}
          onInput={(radiusM) => form.set({ radiusM })}
        />
      </div>
    </fieldset>
  )
}
