// The queue's intake marks: reports from several operators near one place, grouped above the
// list, and on each item a possible duplicate or the group it belongs to.
import type { Incident } from '../../shared/incident'
import { label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { intakeOf } from './intakeModel'
import type { ConsoleModel } from './model'

export function CorrelationBanner({ desk, model }: { desk: Desk; model: ConsoleModel }) {
  const intake = intakeOf(desk)
  const groups = intake.groups.value
  if (groups.length === 0) return null
  return (
    <ul class="correlations" aria-label={t('dedup.correlationsTitle')} data-testid="correlations">
      {groups.map((g) => (
        <li key={g.incidents.map((i) => i.id).join('-')}>
          <button type="button" class="link" onClick={() => model.select(g.incidents[0]!.id)}>
            {t('dedup.group', { n: g.organizationIds.length, kind: label('incidentKind', g.kind), place: intake.placeOf(g) })}
          </button>
        </li>
      ))}
    </ul>
  )
}

export function IntakeBadges({ desk, incident }: { desk: Desk; incident: Incident }) {
  const intake = intakeOf(desk)
  const master = intake.masters.value.get(incident.id)?.[0]
  const group = intake.groupOf.value.get(incident.id)
  if (!master && !group) return null
  return (
    <div class="qrow small">
      {master && (
        <span class="chip dup-chip" data-testid="dup-badge">
          {t('dedup.proposal', { id: master.id })}
        </span>
      )}
      {group && (
        <span class="chip corr-chip" data-testid="corr-badge">
          {t('dedup.groupBadge', { n: group.organizationIds.length })}
        </span>
      )}
    </div>
  )
}
