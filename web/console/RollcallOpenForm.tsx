// Opening a roll-call: a name, daily at a time or hourly at a minute, the areas, and the
// enterprises called (every telecom and postal enterprise unless unticked). Checked with the
// schema the route uses.
import { useState } from 'preact/hooks'
import { ROLLCALL_CADENCES, type RollcallCadence } from '../../shared/enums'
import { RollcallOpen } from '../../shared/rollcall'
import { label, t } from '../i18n/i18n'
import { check, failureErrors, type FieldErrors } from '../report/issues'
import type { Desk } from '../state/desk'
import { openRollcall } from './intakeActions'

export function RollcallOpenForm({ desk, done }: { desk: Desk; done: () => void }) {
  const districts = desk.areas.all().filter((a) => a.level !== 'province')
  const enterprises = desk.organizations.all().filter((o) => o.kind === 'telecom' || o.kind === 'postal')
  const [name, setName] = useState('')
  const [cadence, setCadence] = useState<RollcallCadence>('daily')
  const [time, setTime] = useState('09:00')
  const [minute, setMinute] = useState('0')
  const [areaIds, setAreaIds] = useState<number[]>(districts.map((a) => a.id))
  const [orgIds, setOrgIds] = useState<number[]>(enterprises.map((o) => o.id))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)

  const toggle = (list: number[], set: (v: number[]) => void, id: number, on: boolean) =>
    set(on ? [...list, id] : list.filter((x) => x !== id))

  const submit = async (e: Event) => {
    e.preventDefault()
    const [h, m] = time.split(':').map(Number) as [number, number]
    const body = {
      name,
      cadence,
      dueMinute: cadence === 'daily' ? h * 60 + m : Number(minute),
      areaIds,
      organizationIds: orgIds,
    }
    const parsed = check(RollcallOpen, body)
    if (!parsed.ok) return setErrors(parsed.errors)
    setBusy(true)
    setErrors({})
    try {
      await openRollcall(body)
      done()
    } catch (err) {
      setErrors(failureErrors(err))
    } finally {
      setBusy(false)
    }
  }
  const err = (k: string) => errors[k] && <span class="field-error">{errors[k]}</span>
  const rest = Object.entries(errors).filter(([k]) => !['name', 'dueMinute', 'areaIds', 'organizationIds'].includes(k.split('.')[0]!))

  return (
    <form class="rc-form" onSubmit={submit} data-testid="rollcall-form">
      <label>
        {t('rollcall.name')}
        <input value={name} placeholder={t('rollcall.namePlaceholder')} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
        {err('name')}
      </label>
      <div class="rc-row">
        <label>
          {t('rollcall.cadence')}
          <select value={cadence} onChange={(e) => setCadence(e.currentTarget.value as RollcallCadence)}>
            {ROLLCALL_CADENCES.map((c) => (
              <option key={c} value={c}>
                {label('cadence', c)}
              </option>
            ))}
          </select>
        </label>
        {cadence === 'daily' ? (
          <label>
            {t('rollcall.dueTime')}
            <input type="time" value={time} required onInput={(e) => setTime(e.currentTarget.value || '09:00')} />
            {err('dueMinute')}
          </label>
        ) : (
          <label>
            {t('rollcall.dueMinute')}
            <input type="number" min={0} max={59} value={minute} onInput={(e) => setMinute(e.currentTarget.value)} />
            {err('dueMinute')}
          </label>
        )}
      </div>
      <fieldset class="rc-checks">
        <legend>{t('rollcall.areas')}</legend>
        {districts.map((a) => (
          <label key={a.id} class="check">
            <input type="checkbox" checked={areaIds.includes(a.id)} onChange={(e) => toggle(areaIds, setAreaIds, a.id, e.currentTarget.checked)} />
            {a.name}
          </label>
        ))}
        {err('areaIds')}
      </fieldset>
      <fieldset class="rc-checks">
        <legend>{t('rollcall.organizations')}</legend>
        {enterprises.map((o) => (
          <label key={o.id} class="check">
            <input type="checkbox" checked={orgIds.includes(o.id)} onChange={(e) => toggle(orgIds, setOrgIds, o.id, e.currentTarget.checked)} />
            {o.name}
          </label>
        ))}
        {err('organizationIds')}
      </fieldset>
      {rest.length > 0 && (
        <p class="error" role="alert">
          {rest.map(([k, m]) => (k ? `${k}: ${m}` : m)).join(' · ')}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('rollcall.open')}
        </button>
        <button type="button" onClick={done}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  )
}
