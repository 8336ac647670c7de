import { useEffect, useRef } from 'preact/hooks'
import { INCIDENT_KINDS, INCIDENT_STATUSES } from '../../shared/enums'
import { formatDuration } from '../common/format'
import { now } from '../common/now'
import { label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { CorrelationBanner, IntakeBadges } from './QueueIntake'
import type { ConsoleModel, QueueFilters } from './model'

export function Queue({ desk, model }: { desk: Desk; model: ConsoleModel }) {
  const list = model.queue.value
  const alarms = alarmedIncidents(desk)
  const f = model.filters.value
  const set = (patch: Partial<QueueFilters>) => (model.filters.value = { ...f, ...patch })
  const listRef = useRef<HTMLOListElement>(null)

  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${model.cursor.value}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [model.cursor.value])

  return (
    <section class="queue" aria-label={t('queue.title')}>
      <div class="queue-head">
        <input
          id="queue-search"
          type="search"
          placeholder={t('queue.search')}
          value={model.search.value}
          onInput={(e) => (model.search.value = e.currentTarget.value)}
          aria-label={t('queue.search')}
        />
        <div class="filters">
          <select aria-label={t('queue.filterKind')} value={f.kind} onChange={(e) => set({ kind: e.currentTarget.value as QueueFilters['kind'] })}>
            <option value="">{t('queue.filterKind')}: {t('app.all')}</option>
            {INCIDENT_KINDS.map((k) => (
              <option value={k}>{label('incidentKind', k)}</option>
            ))}
          </select>
          <select aria-label={t('queue.filterStatus')} value={f.status} onChange={(e) => set({ status: e.currentTarget.value as QueueFilters['status'] })}>
            <option value="">{t('queue.filterStatus')}: {t('app.all')}</option>
            {INCIDENT_STATUSES.map((s) => (
              <option value={s}>{label('incidentStatus', s)}</option>
            ))}
          </select>
          <select aria-label={t('queue.filterArea')} value={f.areaId} onChange={(e) => set({ areaId: Number(e.currentTarget.value) })}>
            <option value={0}>{t('queue.filterArea')}: {t('app.all')}</option>
            {desk.areas
              .all()
              .filter((a) => a.level !== 'province')
              .map((a) => (
                <option value={a.id}>{a.name}</option>
              ))}
          </select>
          <select
            aria-label={t('queue.filterOrg')}
            value={f.organizationId}
            onChange={(e) => set({ organizationId: Number(e.currentTarget.value) })}
          >
            <option value={0}>{t('queue.filterOrg')}: {t('app.all')}</option>
            {desk.organizations.all().map((o) => (
              <option value={o.id}>{o.name}</option>
            ))}
          </select>
        </div>
      </div>
      <CorrelationBanner desk={desk} model={model} />
      <ol class="queue-list stale-dim" ref={listRef} data-testid="queue">
        {list.length === 0 && <li class="empty muted">{t('queue.empty')}</li>}
        {list.slice(0, Math.max(SHOWN, model.cursor.value + 1)).map((i, index) => (
          <li
            key={i.id}
            data-index={index}
            data-incident={i.id}
            class={`qitem sev-border-${i.severity}${model.selectedId.value === i.id ? ' selected' : ''}${model.cursor.value === index ? ' cursor' : ''}${alarms.has(i.id) ? ' alarm' : ''}`}
            onClick={() => model.select(i.id)}
          >
            <div class="qrow">
              <span class={`chip sev-${i.severity}`}>{label('severity', i.severity)}</span>
              <span class="qtitle">{i.title}</span>
              <span class="qid muted">#{i.id}</span>
            </div>
            <div class="qrow muted small">
              <span>{label('incidentKind', i.kind)}</span>
              <span>· {desk.areas.get(i.areaId)?.name ?? ''}</span>
              <span>· {desk.organizations.get(i.organizationId)?.name ?? ''}</span>
            </div>
            <div class="qrow small">
              <span class={`status ist-${i.status}`}>{label('incidentStatus', i.status)}</span>
              <span class="muted">{t('queue.inStatus', { d: formatDuration(now.value - i.statusChangedAt) })}</span>
            </div>
            <IntakeBadges desk={desk} incident={i} />
          </li>
        ))}
        {list.length > SHOWN && (
          <li class="empty muted" data-testid="queue-more">
            {t('queue.more', { n: list.length - SHOWN })}
          </li>
        )}
      </ol>
    </section>
  )
}

/**
 * The queue draws the worst this many; a storm day's thousands stay a search or a filter away, and
 * the page stays fast enough to be live.
 */
const SHOWN = 200

/** Incidents whose dispatch went unanswered, or that nobody was sent to, in time: once per render. */
function alarmedIncidents(desk: Desk): Set<number> {
  const out = new Set<number>()
  const sent = new Set<number>()
  for (const d of desk.dispatches.all()) {
    if (d.status !== 'declined' && d.status !== 'cancelled') sent.add(d.incidentId)
    if (d.escalationLevel > 0 && (d.status === 'sent' || d.status === 'acknowledged' || d.status === 'en_route')) out.add(d.incidentId)
  }
  // Escalated for want of a crew, and still no crew sent (kept on the row, so a reload shows it).
  for (const i of desk.incidents.all()) if (i.escalationLevel > 0 && !sent.has(i.id)) out.add(i.id)
  return out
}
