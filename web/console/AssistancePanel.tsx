// Assistance requests on the console, live: pending first; approve (naming the dispatch that
// delivers, if any), decline with a reason, mark fulfilled.
import { failureText } from '../common/failure'
import { useState } from 'preact/hooks'
import type { Assistance } from '../../shared/assistance'
import { can } from '../../shared/permissions'
import { ApiFailure } from '../api/client'
import { formatDateTime } from '../common/format'
import { errorText, label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { decideAssistance } from './intakeActions'
import type { ConsoleModel } from './model'

const ORDER = { requested: 0, approved: 1, fulfilled: 2, declined: 2, cancelled: 2 } as const

export function AssistancePanel({ desk, model }: { desk: Desk; model: ConsoleModel }) {
  const list = desk.assistance
    .all()
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || (ORDER[a.status] < 2 ? a.createdAt - b.createdAt : b.statusChangedAt - a.statusChangedAt))
  return (
    <aside class="panel board stale-dim" aria-label={t('assistance.title')}>
      <h3>{t('assistance.title')}</h3>
      {list.length === 0 && <p class="muted">{t('assistance.none')}</p>}
      <ul class="side-list" data-testid="assistance-list">
        {list.map((a) => (
          <AssistanceItem key={a.id} desk={desk} model={model} a={a} />
        ))}
      </ul>
    </aside>
  )
}

function AssistanceItem({ desk, model, a }: { desk: Desk; model: ConsoleModel; a: Assistance }) {
  const role = desk.me.value?.role
  const mayDecide = !!role && can(role, 'assistance.decide')
  const [form, setForm] = useState<'approve' | 'decline' | null>(null)
  const [reason, setReason] = useState('')
  const [dispatchId, setDispatchId] = useState('')
  const [error, setError] = useState<string | null>(null)
  const incident = desk.incidents.get(a.incidentId)
  const site = desk.sites.get(a.siteId)
  const dispatches = desk.dispatches.all().filter((d) => a.incidentId !== null && d.incidentId === a.incidentId)

  const go = async (body: Parameters<typeof decideAssistance>[1]) => {
    setError(null)
    try {
      await decideAssistance(a.id, body)
      setForm(null)
      setReason('')
    } catch (e) {
      setError(failureText(e))
    }
  }
  return (
    <li class={`assist ast-${a.status}`} data-assistance={a.id}>
      <div class="kv">
        <strong>{label('assistanceKind', a.kind)}</strong>
        <span class={`chip ast-chip-${a.status}`}>{label('assistanceStatus', a.status)}</span>
        <span class="muted small grow">{formatDateTime(a.createdAt)}</span>
      </div>
      <div class="muted small">{desk.organizations.get(a.organizationId)?.name ?? ''}</div>
      {a.incidentId !== null && (
        <button type="button" class="link" onClick={() => model.select(a.incidentId)}>
          {t('assistance.forIncident', { id: a.incidentId })} {incident ? `· ${incident.title}` : ''}
        </button>
      )}
      {site && <div class="small">{t('assistance.forSite', { name: site.name })}</div>}
      <p class="assist-text">{a.description}</p>
      {a.decisionReason && <p class="muted small">{t('assistance.decision', { text: a.decisionReason })}</p>}
      {a.dispatchId !== null && (
        <p class="muted small">
          {t('assistance.dispatch')}: {desk.crews.get(desk.dispatches.get(a.dispatchId)?.crewId)?.name ?? `#${a.dispatchId}`}
        </p>
      )}
      {mayDecide && form === null && (
        <div class="actions">
          {a.status === 'requested' && (
            <>
              <button type="button" class="primary" onClick={() => setForm('approve')}>
                {t('assistance.approve')}
              </button>
              <button type="button" class="danger" onClick={() => setForm('decline')}>
                {t('assistance.decline')}
              </button>
            </>
          )}
          {a.status === 'approved' && (
            <button type="button" class="primary" onClick={() => go({ status: 'fulfilled' })}>
              {t('assistance.fulfil')}
            </button>
          )}
        </div>
      )}
      {form && (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            void go(
              form === 'approve'
                ? { status: 'approved', ...(dispatchId ? { dispatchId: Number(dispatchId) } : {}), ...(reason.trim() ? { reason } : {}) }
                : { status: 'declined', reason },
            )
          }}
        >
          {form === 'approve' && dispatches.length > 0 && (
            <label>
              {t('assistance.dispatch')}
              <select value={dispatchId} onChange={(e) => setDispatchId(e.currentTarget.value)}>
                <option value="">{t('assistance.noDispatch')}</option>
                {dispatches.map((d) => (
                  <option key={d.id} value={d.id}>
                    {desk.crews.get(d.crewId)?.name ?? `#${d.crewId}`} · {label('dispatchStatus', d.status)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('assistance.reason')}
            <input value={reason} maxLength={1000} required={form === 'decline'} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <button type="submit" class={form === 'approve' ? 'primary' : 'danger'}>
            {form === 'approve' ? t('assistance.approve') : t('assistance.decline')}
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
    </li>
  )
}
