// One dispatch on the crew's phone, text first: the task, where to go and how far, the incident,
// the acknowledgement deadline, navigation and a call to the desk, then the next step.
import type { Dispatch } from '../../shared/dispatch'
import { distanceM, formatDistance, type LatLng } from '../../shared/geo'
import { formatDuration, formatTime } from '../common/format'
import { now } from '../common/now'
import { label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import type { Field } from './model'
import { StepPanel } from './StepPanel'

function navLinks(to: LatLng, name: string) {
  const at = `${to.lat},${to.lng}`
  return {
    geo: `geo:${at}?q=${at}(${encodeURIComponent(name)})`,
    web: `https://www.google.com/maps/dir/?api=1&destination=${at}`,
  }
}

export function DispatchCard({
  desk,
  field,
  dispatch: d,
}: {
  desk: Desk
  field: Field
  dispatch: Dispatch
}) {
  const incident = desk.incidents.get(d.incidentId)
  const site = desk.sites.get(d.siteId)
  const crew = field.crew.value
  const target: LatLng | null = site ?? incident ?? null
  const targetName = site?.name ?? incident?.title ?? ''
  const from =
    crew && crew.lat !== null && crew.lng !== null ? { lat: crew.lat, lng: crew.lng } : null
  const nav = target && navLinks(target, targetName)
  const link = field.linkUp(d)
  const carried = field.carried(d)
  const serverNow = now.value + desk.clockSkew.value
  const phone = field.dutyPhone.value

  return (
    <article class={`card status-${d.status}`} aria-labelledby={`task-${d.id}`}>
      <p class="card-status">
        <span class={`chip dstatus-${d.status}`}>{label('dispatchStatus', d.status)}</span>
        {incident && (
          <span class={`chip sev-${incident.severity}`}>
            {label('severity', incident.severity)}
          </span>
        )}
      </p>

      <h2 id={`task-${d.id}`} class="task">
        {d.task}
      </h2>

      {d.status === 'sent' && (
        <p class={serverNow > d.ackDeadlineAt ? 'deadline overdue' : 'deadline'}>
          {serverNow > d.ackDeadlineAt
            ? t('field.overdue', { d: formatDuration(serverNow - d.ackDeadlineAt) })
            : `${t('field.deadline', { t: formatTime(d.ackDeadlineAt) })} · ${t('field.remaining', {
                d: formatDuration(d.ackDeadlineAt - serverNow),
              })}`}
        </p>
      )}

      <dl class="facts">
        <dt>{t('field.target')}</dt>
        <dd>
          {site ? (
            <>
              <strong>{site.name}</strong>
              <span class="sub">
                {label('siteKind', site.kind)}
                {site.address ? ` · ${site.address}` : ''}
              </span>
            </>
          ) : (
            <span>{t('field.noSite')}</span>
          )}
          {target && from ? (
            <span class="distance">
              {t('field.distance', { d: formatDistance(distanceM(from, target)) })}
              <span class="sub">
                {t('field.fromPosition', {
                  t: crew?.positionAt ? formatTime(crew.positionAt) : '?',
                })}
              </span>
            </span>
          ) : (
            <span class="sub">{t('field.noPosition')}</span>
          )}
        </dd>

        {incident && (
          <>
            <dt>{t('field.incident')}</dt>
            <dd>
              <strong>{incident.title}</strong>
              <span class="sub">
                {label('incidentKind', incident.kind)} · {label('incidentCause', incident.cause)}
              </span>
            </dd>
          </>
        )}

        {carried.length > 0 && (
          <>
            <dt>{t('field.carrying')}</dt>
            <dd>{carried.map((r) => `${r.name} (${label('resourceKind', r.kind)})`).join(', ')}</dd>
          </>
        )}
      </dl>

      {link && <p class="link-up">{t('field.linkIsUp', { kind: label('linkKind', link.kind) })}</p>}

      <div class="actions-row">
        {nav && (
          <a class="button nav" href={nav.geo}>
            {t('field.navigate')}
          </a>
        )}
        {phone && (
          <a class="button call" href={`tel:${phone.replace(/[^+0-9]/g, '')}`}>
            {t('field.callDesk')}
          </a>
        )}
      </div>
      {nav && (
        <p class="web-map">
          <a href={nav.web} target="_blank" rel="noopener noreferrer">
            {t('field.navigateWeb')}
          </a>
        </p>
      )}

      <StepPanel field={field} dispatch={d} />
    </article>
  )
}
