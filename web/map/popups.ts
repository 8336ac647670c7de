// Popup and tooltip content for each kind of marker, built from text nodes only.
import type { Crew } from '../../shared/crew'
import type { Incident } from '../../shared/incident'
import type { Resource } from '../../shared/resource'
import type { Site } from '../../shared/site'
import { formatTime } from '../common/format'
import { label, t } from '../i18n/i18n'
import { el } from './dom'

export function incidentPopup(i: Incident): HTMLElement {
  return el(
    'div',
    'popup',
    el('strong', 'popup-title', `#${i.id} ${i.title}`),
    el('div', '', `${label('incidentKind', i.kind)} · ${label('severity', i.severity)} · ${label('incidentStatus', i.status)}`),
    i.description ? el('div', 'popup-text', i.description) : null,
    el('div', 'muted', `${t('incident.reportedAt')}: ${formatTime(i.createdAt)}`),
  )
}

export function sitePopup(s: Site, orgName: (id: number) => string): HTMLElement {
  const services = s.services.map((v) => `${label('service', v.service)} (${orgName(v.organizationId)})`).join(', ')
  return el(
    'div',
    'popup',
    el('strong', 'popup-title', s.name),
    el('div', '', `${label('siteKind', s.kind)} · `, el('span', `st-${s.status}`, label('siteStatus', s.status))),
    s.address ? el('div', 'muted', s.address) : null,
    services ? el('div', 'popup-text', services) : null,
  )
}

export function crewPopup(c: Crew): HTMLElement {
  return el(
    'div',
    'popup',
    el('strong', 'popup-title', c.name),
    el('div', '', label('crewStatus', c.status)),
    c.phone ? el('div', 'muted', c.phone) : null,
    el('div', 'muted', c.skills.map((s) => label('skill', s)).join(', ')),
  )
}

export function resourcePopup(r: Resource): HTMLElement {
  return el(
    'div',
    'popup',
    el('strong', 'popup-title', r.name),
    el('div', '', `${label('resourceKind', r.kind)} · ${label('resourceStatus', r.status)}`),
    r.capacity ? el('div', 'muted', r.capacity) : null,
  )
}
