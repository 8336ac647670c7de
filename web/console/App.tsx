import { useEffect } from 'preact/hooks'
import { can } from '../../shared/permissions'
import { Header } from '../common/Header'
import { isStale } from '../common/LiveIndicator'
import { Login } from '../common/Login'
import type { Session } from '../common/session'
import { label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { alarm, watchAlerts } from './alerts'
import { SidePanel } from './SidePanel'
import { watchIntakeAlerts } from './intakeAlerts'
import { DispatchDialog } from './DispatchDialog'
import { NewIncidentDialog } from './NewIncidentDialog'
import { IncidentPanel } from './IncidentPanel'
import { MapView } from './MapView'
import type { ConsoleModel } from './model'
import { Queue } from './Queue'
import { Summary } from './Summary'

export function App({ desk, session, model }: { desk: Desk; session: Session; model: ConsoleModel }) {
  useEffect(() => watchAlerts(desk, model), [])
  useEffect(() => watchIntakeAlerts(desk, model), [])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => keyboard(e, model)
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const state = session.state.value
  if (state === 'signed_out') return <Login session={session} title={t('app.console')} />
  if (state !== 'ready') return <main class="loading">{t('app.loading')}</main>
  const me = desk.me.value
  if (me && (me.role === 'crew' || me.role === 'enterprise')) {
    const href = me.role === 'crew' ? '/field' : '/report'
    return (
      <main class="login">
        <p>
          {t('login.wrongPage')} <a href={href}>{me.role === 'crew' ? t('app.field') : t('app.report')}</a>
        </p>
      </main>
    )
  }
  const stale = isStale(session)
  const selected = model.selectedId.value
  const flash = alarm.value
  return (
    <div class={`console${stale ? ' is-stale' : ''}`}>
      <Header desk={desk} session={session} title={t('app.console')}>
        {me && can(me.role, 'incident.create') && (
          <button type="button" class="primary" onClick={() => (model.creating.value = true)} data-testid="new-incident">
            {t('report.newReport')} (N)
          </button>
        )}
        <button type="button" class="link" onClick={() => model.toggleMute()} aria-pressed={model.muted.value}>
          {model.muted.value ? t('map.unmute') : t('map.mute')}
        </button>
      </Header>
      {stale && <div class="stale-banner" role="alert">{t('live.stale')}</div>}
      {flash && (
        <div class="flash" role="alert" data-testid="alarm" onClick={() => flash.incidentId !== null && model.select(flash.incidentId)}>
          {flash.text}
        </div>
      )}
      <Summary model={model} />
      <div class="console-body">
        <Queue desk={desk} model={model} />
        <MapView desk={desk} model={model} />
        {selected !== null && desk.incidents.get(selected) ? (
          <IncidentPanel desk={desk} model={model} id={selected} />
        ) : (
          <SidePanel desk={desk} model={model} />
        )}
      </div>
      {model.creating.value && <NewIncidentDialog desk={desk} model={model} />}
      {model.dispatchFor.value !== null && <DispatchDialog desk={desk} model={model} incidentId={model.dispatchFor.value} />}
    </div>
  )
}

/** `/` search, arrows through the queue, Enter opens, Esc closes, D dispatches. */
function keyboard(e: KeyboardEvent, model: ConsoleModel): void {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test((e.target as HTMLElement).tagName)
  if (model.dispatchFor.value !== null || model.creating.value) return
  if (e.key === 'Escape') {
    if (typing) (e.target as HTMLElement).blur()
    else model.select(null)
    return
  }
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return
  const list = model.queue.value
  if (e.key === '/') {
    e.preventDefault()
    document.getElementById('queue-search')?.focus()
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault()
    const step = e.key === 'ArrowDown' ? 1 : -1
    model.cursor.value = Math.min(list.length - 1, Math.max(0, model.cursor.value + step))
  } else if (e.key === 'Enter') {
    const item = list[model.cursor.value]
    if (item) model.select(item.id)
  } else if (e.key === 'n' || e.key === 'N') {
    e.preventDefault()
    model.creating.value = true
  } else if ((e.key === 'd' || e.key === 'D') && model.selectedId.value !== null) {
    model.dispatchFor.value = model.selectedId.value
  }
}
