// The enterprise's page: report an incident, follow and update its own incidents, and keep its
// crews and equipment current. Everything on it is live from the desk.
import { useMemo, useState } from 'preact/hooks'
import { OPEN_INCIDENT_STATUSES, isOneOf } from '../../shared/enums'
import type { Incident } from '../../shared/incident'
import { Header } from '../common/Header'
import { isStale } from '../common/LiveIndicator'
import { Login } from '../common/Login'
import type { Session } from '../common/session'
import { WrongPage } from '../common/WrongPage'
import { t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { CrewBoard } from './CrewBoard'
import { IncidentForm } from './IncidentForm'
import { createIncidentForm } from './incidentForm'
import { IncidentList } from './IncidentList'
import { ResourceBoard } from './ResourceBoard'
import { BulkIntake } from './BulkIntake'
import { CheckinPanel } from './CheckinPanel'
import { AssistanceSection } from './AssistanceSection'
import { NetworkSection } from './NetworkSection'

export function App({ desk, session }: { desk: Desk; session: Session }) {
  const state = session.state.value
  const me = desk.me.value
  if (state === 'signed_out') return <Login session={session} title={t('app.report')} />
  if (state === 'loading') return <p class="boot">{t('app.loading')}</p>
  if (state === 'offline' || !me) return <p class="boot error">{t('errors.network')}</p>
  if (me.role !== 'enterprise') return <WrongPage role={me.role} session={session} />
  return <ReportPage desk={desk} session={session} />
}

function ReportPage({ desk, session }: { desk: Desk; session: Session }) {
  const newForm = useMemo(() => createIncidentForm(desk, null), [desk])
  const [editingId, setEditingId] = useState<number | null>(null)
  const editing = desk.incidents.get(editingId)
  const editable = editing && isOneOf(OPEN_INCIDENT_STATUSES, editing.status) ? editing : null
  // A fresh form per incident opened, filled from the incident as the desk holds it then.
  const editForm = useMemo(
    () => (editable ? createIncidentForm(desk, editable) : null),
    [desk, editable?.id],
  )
  const stale = isStale(session)

  return (
    <div class={stale ? 'report is-stale' : 'report'}>
      <Header
        desk={desk}
        session={session}
        title={desk.me.value?.organizationName ?? t('app.report')}
      />
      {stale && <p class="stale-banner">{t('live.stale')}</p>}
      <main class="report-main">
        <CheckinPanel desk={desk} />
        <div class="cols">
          <section class="panel form-panel">
            {editForm ? (
              <IncidentForm
                key={`edit-${editForm.editing?.id}`}
                desk={desk}
                form={editForm}
                onCancel={() => setEditingId(null)}
              />
            ) : (
              <IncidentForm key="new" desk={desk} form={newForm} />
            )}
          </section>
          <IncidentList
            desk={desk}
            editingId={editable?.id ?? null}
            onEdit={(i: Incident) => setEditingId(i.id)}
          />
        </div>
        <AssistanceSection desk={desk} />
        <section class="panel" aria-labelledby="my-crews">
          <h2 id="my-crews">{t('report.myCrews')}</h2>
          <div class="boards stale-dim">
            <CrewBoard desk={desk} />
            <ResourceBoard desk={desk} />
          </div>
        </section>
        <BulkIntake desk={desk} />
        <NetworkSection />
      </main>
    </div>
  )
}
