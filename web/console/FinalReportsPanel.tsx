// Final reports owed after restoration, the most overdue first: the ladder's last step.
import { formatDateTime, formatDuration } from '../common/format'
import { t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { intakeOf } from './intakeModel'
import type { ConsoleModel } from './model'

export function FinalReportsPanel({ desk, model }: { desk: Desk; model: ConsoleModel }) {
  const intake = intakeOf(desk)
  const owed = intake.owedFinal.value
  const now = intake.serverNow.value
  return (
    <aside class="panel board stale-dim" aria-label={t('ladder.owedTitle')}>
      <h3>{t('ladder.owedTitle')}</h3>
      {owed.length === 0 && <p class="muted">{t('ladder.noneOwed')}</p>}
      <ul class="side-list" data-testid="final-owed">
        {owed.map(({ incident, dueAt }) => (
          <li key={incident.id} class={dueAt < now ? 'overdue' : ''}>
            <button type="button" class="link" onClick={() => model.select(incident.id)}>
              #{incident.id} {incident.title}
            </button>
            <div class="muted small">{desk.organizations.get(incident.organizationId)?.name ?? '—'}</div>
            {dueAt < now ? (
              <span class="escalated">{t('ladder.overdueBy', { d: formatDuration(now - dueAt) })}</span>
            ) : (
              <span class="muted small">{t('ladder.dueBy', { t: formatDateTime(dueAt) })}</span>
            )}
          </li>
        ))}
      </ul>
    </aside>
  )
}
