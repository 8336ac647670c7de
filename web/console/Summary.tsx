import { formatDuration } from '../common/format'
import { now } from '../common/now'
import { label, t } from '../i18n/i18n'
import type { ConsoleModel } from './model'

/** The strip across the top: sites by status, open incidents by severity, dispatches waiting. */
export function Summary({ model }: { model: ConsoleModel }) {
  const s = model.summary.value
  return (
    <div class="summary" role="region" aria-label="summary">
      <span class="metric st-ok" data-testid="sites-ok">
        <b>{s.ok}</b> {t('summary.sitesOk')}
      </span>
      <span class="metric st-at_risk" data-testid="sites-at-risk">
        <b>{s.atRisk}</b> {t('summary.sitesAtRisk')}
      </span>
      <span class="metric st-down" data-testid="sites-down">
        <b>{s.down}</b> {t('summary.sitesDown')}
        {s.pollingDown > 0 && <em class="callout">{` (${s.pollingDown} ${t('summary.pollingDown')})`}</em>}
      </span>
      <span class="metric st-on_backup" data-testid="sites-backup">
        <b>{s.backup}</b> {t('summary.sitesBackup')}
      </span>
      <span class="sep" />
      <span class="metric">{t('summary.openIncidents')}:</span>
      {s.bySeverity.map(([sev, n]) => (
        <span key={sev} class={`chip sev-${sev}`} title={label('severity', sev)}>
          {label('severity', sev)} {n}
        </span>
      ))}
      <span class="sep" />
      <span class={`metric ${s.waiting > 0 ? 'waiting' : ''}`} data-testid="awaiting-ack">
        <b>{s.waiting}</b> {t('summary.awaitingAck')}
        {s.waiting > 0 && ` · ${t('summary.waited', { d: formatDuration(now.value - s.oldestWaiting) })}`}
      </span>
    </div>
  )
}
