// The organisation's incidents, live from the desk: open ones first, each with edit and
// "restored" while it is still open.
import { useState } from 'preact/hooks'
import { OPEN_INCIDENT_STATUSES, isOneOf } from '../../shared/enums'
import type { Incident } from '../../shared/incident'
import { can } from '../../shared/permissions'
import { formatDateTime } from '../common/format'
import { label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { markRestored } from './actions'
import { failureErrors } from './issues'
import { FinalReportBlock, StageChip } from './FinalReport'

const isOpen = (i: Incident) => isOneOf(OPEN_INCIDENT_STATUSES, i.status)

export function myIncidents(desk: Desk): Incident[] {
  const org = desk.me.value?.organizationId
  return desk.incidents
    .all()
    .filter((i) => i.organizationId === org)
    .sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)) || b.createdAt - a.createdAt)
}

export function IncidentList({
  desk,
  editingId,
  onEdit,
}: {
  desk: Desk
  editingId: number | null
  onEdit: (i: Incident) => void
}) {
  const role = desk.me.value?.role
  const rows = myIncidents(desk)
  const mayEdit = !!role && can(role, 'incident.update')
  const mayResolve = !!role && can(role, 'incident.resolve')
  return (
    <section class="panel" aria-labelledby="my-incidents">
      <h2 id="my-incidents">{t('report.myIncidents')}</h2>
      {rows.length === 0 ? (
        <p class="muted">{t('report.noIncidents')}</p>
      ) : (
        <ul class="incident-list stale-dim">
          {rows.map((i) => (
            <IncidentRow
              key={i.id}
              desk={desk}
              incident={i}
              editing={editingId === i.id}
              onEdit={mayEdit && isOpen(i) ? () => onEdit(i) : null}
              mayResolve={mayResolve && isOpen(i)}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

function IncidentRow(p: {
  desk: Desk
  incident: Incident
  editing: boolean
  onEdit: (() => void) | null
  mayResolve: boolean
}) {
  const i = p.incident
  const [restoring, setRestoring] = useState(false)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const confirm = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await markRestored(p.desk, i.id, note.trim() || t('report.restoredNote'))
      setRestoring(false)
    } catch (err) {
      setError(Object.values(failureErrors(err)).join(' · '))
    } finally {
      setBusy(false)
    }
  }

  return (
    <li
      class={`incident-row ${isOpen(i) ? 'open' : 'over'} ${p.editing ? 'editing' : ''}`}
      data-testid={`incident-${i.id}`}
    >
      <div class="row-main">
        <span class="num">#{i.id}</span>
        <span class={`chip sev-${i.severity}`}>{label('severity', i.severity)}</span>
        <span class={`chip ist-${i.status}`}>{label('incidentStatus', i.status)}</span>
        <StageChip incident={i} />
        {i.drill && <span class="chip">{t('incident.drill')}</span>}
      </div>
      <strong class="row-title">{i.title}</strong>
      <span class="muted">
        {label('incidentKind', i.kind)} · {label('incidentCause', i.cause)} ·{' '}
        {formatDateTime(i.createdAt)}
      </span>
      {i.estimatedRestoreAt !== null && isOpen(i) && (
        <span class="muted">
          {t('report.restoreBy', { t: formatDateTime(i.estimatedRestoreAt) })}
        </span>
      )}
      {i.statusNote && <span class="note">{i.statusNote}</span>}
      <FinalReportBlock desk={p.desk} incident={i} />

      {restoring ? (
        <form class="restore" onSubmit={confirm}>
          <label class="fld">
            <span class="fld-label">{t('report.restoredNoteLabel')}</span>
            <input
              value={note}
              placeholder={t('report.restoredNote')}
              maxLength={1000}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </label>
          <div class="form-actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? t('report.sending') : t('report.confirmRestored')}
            </button>
            <button type="button" onClick={() => setRestoring(false)}>
              {t('app.cancel')}
            </button>
          </div>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </form>
      ) : (
        (p.onEdit || p.mayResolve) && (
          <div class="row-actions">
            {p.onEdit && (
              <button type="button" onClick={p.onEdit} disabled={p.editing}>
                {t('report.edit')}
              </button>
            )}
            {p.mayResolve && (
              <button type="button" class="ok" onClick={() => setRestoring(true)}>
                {t('report.markRestored')}
              </button>
            )}
          </div>
        )
      )}
    </li>
  )
}
