// The organisation's roll-call check-ins: for each open roll-call that calls it, each area with
// what is due by when ("Đã nộp lúc 08:42 — hạn 09:00"), one tap "no change since the last", or
// the numbers. Live from the desk; periods follow the server's clock.
import { useState } from 'preact/hooks'
import { indexOfStart, periodOf, periodToFile, upcomingIndex } from '../../shared/rollcall-board'
import { CheckinFile, type Checkin, type CheckinCount, type Rollcall } from '../../shared/rollcall'
import { formatDateTime, formatDuration, formatTime } from '../common/format'
import { now } from '../common/now'
import { t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { FormError, TextInput } from './Fields'
import { fileCheckin } from './ladderActions'
import { check, failureErrors, type FieldErrors } from './issues'
import './checkins.css'

const TELECOM_COUNTS: CheckinCount[] = ['sitesTotal', 'outPower', 'outTransmission', 'outDamage', 'generatorsDeployed']
const POSTAL_COUNTS: CheckinCount[] = ['officesClosed', 'routesSuspended']

export function CheckinPanel({ desk }: { desk: Desk }) {
  const org = desk.me.value?.organizationId
  const rollcalls = desk.rollcalls.all().filter((r) => r.closedAt === null && org !== undefined && r.organizationIds.includes(org))
  if (rollcalls.length === 0) return null
  return (
    <section class="panel checkins" aria-labelledby="checkins-title" data-testid="checkins">
      <h2 id="checkins-title">{t('rollcall.title')}</h2>
      {rollcalls.map((r) => (
        <RollcallCheckins key={r.id} desk={desk} rollcall={r} />
      ))}
    </section>
  )
}

function RollcallCheckins({ desk, rollcall: r }: { desk: Desk; rollcall: Rollcall }) {
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  return (
    <div class="rc-block">
      <div class="rc-title">
        <strong>{r.name}</strong>
        <span class="muted">
          {r.cadence === 'daily' ? t('rollcall.daily', { t: hhmm(r.dueMinute) }) : t('rollcall.hourly', { m: String(r.dueMinute % 60).padStart(2, '0') })}
        </span>
      </div>
      <ul class="rc-areas">
        {r.areaIds.map((areaId) => (
          <AreaCheckin key={areaId} desk={desk} rollcall={r} areaId={areaId} />
        ))}
      </ul>
    </div>
  )
}

function AreaCheckin({ desk, rollcall: r, areaId }: { desk: Desk; rollcall: Rollcall; areaId: number }) {
  const org = desk.me.value!.organizationId
  const kind = desk.organizations.get(org)?.kind
  const fields = kind === 'postal' ? POSTAL_COUNTS : TELECOM_COUNTS
  const [open, setOpen] = useState(false)
  const [values, setValues] = useState<Partial<Record<CheckinCount, string>>>({})
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)

  const at = now.value + desk.clockSkew.value
  const mine = desk.checkins.all().filter((c) => c.organizationId === org && c.areaId === areaId)
  const here = mine.filter((c) => c.activationId === r.id)
  const byIndex = new Map<number, Checkin>()
  for (const c of here) {
    const k = indexOfStart(r, c.periodStart)
    if (k !== null) byIndex.set(k, c)
  }
  const next = upcomingIndex(r, at)
  const target = periodToFile(r, at, new Set(byIndex.keys()))
  const nextDue = periodOf(r, next).dueAt
  const last = mine.sort((a, b) => b.filedAt - a.filedAt || b.id - a.id)[0]
  const areaName = desk.areas.get(areaId)?.name ?? `#${areaId}`

  let status: { text: string; cls: string }
  if (target !== null && target < next) {
    status = { text: t('rollcall.lateDue', { due: formatTime(periodOf(r, target).dueAt) }), cls: 'rc-late-now' }
  } else if (byIndex.has(next)) {
    status = { text: t('rollcall.filedAt', { t: formatTime(byIndex.get(next)!.filedAt), due: formatTime(nextDue) }), cls: 'rc-filed' }
  } else {
    status = { text: t('rollcall.notYet', { due: formatTime(nextDue), left: formatDuration(nextDue - at) }), cls: 'rc-due' }
  }

  const send = async (body: unknown) => {
    const parsed = check(CheckinFile, body)
    if (!parsed.ok) return setErrors(parsed.errors)
    setBusy(true)
    setErrors({})
    setNotice(null)
    try {
      await fileCheckin(desk, r.id, parsed.data)
      setNotice(t('rollcall.sent', { area: areaName }))
      setOpen(false)
    } catch (err) {
      setErrors(failureErrors(err))
    } finally {
      setBusy(false)
    }
  }
  const openForm = () => {
    // Start from the last numbers: usually only a few change.
    setValues(Object.fromEntries(fields.map((k) => [k, last?.[k] != null ? String(last[k]) : ''])))
    setErrors({})
    setOpen(true)
  }
  const numbers = () => {
    const body: Record<string, unknown> = { areaId }
    for (const k of fields) {
      const v = (values[k] ?? '').trim()
      if (v !== '') body[k] = /^\d+$/.test(v) ? Number(v) : v
    }
    if (note.trim()) body.note = note
    return body
  }

  return (
    <li class="rc-area-row" data-area={areaId}>
      <div class="rc-line">
        <strong class="rc-area-name">{areaName}</strong>
        <span class={`rc-status ${status.cls}`} data-testid="checkin-status">
          {status.text}
        </span>
        {target !== null && !open && (
          <span class="rc-buttons">
            {last && (
              <button type="button" class="primary" disabled={busy} onClick={() => send({ areaId, noChange: true })} data-testid="no-change">
                {t('rollcall.noChange')}
              </button>
            )}
            <button type="button" disabled={busy} onClick={openForm}>
              {t('rollcall.enterNumbers')}
            </button>
          </span>
        )}
      </div>
      {last && !open && (
        <div class="muted small">
          {t('rollcall.last', { text: `${formatDateTime(last.filedAt)} · ${summary(last, fields)}` })}
        </div>
      )}
      {notice && !open && <div class="notice small">{notice}</div>}
      {open && (
        <form
          class="rc-numbers"
          onSubmit={(e) => {
            e.preventDefault()
            void send(numbers())
          }}
        >
          <div class="grid3">
            {fields.map((k) => (
              <TextInput
                key={k}
                name={k}
                label={t(`rollcall.${k}`)}
                inputMode="numeric"
                value={values[k] ?? ''}
                errors={errors}
                onInput={(v) => setValues({ ...values, [k]: v })}
              />
            ))}
          </div>
          <TextInput name="note" label={t('rollcall.note')} value={note} errors={errors} onInput={setNote} />
          <FormError errors={errors} shown={[...fields, 'note']} />
          <div class="form-actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? t('report.sending') : t('rollcall.submit')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </form>
      )}
      {!open && Object.keys(errors).length > 0 && <FormError errors={errors} shown={[]} />}
    </li>
  )
}

function summary(c: Checkin, fields: CheckinCount[]): string {
  const parts = fields.filter((k) => c[k] !== null).map((k) => `${t(`rollcall.${k}`)} ${c[k]}`)
  return parts.join(', ') || '—'
}
