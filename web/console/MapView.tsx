import { effect, signal } from '@preact/signals'
import { useEffect, useRef } from 'preact/hooks'
import { ClientConfig } from '../../shared/config'
import { OPEN_INCIDENT_STATUSES, SEVERITIES, SITE_STATUSES, isOneOf } from '../../shared/enums'
import { api } from '../api/client'
import { label, t } from '../i18n/i18n'
import { DeskMap, type LayerName } from '../map/DeskMap'
import { CoverageLegend } from './Coverage'
import type { Desk } from '../state/desk'
import type { ConsoleModel } from './model'

const LAYERS: LayerName[] = ['incidents', 'sites', 'crews', 'resources', 'links', 'areas', 'coverage']

export function MapView({ desk, model }: { desk: Desk; model: ConsoleModel }) {
  const box = useRef<HTMLDivElement>(null)
  const tilesFailed = useRef(signal(false)).current
  const shown = useRef(signal<Record<LayerName, boolean>>(Object.fromEntries(LAYERS.map((l) => [l, true])) as Record<LayerName, boolean>)).current
  const mapRef = useRef<DeskMap | null>(null)

  useEffect(() => {
    let map: DeskMap | null = null
    const stops: (() => void)[] = []
    let cancelled = false
    api(ClientConfig, 'GET', '/config')
      .catch(() => ({ tileUrl: '', tileAttribution: '', dutyPhone: '', checkinMinutes: 45 }))
      .then((config) => {
        if (cancelled || !box.current) return
        map = new DeskMap(box.current, {
          tileUrl: config.tileUrl,
          tileAttribution: config.tileAttribution,
          onSelectIncident: (id) => model.select(id),
          orgName: (id) => desk.organizations.get(id)?.name ?? '',
          onTilesFailed: () => (tilesFailed.value = true),
        })
        mapRef.current = map
        const m = map
        stops.push(
          effect(() => m.setSites(desk.sites.all())),
          effect(() => m.setCrews(desk.crews.all())),
          effect(() => m.setResources(desk.resources.all())),
          effect(() => m.setAreas(desk.areas.all())),
          effect(() => m.setCoverage(desk.areas.all(), model.coverage.value)),
          effect(() =>
            m.setLinks(desk.links.all(), (l) => {
              const site = desk.sites.get(l.siteId)
              const res = desk.resources.get(l.resourceId)
              const crew = desk.crews.get(desk.dispatches.get(l.dispatchId)?.crewId)
              const from = res?.lat != null ? res : crew?.lat != null ? crew : null
              return site && from ? { from: [from.lat!, from.lng!], to: [site.lat, site.lng] } : null
            }),
          ),
          effect(() => {
            const id = model.selectedId.value
            m.select(id, desk.incidents.get(id) ?? undefined)
            m.setIncidents(desk.incidents.all().filter((i) => isOneOf(OPEN_INCIDENT_STATUSES, i.status)))
          }),
        )
      })
    return () => {
      cancelled = true
      stops.forEach((s) => s())
      map?.destroy()
      mapRef.current = null
    }
  }, [])

  const toggle = (name: LayerName) => {
    const on = !shown.value[name]
    shown.value = { ...shown.value, [name]: on }
    mapRef.current?.toggle(name, on)
  }

  return (
    <section class="map-wrap" aria-label={t('map.layers')}>
      <div ref={box} class="map" data-testid="map" />
      {tilesFailed.value && <div class="map-banner">{t('map.tilesFailed')}</div>}
      <div class="map-controls">
        <fieldset class="layers">
          <legend>{t('map.layers')}</legend>
          {LAYERS.map((l) => (
            <label key={l} class="check">
              <input type="checkbox" checked={shown.value[l]} onChange={() => toggle(l)} />
              {l === 'coverage' ? t('network.layer') : t(`map.${l}`)}
            </label>
          ))}
        </fieldset>
        {/* Folded by default: on a laptop screen the legend would cover a third of the map. */}
        <details class="legend" aria-label={t('map.legend')}>
          <summary>{t('map.legend')}</summary>
          {SITE_STATUSES.map((s) => (
            <div key={s}>
              <span class={`sw site-sw st-bg-${s}`} />
              {label('siteStatus', s)}
            </div>
          ))}
          {[...SEVERITIES].reverse().map((s) => (
            <div key={s}>
              <span class={`sw inc-sw sev-${s}`} />
              {label('severity', s)}
            </div>
          ))}
          {shown.value.coverage && <CoverageLegend />}
          {(['available', 'dispatched', 'en_route', 'on_site'] as const).map((s) => (
            <div key={s}>
              <span class={`sw crew-sw crew-${s}`} />
              {label('crewStatus', s)}
            </div>
          ))}
        </details>
      </div>
    </section>
  )
}
