import { useEffect, useState } from 'preact/hooks'
import { failureText } from '../common/failure'
import { ACTIVE_DISPATCH_STATUSES, isOneOf, type IncidentStatus } from '../../shared/enums'
import type { DeskEvent } from '../../shared/events'
import type { IncidentDetail } from '../../shared/incident-detail'
import { can, type Action } from '../../shared/permissions'
import { INCIDENT_TRANSITIONS } from '../../shared/transitions'
import { ApiFailure } from '../api/client'
import { formatDateTime, formatDuration, formatTime } from '../common/format'
import { now } from '../common/now'
import { errorText, label, t, type Key } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { useLatestSeq } from '../state/liveEvents'
import { cancelDispatch, changeIncidentStatus, loadIncident } from './actions'
import { IncidentIntake } from './IncidentIntake'
import { IncidentElements } from './IncidentElements'
import type { ConsoleModel } from './model'

const ACTION_FOR: Partial<Record<IncidentStatus, [Action, Key]>> = {
  acknowledged: ['incident.acknowledge', 'incident.acknowledge'],
  resolved: ['incident.resolve', 'incident.resolve'],
  closed: ['incident.close', 'incident.close'],
}

export function IncidentPanel({ desk, model, id }: { desk: Desk; model: ConsoleModel; id: number }) {
  const incident = desk.incidents.get(id)
  const role = desk.me.value?.role
  const [detail, setDetail] = useState<IncidentDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [form, setForm] = useState<'cancel' | 'duplicate' | null>(null)
  const [note, setNote] = useState('')
  const touched = useLatestSeq(desk, (e) => e.incidentId === id)

  // The timeline and affected sites come from the server; reload when this incident's story moves.
  useEffect(() => {
    let live = true
    loadIncident(id)
      .then((d) => live && setDetail(d))
      .catch((e) => live && setError(e instanceof ApiFailure ? errorText(e.code) : t('errors.network')))
    return () => {
      live = false
    }
  }, [id, touched])

  useEffect(() => {
    setForm(null)
    setNote('')
    setError(null)
  }, [id])

  if (!incident) return null
  const act = async (run: () => Promise<unknown>) => {
    setError(null)
    try {
      await run()
      setForm(null)
      setNote('')
    } catch (e) {
      setError(failureText(e))
    }
  }
  const next = INCIDENT_TRANSITIONS[incident.status]
  const open = isOneOf(['reported', 'acknowledged', 'responding', 'mitigated'] as const, incident.status)
  const dispatches = desk.dispatches.all().filter((d) => d.incidentId === id)

  return (
    <aside class="panel" aria-label={t('incident.number', { id })} data-testid="incident-panel">
      <div class="panel-head">
        <span class={`chip sev-${incident.severity}`}>{label('severity', incident.severity)}</span>
        <h2 class="panel-title">{incident.title}</h2>
        <button type="button" class="link" onClick={() => model.select(null)} aria-label={t('app.close')}>
          ✕
        </button>
      </div>
      <div class="panel-body">
        <div class="kv">
          <span>#{incident.id}</span>
          <span class={`status ist-${incident.status}`}>{label('incidentStatus', incident.status)}</span>
          <span class="muted">{formatDuration(now.value - incident.statusChangedAt)}</span>
          {incident.drill && <span class="chip">{t('incident.drill')}</span>}
        </div>
        <dl class="facts">
          <dt>{t('incident.kind')}</dt>
          <dd>
            {label('incidentKind', incident.kind)} · {label('incidentCause', incident.cause)}
          </dd>
          <dt>{t('incident.services')}</dt>
          <dd>{incident.services.map((s) => label('service', s)).join(', ') || t('app.none')}</dd>
          <dt>{t('incident.organization')}</dt>
          <dd>{desk.organizations.get(incident.organizationId)?.name ?? '—'}</dd>
          <dt>{t('incident.area')}</dt>
          <dd>{desk.areas.get(incident.areaId)?.name ?? '—'}</dd>
          <dt>{t('incident.reportedAt')}</dt>
          <dd>{formatDateTime(incident.createdAt)}</dd>
          {incident.estimatedRestoreAt !== null && (
            <>
              <dt>{t('incident.estimatedRestore')}</dt>
              <dd>{formatDateTime(incident.estimatedRestoreAt)}</dd>
            </>
          )}
        </dl>
        {incident.description && <p class="description" data-testid="incident-description">{incident.description}</p>}
        {incident.statusNote && <p class="muted">{incident.statusNote}</p>}

        <div class="actions">
          {open && role && can(role, 'dispatch.create') && (
            <button type="button" class="primary" onClick={() => (model.dispatchFor.value = id)} data-testid="open-dispatch">
              {t('incident.dispatch')} (D)
            </button>
          )}
          {next.map((to) => {
            const spec = ACTION_FOR[to]
            if (!spec || !role || !can(role, spec[0])) return null
            return (
              <button key={to} type="button" onClick={() => act(() => changeIncidentStatus(id, { status: to }))} data-action={to}>
                {t(spec[1])}
              </button>
            )
          })}
          {next.includes('cancelled') && role && can(role, 'incident.cancel') && (
            <button type="button" class="danger" onClick={() => setForm('cancel')}>
              {t('incident.cancel')}
            </button>
          )}
          {next.includes('cancelled') && role && can(role, 'incident.mark_duplicate') && (
            <button type="button" onClick={() => setForm('duplicate')}>
              {t('incident.markDuplicate')}
            </button>
          )}
        </div>
        {form && (
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault()
              act(() =>
                changeIncidentStatus(
                  id,
                  form === 'cancel' ? { status: 'cancelled', note } : { status: 'cancelled', duplicateOf: Number(note.replace('#', '')) },
                ),
              )
            }}
          >
            <label>
              {form === 'cancel' ? t('incident.cancelReason') : t('incident.duplicateOf')}
              <input value={note} onInput={(e) => setNote(e.currentTarget.value)} required autoFocus inputMode={form === 'duplicate' ? 'numeric' : 'text'} />
            </label>
            <button type="submit" class="danger">
              {form === 'cancel' ? t('incident.cancel') : t('incident.markDuplicate')}
            </button>
            <button type="button" onClick={() => setForm(null)}>
              {t('app.cancel')}
            </button>
          </form>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}

        <IncidentIntake desk={desk} model={model} incident={incident} />

        <h3>{t('incident.dispatches')}</h3>
        {dispatches.length === 0 && <p class="muted">{t('incident.noDispatch')}</p>}
        <ul class="dispatch-list">
          {dispatches.map((d) => {
            const crew = desk.crews.get(d.crewId)
            const waiting = d.status === 'sent'
            const overdue = waiting && now.value > d.ackDeadlineAt
            return (
              <li key={d.id} class={overdue || (d.escalationLevel > 0 && isOneOf(ACTIVE_DISPATCH_STATUSES, d.status)) ? 'overdue' : ''} data-dispatch={d.id}>
                <strong>{crew?.name ?? `#${d.crewId}`}</strong> · {label('dispatchStatus', d.status)}
                {d.escalationLevel > 0 && isOneOf(ACTIVE_DISPATCH_STATUSES, d.status) && (
                  <span class="escalated" data-testid="escalated">
                    {' '}
                    {t(d.status === 'sent' ? 'escalation.no_ack' : 'escalation.no_progress', { n: d.escalationLevel })}
                  </span>
                )}
                {waiting && <span class="muted"> · {overdue ? t('dispatch.overdue') : t('dispatch.waiting', { d: formatDuration(now.value - d.createdAt) })}</span>}
                <div class="muted small">{d.task}</div>
                {d.status === 'sent' && d.escalationLevel > 0 && role && can(role, 'dispatch.create') && (
                  <button type="button" class="primary" onClick={() => (model.dispatchFor.value = id)} data-testid="send-another">
                    {t('escalation.sendAnother')}
                  </button>
                )}
                {isOneOf(ACTIVE_DISPATCH_STATUSES, d.status) && role && can(role, 'dispatch.cancel') && (
                  <button type="button" class="link" onClick={() => act(() => cancelDispatch(d.id, t('app.cancel')))}>
                    {t('app.cancel')}
                  </button>
                )}
              </li>
            )
          })}
        </ul>

        <IncidentElements named={incident.elements} />

        <h3>{t('incident.affectedSites')}</h3>
        {detail && detail.affectedSites.length === 0 && <p class="muted">{t('app.none')}</p>}
        <ul class="site-list">
          {detail?.affectedSites.map((s) => {
            const live = desk.sites.get(s.id) ?? s
            return (
              <li key={s.id}>
                <span class={`dot-status st-bg-${live.status}`} /> {live.name} <span class="muted">· {label('siteStatus', live.status)}</span>
              </li>
            )
          })}
        </ul>

        <h3>{t('incident.timeline')}</h3>
        <ol class="timeline">
          {[...(detail?.timeline ?? [])].reverse().map((e) => (
            <li key={e.seq}>
              <span class="muted">{formatTime(e.at)}</span> <strong>{label('event', e.type)}</strong> {timelineText(e)}
            </li>
          ))}
        </ol>
      </div>
    </aside>
  )
}

function timelineText(e: DeskEvent): string {
  const d = e.data
  const parts: string[] = []
  if (d.from && d.to) {
    // A dispatch.sent carries the incident's move (reported → responding), not the dispatch's.
    const section = e.type === 'dispatch.sent' ? 'incidentStatus' : e.entityType === 'dispatch' ? 'dispatchStatus' : e.entityType === 'link' ? 'linkStatus' : e.entityType === 'site' ? 'siteStatus' : e.entityType === 'assistance' ? 'assistanceStatus' : 'incidentStatus'
    parts.push(`${label(section, d.from)} → ${label(section, d.to)}`)
  }
  if (d.crew && e.entityType === 'dispatch') parts.push(d.crew.name)
  if (d.link) parts.push(label('linkKind', d.link.kind))
  if (d.assistance) parts.push(label('assistanceKind', d.assistance.kind))
  if (d.note) parts.push(`“${d.note}”`)
  return parts.join(' · ')
}
