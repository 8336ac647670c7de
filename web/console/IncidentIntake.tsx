// The incident panel's intake section: where the report stands on the ladder (and its final
// report), duplicate proposals with the one-click merge, reports already merged, and other
// operators reporting nearby.
import { useEffect, useState } from 'preact/hooks'
import { distanceM, formatDistance } from '../../shared/geo'
import type { Incident } from '../../shared/incident'
import { can } from '../../shared/permissions'
import { finalReportDueAt, reportStage } from '../../shared/report-ladder'
import { ApiFailure } from '../api/client'
import { formatDateTime, formatDuration } from '../common/format'
import { errorText, label, t } from '../i18n/i18n'
import { finalReportHours } from '../state/clientConfig'
import type { Desk } from '../state/desk'
import { useLatestSeq } from '../state/liveEvents'
import { loadCorrelation, mergeInto } from './intakeActions'
import { intakeOf } from './intakeModel'
import type { ConsoleModel } from './model'

export function IncidentIntake({ desk, model, incident }: { desk: Desk; model: ConsoleModel; incident: Incident }) {
  const intake = intakeOf(desk)
  const id = incident.id
  const role = desk.me.value?.role
  const mayMerge = !!role && can(role, 'incident.mark_duplicate')
  const [merged, setMerged] = useState<Incident[]>([])
  const [error, setError] = useState<string | null>(null)
  const touched = useLatestSeq(desk, (e) => e.incidentId === id || e.data.incident?.duplicateOf === id)

  // Merged reports are cancelled, so they are not in the desk after a reload: the server lists them.
  useEffect(() => {
    let live = true
    loadCorrelation(id)
      .then((c) => live && setMerged(c.merged))
      .catch(() => live && setMerged([]))
    return () => {
      live = false
    }
  }, [id, touched])
  useEffect(() => setError(null), [id])

  const merge = async (dup: number, master: number) => {
    setError(null)
    try {
      await mergeInto(dup, master)
    } catch (e) {
      setError(e instanceof ApiFailure ? errorText(e.code) : t('errors.network'))
    }
  }
  const masters = intake.masters.value.get(id) ?? []
  const duplicates = [...intake.masters.value.entries()].filter(([, list]) => list.some((m) => m.id === id)).map(([dupId]) => desk.incidents.get(dupId)!)
  const group = intake.groupOf.value.get(id)
  const others = group ? group.incidents.filter((i) => i.organizationId !== incident.organizationId) : []
  const stage = reportStage(incident)
  const due = finalReportDueAt(incident, finalReportHours.value)
  const overdue = due !== null && due < intake.serverNow.value
  const apart = (o: Incident) =>
    t('dedup.apart', { d: formatDistance(distanceM(incident, o)), m: Math.round(Math.abs(incident.createdAt - o.createdAt) / 60_000) })
  const org = (o: Incident) => desk.organizations.get(o.organizationId)?.name ?? ''

  return (
    <section class="intake-section" data-testid="incident-intake">
      <div class="kv">
        <span class="muted">{t('ladder.stage')}:</span>
        <span class={`chip stage-${stage}`} data-testid="report-stage">
          {label('reportStage', stage)}
        </span>
        {due !== null &&
          (overdue ? (
            <span class="escalated" data-testid="final-overdue">
              {t('ladder.overdue')} · {t('ladder.overdueBy', { d: formatDuration(intake.serverNow.value - due) })}
            </span>
          ) : (
            <span class="muted">{t('ladder.dueBy', { t: formatDateTime(due) })}</span>
          ))}
      </div>
      {incident.finalReport && (
        <dl class="facts final-report" data-testid="final-report">
          <dt>{t('ladder.rootCause')}</dt>
          <dd>{incident.finalReport.rootCause}</dd>
          {incident.finalReport.contributingFactors && (
            <>
              <dt>{t('ladder.contributingFactors')}</dt>
              <dd>{incident.finalReport.contributingFactors}</dd>
            </>
          )}
          <dt>{t('ladder.actionsTaken')}</dt>
          <dd>{incident.finalReport.actionsTaken}</dd>
          {incident.restoredAt !== null && (
            <>
              <dt>{t('ladder.restoredAt')}</dt>
              <dd>{formatDateTime(incident.restoredAt)}</dd>
            </>
          )}
        </dl>
      )}
      {incident.duplicateOf !== null && (
        <p>
          <button type="button" class="link" onClick={() => model.select(incident.duplicateOf)}>
            {t('dedup.duplicateOf', { id: incident.duplicateOf })}
          </button>
        </p>
      )}

      {(masters.length > 0 || duplicates.length > 0) && (
        <>
          <h3>{t('dedup.title')}</h3>
          <ul class="dispatch-list" data-testid="duplicate-proposals">
            {masters.map((m) => (
              <li key={`m${m.id}`} class="proposal">
                <button type="button" class="link" onClick={() => model.select(m.id)}>
                  #{m.id}
                </button>{' '}
                {m.title} <span class="muted small">· {apart(m)}</span>
                {mayMerge && (
                  <button type="button" class="primary" data-testid={`merge-into-${m.id}`} onClick={() => merge(id, m.id)}>
                    {t('dedup.mergeInto', { id: m.id })}
                  </button>
                )}
              </li>
            ))}
            {duplicates.map((d) => (
              <li key={`d${d.id}`} class="proposal">
                <button type="button" class="link" onClick={() => model.select(d.id)}>
                  #{d.id}
                </button>{' '}
                {d.title} <span class="muted small">· {apart(d)}</span>
                {mayMerge && (
                  <button type="button" data-testid={`merge-here-${d.id}`} onClick={() => merge(d.id, id)}>
                    {t('dedup.mergeHere', { id: d.id })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {merged.length > 0 && (
        <>
          <h3>{t('dedup.mergedTitle')}</h3>
          <ul class="site-list" data-testid="merged">
            {merged.map((m) => (
              <li key={m.id}>
                #{m.id} {m.title} <span class="muted small">· {formatDateTime(m.createdAt)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {group && others.length > 0 && (
        <>
          <h3>{t('dedup.correlatedTitle')}</h3>
          <p class="correlation-line" data-testid="correlation">
            {t('dedup.group', { n: group.organizationIds.length, kind: label('incidentKind', group.kind), place: intake.placeOf(group) })}
          </p>
          <ul class="site-list">
            {others.map((o) => (
              <li key={o.id}>
                <button type="button" class="link" onClick={() => model.select(o.id)}>
                  #{o.id}
                </button>{' '}
                {org(o)} · {o.title} <span class="muted small">· {apart(o)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
