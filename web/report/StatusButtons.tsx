// Buttons that set one of the statuses a person may set by hand, with the server's answer shown.
import { useState } from 'preact/hooks'
import { label, t } from '../i18n/i18n'
import { failureErrors } from './issues'

export function StatusButtons<S extends string>(p: {
  section: 'crewStatus' | 'resourceStatus'
  current: string
  choices: readonly S[]
  /** Why the status cannot be set now (it follows a dispatch), or null. */
  locked: string | null
  set: (s: S) => Promise<unknown>
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (p.locked) return <span class="muted small">{p.locked}</span>
  const go = async (s: S) => {
    setBusy(true)
    setError(null)
    try {
      await p.set(s)
    } catch (err) {
      setError(Object.values(failureErrors(err)).join(' · '))
    } finally {
      setBusy(false)
    }
  }
  return (
    <span class="status-buttons" role="group" aria-label={t('report.setStatus')}>
      {p.choices
        .filter((s) => s !== p.current)
        .map((s) => (
          <button key={s} type="button" disabled={busy} onClick={() => go(s)}>
            {label(p.section, s)}
          </button>
        ))}
      {error && (
        <span class="error small" role="alert">
          {error}
        </span>
      )}
    </span>
  )
}
