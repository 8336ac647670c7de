// Each role has one front door; someone who opens another page gets a link to theirs.
import type { Role } from '../../shared/enums'
import { t, type Key } from '../i18n/i18n'
import type { Session } from './session'

const HOME: Record<Role, { href: string; name: Key }> = {
  admin: { href: '/', name: 'app.console' },
  coordinator: { href: '/', name: 'app.console' },
  observer: { href: '/', name: 'app.console' },
  enterprise: { href: '/report', name: 'app.report' },
  crew: { href: '/field', name: 'app.field' },
}

export const homeOf = (role: Role) => HOME[role].href

export function WrongPage({ role, session }: { role: Role; session: Session }) {
  const home = HOME[role]
  return (
    <main class="login">
      <div class="login-card">
        <h1>{t('app.name')}</h1>
        <p>{t('login.wrongPage')}</p>
        <a class="wrong-page-link" href={home.href}>
          {t(home.name)}
        </a>
        <button type="button" class="link" onClick={() => session.logout()}>
          {t('app.logout')}
        </button>
      </div>
    </main>
  )
}
