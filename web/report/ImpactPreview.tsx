// What the report being typed would do, before it is sent: the protected sites it would put down
// or at risk, from POST /api/incidents/preview (debounced; nothing is saved). Only the location,
// radius, services, kind and named elements matter to the impact, so it shows as soon as a
// location is valid.
import { useEffect, useState } from 'preact/hooks'
import type { Site } from '../../shared/site'
import { IncidentCreate } from '../../shared/incident'
import { IncidentPreview } from '../../shared/incident-detail'
import { api } from '../api/client'
import { label, t } from '../i18n/i18n'
import { candidate, type IncidentForm } from './incidentForm'
import './impact.css'

const DEBOUNCE_MS = 400
const LISTED = 8

type State =
  | { kind: 'incomplete' }
  | { kind: 'checking'; last: IncidentPreview | null }
  | { kind: 'ready'; preview: IncidentPreview }
  | { kind: 'failed' }

export function ImpactPreview({ form }: { form: IncidentForm }) {
  const c = candidate(form.values.value)
  // The fields the impact depends on; the rest gets stand-ins so the shared schema accepts it.
  const body = JSON.stringify({
    kind: c.kind ?? 'outage',
    severity: c.severity ?? 'low',
    title: c.title.trim() || '…',
    services: c.services,
    lat: c.lat,
    lng: c.lng,
    radiusM: c.radiusM,
    elements: c.elements,
  })
  const [state, setState] = useState<State>({ kind: 'incomplete' })

  useEffect(() => {
    const parsed = IncidentCreate.safeParse(JSON.parse(body))
    if (!parsed.success || c.lat === undefined || c.lng === undefined) {
      setState({ kind: 'incomplete' })
      return
    }
    let live = true
    setState((s) => ({ kind: 'checking', last: s.kind === 'ready' ? s.preview : s.kind === 'checking' ? s.last : null }))
    const timer = setTimeout(() => {
      api(IncidentPreview, 'POST', '/incidents/preview', parsed.data)
        .then((preview) => live && setState({ kind: 'ready', preview }))
        .catch(() => live && setState({ kind: 'failed' }))
    }, DEBOUNCE_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [body])

  const shown = state.kind === 'ready' ? state.preview : state.kind === 'checking' ? state.last : null
  return (
    <section class="impact-preview" aria-labelledby="impact-title" aria-live="polite" data-testid="impact-preview">
      <h3 id="impact-title">{t('network.impactTitle')}</h3>
      <p class="fld-hint">{t('network.impactHint')}</p>
      {state.kind === 'incomplete' && <p class="muted">{t('network.impactIncomplete')}</p>}
      {state.kind === 'failed' && <p class="muted">{t('network.impactUnavailable')}</p>}
      {state.kind === 'checking' && !shown && <p class="muted">{t('network.impactChecking')}</p>}
      {shown && (
        <div class={state.kind === 'checking' ? 'impact-lists is-checking' : 'impact-lists'}>
          {shown.down.length === 0 && shown.atRisk.length === 0 && <p class="muted">{t('network.impactNone')}</p>}
          <SiteList title={t('network.impactDown', { n: shown.down.length })} cls="st-down" sites={shown.down} testid="impact-down" />
          <SiteList title={t('network.impactAtRisk', { n: shown.atRisk.length })} cls="st-at_risk" sites={shown.atRisk} testid="impact-at-risk" />
        </div>
      )}
    </section>
  )
}

function SiteList({ title, cls, sites, testid }: { title: string; cls: string; sites: Site[]; testid: string }) {
  if (sites.length === 0) return null
  // Polling stations and the highest priorities first.
  const ordered = [...sites].sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name, 'vi'))
  return (
    <div data-testid={testid}>
      <strong class={cls}>{title}</strong>
      <ul class="impact-list">
        {ordered.slice(0, LISTED).map((s) => (
          <li key={s.id}>
            {s.name} <span class="muted">({label('siteKind', s.kind)}{s.status === 'down' ? ` · ${t('network.alreadyDown')}` : ''})</span>
          </li>
        ))}
        {ordered.length > LISTED && <li class="muted">{t('network.impactMore', { n: ordered.length - LISTED })}</li>}
      </ul>
    </div>
  )
}
