import type { ComponentChildren } from 'preact'
import { label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { LiveIndicator } from './LiveIndicator'
import type { Session } from './session'

export function Header({ desk, session, title, children }: { desk: Desk; session: Session; title: string; children?: ComponentChildren }) {
  const me = desk.me.value
  return (
    <header class="topbar">
      <strong class="brand">{t('app.name')}</strong>
      <span class="page-title">{title}</span>
      <LiveIndicator session={session} />
      <span class="grow">{children}</span>
      {me && (
        <span class="who" title={me.organizationName}>
          {me.displayName} · {label('role', me.role)}
        </span>
      )}
      <button type="button" class="link" onClick={() => session.switchLocale()}>
        {t('app.language')}
      </button>
      <button type="button" class="link" onClick={() => session.logout()}>
        {t('app.logout')}
      </button>
    </header>
  )
}
