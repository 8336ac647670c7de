import { useState } from 'preact/hooks'
import { ApiFailure } from '../api/client'
import { errorText, t } from '../i18n/i18n'
import type { Session } from './session'

export function Login({ session, title }: { session: Session; title: string }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await session.login(username.trim(), password)
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'too_many_attempts') {
        const s = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 900
        setError(t('login.throttled', { minutes: Math.ceil(s / 60) }))
      } else setError(err instanceof ApiFailure ? errorText(err.code === 'network' ? 'internal' : err.code) : t('errors.network'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main class="login">
      <form class="login-card" onSubmit={submit}>
        <h1>{t('app.name')}</h1>
        <p class="muted">{title}</p>
        <label>
          {t('login.username')}
          <input name="username" autocomplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} required />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
          />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button class="primary" type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
        <button type="button" class="link" onClick={() => session.switchLocale()}>
          {t('app.language')}
        </button>
      </form>
    </main>
  )
}
