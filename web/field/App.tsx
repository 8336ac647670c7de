// The crew's phone page: sign in once, then its dispatches, the active one first.
import { useEffect } from 'preact/hooks'
import type { Dispatch } from '../../shared/dispatch'
import { isOneOf, DECLINE_REASONS } from '../../shared/enums'
import { formatDateTime } from '../common/format'
import { isStale, LiveIndicator } from '../common/LiveIndicator'
import { Login } from '../common/Login'
import type { Session } from '../common/session'
import { WrongPage } from '../common/WrongPage'
import { label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { DispatchCard } from './DispatchCard'
import type { Field } from './model'

export function App({ desk, session, field }: { desk: Desk; session: Session; field: Field }) {
  const state = session.state.value
  const me = desk.me.value
  if (state === 'signed_out') return <Login session={session} title={t('app.field')} />
  if (state === 'loading') return <p class="boot">{t('app.loading')}</p>
  if (state === 'offline' || !me) return <p class="boot error">{t('field.offline')}</p>
  if (me.role !== 'crew') return <WrongPage role={me.role} session={session} />
  return <CrewPage desk={desk} session={session} field={field} />
}

function CrewPage({ desk, session, field }: { desk: Desk; session: Session; field: Field }) {
  useEffect(() => {
    void field.loadConfig()
    return field.trackWhileActive()
  }, [field])
  const crew = field.crew.value
  const active = field.active.value
  const earlier = field.earlier.value
  const stale = isStale(session)

  return (
    <div class={stale ? 'field is-stale' : 'field'}>
      <header class="fbar">
        <div class="fwho">
          <strong>{crew?.name ?? desk.me.value?.displayName}</strong>
          {crew && (
            <span class={`chip cstatus-${crew.status}`}>{label('crewStatus', crew.status)}</span>
          )}
        </div>
        <LiveIndicator session={session} />
      </header>
      {stale && <p class="stale-banner">{t('live.stale')}</p>}

      <main class="fmain">
        <h1 class="section-title">{t('field.active')}</h1>
        {active.length === 0 ? (
          <p class="empty">{t('field.noDispatch')}</p>
        ) : (
          active.map((d) => <DispatchCard key={d.id} desk={desk} field={field} dispatch={d} />)
        )}

        <label class="share">
          <input
            type="checkbox"
            checked={field.sharePosition.value}
            onChange={(e) => field.setSharePosition(e.currentTarget.checked)}
          />
          <span>{t('field.sharePosition')}</span>
        </label>

        {earlier.length > 0 && (
          <section class="earlier" aria-labelledby="earlier-title">
            <h2 id="earlier-title" class="section-title">
              {t('field.earlier')}
            </h2>
            <ul>
              {earlier.map((d) => (
                <EarlierItem key={d.id} desk={desk} dispatch={d} />
              ))}
            </ul>
          </section>
        )}
      </main>

      <footer class="ffoot">
        {field.dutyPhone.value && (
          <a class="button call" href={`tel:${field.dutyPhone.value.replace(/[^+0-9]/g, '')}`}>
            {t('field.callDesk')} · {field.dutyPhone.value}
          </a>
        )}
        <div class="foot-row">
          <button
            type="button"
            class="secondary"
            onClick={() => session.switchLocale()}
            data-testid="switch-language"
          >
            {t('app.language')}
          </button>
          <button type="button" class="secondary" onClick={() => session.logout()}>
            {t('app.logout')}
          </button>
        </div>
      </footer>
    </div>
  )
}

function EarlierItem({ desk, dispatch: d }: { desk: Desk; dispatch: Dispatch }) {
  const incident = desk.incidents.get(d.incidentId)
  const site = desk.sites.get(d.siteId)
  const reason =
    d.reason && isOneOf(DECLINE_REASONS, d.reason) ? label('declineReason', d.reason) : d.reason
  return (
    <li>
      <span class={`chip dstatus-${d.status}`}>{label('dispatchStatus', d.status)}</span>{' '}
      <span class="sub">{formatDateTime(d.statusChangedAt)}</span>
      <div>{d.task}</div>
      <div class="sub">{[site?.name, incident?.title].filter(Boolean).join(' · ')}</div>
      {reason && <div class="sub">{t('field.reason', { reason })}</div>}
    </li>
  )
}
