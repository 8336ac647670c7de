// The report ladder on an incident row: its stage, the final report due (or overdue) once the
// service is back, and the form that files it: root cause, contributing factors, actions taken,
// restoration time. Filed once; shown afterwards.
import { useState } from 'preact/hooks'
import { FinalReportFile, type Incident } from '../../shared/incident'
import { can } from '../../shared/permissions'
import { finalReportDueAt, reportStage } from '../../shared/report-ladder'
import { formatDateTime, formatDuration } from '../common/format'
import { now } from '../common/now'
import { label, t } from '../i18n/i18n'
import { finalReportHours } from '../state/clientConfig'
import type { Desk } from '../state/desk'
import { parseVnDateTime, toVnDateTime } from './datetime'
import { focusFirstInvalid, FormError, TextArea, TextInput } from './Fields'
import { fileFinalReport } from './ladderActions'
import { check, failureErrors, type FieldErrors } from './issues'

export function StageChip({ incident }: { incident: Incident }) {
  const stage = reportStage(incident)
  return (
    <span class={`chip stage-${stage}`} data-testid="report-stage">
      {label('reportStage', stage)}
    </span>
  )
}

export function FinalReportBlock({ desk, incident: i }: { desk: Desk; incident: Incident }) {
  const role = desk.me.value?.role
  const [open, setOpen] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const due = finalReportDueAt(i, finalReportHours.value)
  const at = now.value + desk.clockSkew.value
  if (i.finalReport) {
    return (
      <div class="final-filed" data-testid="final-filed">
        {notice && <div class="notice small">{notice}</div>}
        <span class="muted small">{t('ladder.filedAt', { t: formatDateTime(i.finalReportAt!) })}</span>
        <details>
          <summary>{t('ladder.finalTitle')}</summary>
          <dl class="final-dl">
            <dt>{t('ladder.rootCause')}</dt>
            <dd>{i.finalReport.rootCause}</dd>
            {i.finalReport.contributingFactors && (
              <>
                <dt>{t('ladder.contributingFactors')}</dt>
                <dd>{i.finalReport.contributingFactors}</dd>
              </>
            )}
            <dt>{t('ladder.actionsTaken')}</dt>
            <dd>{i.finalReport.actionsTaken}</dd>
            {i.restoredAt !== null && (
              <>
                <dt>{t('ladder.restoredAt')}</dt>
                <dd>{formatDateTime(i.restoredAt)}</dd>
              </>
            )}
          </dl>
        </details>
      </div>
    )
  }
  if (due === null) return null
  const overdue = at > due
  return (
    <div class="final-due">
      <div class="row-main">
        {overdue ? (
          <span class="chip overdue-chip" data-testid="final-overdue">
            {t('ladder.overdue')} · {t('ladder.overdueBy', { d: formatDuration(at - due) })}
          </span>
        ) : (
          <span class="muted small">{t('ladder.dueBy', { t: formatDateTime(due) })}</span>
        )}
        {!open && role && can(role, 'incident.final_report') && (
          <button type="button" class={overdue ? 'primary' : ''} onClick={() => setOpen(true)} data-testid="open-final-report">
            {t('ladder.open')}
          </button>
        )}
      </div>
      {open && (
        <FinalReportForm
          desk={desk}
          incident={i}
          done={(ok) => {
            setOpen(false)
            if (ok) setNotice(t('ladder.filed', { id: i.id }))
          }}
        />
      )}
    </div>
  )
}

function FinalReportForm({ desk, incident: i, done }: { desk: Desk; incident: Incident; done: (ok: boolean) => void }) {
  const [rootCause, setRootCause] = useState('')
  const [factors, setFactors] = useState('')
  const [actions, setActions] = useState('')
  const [restored, setRestored] = useState(toVnDateTime(i.restoredAt))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)

  const submit = async (e: Event) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const when = parseVnDateTime(restored)
    if (Number.isNaN(when)) {
      setErrors({ restoredAt: t('validation.dateTime') })
      return focusFirstInvalid(form)
    }
    const body = {
      rootCause,
      contributingFactors: factors,
      actionsTaken: actions,
      ...(when !== null && when !== i.restoredAt ? { restoredAt: when } : {}),
    }
    const parsed = check(FinalReportFile, body)
    if (!parsed.ok) {
      setErrors(parsed.errors)
      return focusFirstInvalid(form)
    }
    setBusy(true)
    setErrors({})
    try {
      await fileFinalReport(desk, i.id, parsed.data)
      done(true)
    } catch (err) {
      setErrors(failureErrors(err))
      focusFirstInvalid(form)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form class="final-form editor" onSubmit={submit} data-testid="final-report-form">
      <h4>{t('ladder.finalTitle')} · #{i.id}</h4>
      <TextArea name="rootCause" label={t('ladder.rootCause')} value={rootCause} errors={errors} onInput={setRootCause} />
      <TextArea name="contributingFactors" label={t('ladder.contributingFactors')} value={factors} errors={errors} onInput={setFactors} />
      <TextArea name="actionsTaken" label={t('ladder.actionsTaken')} value={actions} errors={errors} onInput={setActions} />
      <TextInput
        name="restoredAt"
        type="datetime-local"
        label={t('ladder.restoredAt')}
        value={restored}
        errors={errors}
        onInput={setRestored}
        class="narrow"
      />
      <FormError errors={errors} shown={['rootCause', 'contributingFactors', 'actionsTaken', 'restoredAt']} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('report.sending') : t('ladder.submit')}
        </button>
        <button type="button" onClick={() => done(false)}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  )
}
