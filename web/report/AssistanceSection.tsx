// Asking the authority for help, and following the answer live: a generator, fuel, site access,
// an escort, national roaming or a frequency, for one of our incidents or a site.
import { useState } from 'preact/hooks'
import { ASSISTANCE_KINDS, OPEN_INCIDENT_STATUSES, isOneOf, type AssistanceKind } from '../../shared/enums'
import { AssistanceCreate, type Assistance } from '../../shared/assistance'
import { can } from '../../shared/permissions'
import { formatDateTime } from '../common/format'
import { label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { FormError, Select, TextArea } from './Fields'
import { requestAssistance, withdrawAssistance } from './ladderActions'
import { check, failureErrors, type FieldErrors } from './issues'

export function AssistanceSection({ desk }: { desk: Desk }) {
  const role = desk.me.value?.role
  const org = desk.me.value?.organizationId
  const mine = desk.assistance
    .all()
    .filter((a) => a.organizationId === org)
    .sort((a, b) => b.createdAt - a.createdAt)
  return (
    <section class="panel" aria-labelledby="assistance-title" data-testid="assistance">
      <h2 id="assistance-title">{t('assistance.title')}</h2>
      <div class="cols">
        {role && can(role, 'assistance.request') ? <AssistanceForm desk={desk} /> : <div />}
        <div>
          {mine.length === 0 ? (
            <p class="muted">{t('assistance.none')}</p>
          ) : (
            <ul class="incident-list stale-dim">
              {mine.map((a) => (
                <AssistanceRow key={a.id} desk={desk} a={a} />
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  )
}

function AssistanceForm({ desk }: { desk: Desk }) {
  const org = desk.me.value?.organizationId
  const incidents = desk.incidents.all().filter((i) => i.organizationId === org && isOneOf(OPEN_INCIDENT_STATUSES, i.status))
  const [kind, setKind] = useState<AssistanceKind | ''>('')
  const [incidentId, setIncidentId] = useState('')
  const [siteId, setSiteId] = useState('')
  const [description, setDescription] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)

  const submit = async (e: Event) => {
    e.preventDefault()
    const body = {
      kind,
      description,
      ...(incidentId ? { incidentId: Number(incidentId) } : {}),
      ...(siteId ? { siteId: Number(siteId) } : {}),
    }
    const parsed = check(AssistanceCreate, body)
    if (!parsed.ok) return setErrors(parsed.errors)
    setBusy(true)
    setErrors({})
    setNotice(null)
    try {
      const a = await requestAssistance(desk, parsed.data)
      setNotice(t('assistance.sent', { id: a.id }))
      setKind('')
      setDescription('')
    } catch (err) {
      setErrors(failureErrors(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form class="assist-form" onSubmit={submit} data-testid="assistance-form">
      <h3>{t('assistance.new')}</h3>
      <Select
        name="kind"
        label={t('assistance.kind')}
        value={kind}
        placeholder={t('report.choose')}
        options={ASSISTANCE_KINDS.map((k) => ({ value: k, label: label('assistanceKind', k) }))}
        errors={errors}
        onChange={(v) => setKind(v as AssistanceKind)}
      />
      <div class="grid2">
        <Select
          name="incidentId"
          label={t('assistance.incident')}
          value={incidentId}
          placeholder={t('report.choose')}
          options={incidents.map((i) => ({ value: String(i.id), label: `#${i.id} ${i.title}` }))}
          errors={errors}
          onChange={setIncidentId}
        />
        <Select
          name="siteId"
          label={t('assistance.site')}
          value={siteId}
          placeholder={t('report.choose')}
          options={desk.sites
            .all()
            .filter((s) => s.kind !== 'polling_station' || s.priority === 1)
            .map((s) => ({ value: String(s.id), label: s.name }))}
          errors={errors}
          onChange={setSiteId}
        />
      </div>
      <TextArea name="description" label={t('assistance.description')} value={description} errors={errors} onInput={setDescription} />
      <FormError errors={errors} shown={['kind', 'incidentId', 'siteId', 'description']} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('report.sending') : t('assistance.submit')}
        </button>
        {notice && <span class="notice">{notice}</span>}
      </div>
    </form>
  )
}

function AssistanceRow({ desk, a }: { desk: Desk; a: Assistance }) {
  const role = desk.me.value?.role
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const site = desk.sites.get(a.siteId)
  const withdraw = async () => {
    setBusy(true)
    setError(null)
    try {
      await withdrawAssistance(desk, a.id)
    } catch (err) {
      setError(Object.values(failureErrors(err)).join(' · '))
    } finally {
      setBusy(false)
    }
  }
  return (
    <li class={`incident-row ast-${a.status}`} data-testid={`assistance-${a.id}`}>
      <div class="row-main">
        <span class="num">#{a.id}</span>
        <strong>{label('assistanceKind', a.kind)}</strong>
        <span class={`chip ast-chip-${a.status}`}>{label('assistanceStatus', a.status)}</span>
        <span class="muted small">{formatDateTime(a.createdAt)}</span>
      </div>
      <span class="muted">
        {a.incidentId !== null && t('assistance.forIncident', { id: a.incidentId })}
        {a.incidentId !== null && site && ' · '}
        {site && t('assistance.forSite', { name: site.name })}
      </span>
      <span class="row-title">{a.description}</span>
      {a.decisionReason && <span class="note">{t('assistance.decision', { text: a.decisionReason })}</span>}
      {(a.status === 'requested' || a.status === 'approved') && role && can(role, 'assistance.request') && (
        <div class="row-actions">
          <button type="button" disabled={busy} onClick={withdraw}>
            {t('assistance.withdraw')}
          </button>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  )
}
