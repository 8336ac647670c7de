// The console map: a basemap that degrades to bundled outlines, and one layer per kind of thing,
// each synced by id from the desk.
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import type { Area } from '../../shared/area'
import type { Crew } from '../../shared/crew'
import type { Incident } from '../../shared/incident'
import type { Link } from '../../shared/link'
import type { Resource } from '../../shared/resource'
import type { Site } from '../../shared/site'
import { t } from '../i18n/i18n'
import { ClusterLayer } from './ClusterLayer'
import { CoverageLayer } from './coverage'
import type { AreaCoverage } from '../../shared/coverage'
import { el } from './dom'
import { crewPopup, incidentPopup, resourcePopup, sitePopup } from './popups'

export type LayerName = 'incidents' | 'sites' | 'crews' | 'resources' | 'links' | 'areas' | 'coverage'

const SITE_COLOURS = { ok: '#2fbf71', at_risk: '#f2c94c', down: '#ff4d4f', on_backup: '#f5a623' } as const
const TILE_FAILURES_BEFORE_FALLBACK = 3

interface Keyed {
  layer: L.Layer
  sig: string
}

export interface DeskMapOptions {
  tileUrl: string
  tileAttribution: string
  onSelectIncident(id: number): void
  orgName(id: number): string
  onTilesFailed(): void
}

export class DeskMap {
  readonly map: L.Map
  private incidents: ClusterLayer<Incident>
  private sites: ClusterLayer<Site>
  private crews = L.layerGroup()
  private resources = L.layerGroup()
  private links = L.layerGroup()
  private areas = L.layerGroup()
  private coverage = new CoverageLayer()
  private crewMarkers = new Map<number, Keyed>()
  private resourceMarkers = new Map<number, Keyed>()
  private linkLines = new Map<number, Keyed>()
  private areaShapes = new Map<number, Keyed>()
  private selected: number | null = null
  private latestCrews = new Map<number, Crew>()
  private latestResources = new Map<number, Resource>()

  constructor(
    container: HTMLElement,
    private opts: DeskMapOptions,
  ) {
    this.map = L.map(container, { preferCanvas: true, zoomControl: true, attributionControl: true, minZoom: 5, maxZoom: 18 })
    this.map.setView([10.55, 107.2], 10)
    // Crew names only when zoomed in close enough for them not to pile up.
    const labels = () => container.classList.toggle('zoom-close', this.map.getZoom() >= 12)
    this.map.on('zoomend', labels)
    labels()
    this.map.createPane('land').style.zIndex = '150'
    this.addBasemap()
    this.incidents = new ClusterLayer<Incident>(this.map, {
      clusterClass: 'cluster-incidents',
      signature: (i) => `${i.kind}|${i.severity}|${i.status}|${i.id === this.selected}`,
      alarm: (i) => (i.severity === 'critical' || i.severity === 'high' ? 1 : 0),
      create: (i) => {
        const m = L.marker([i.lat, i.lng], { icon: this.incidentIcon(i), riseOnHover: true, zIndexOffset: 1000 })
        m.bindPopup(() => incidentPopup(this.incidents.item(i.id) ?? i))
        m.on('click', () => this.opts.onSelectIncident(i.id))
        return m
      },
      update: (m, i) => {
        ;(m as L.Marker).setIcon(this.incidentIcon(i))
        m.unbindPopup().bindPopup(() => incidentPopup(this.incidents.item(i.id) ?? i))
      },
    })
    this.sites = new ClusterLayer<Site>(this.map, {
      clusterClass: 'cluster-sites',
      maxZoom: 11,
      signature: (s) => `${s.status}|${s.priority}|${s.kind}`,
      alarm: (s) => (s.status === 'down' ? 1 : 0),
      create: (s) => {
        const m = L.circleMarker([s.lat, s.lng], this.siteStyle(s))
        m.bindPopup(() => sitePopup(this.sites.item(s.id) ?? s, this.opts.orgName))
        return m
      },
      update: (m, s) => {
        ;(m as L.CircleMarker).setStyle(this.siteStyle(s))
        m.unbindPopup().bindPopup(() => sitePopup(this.sites.item(s.id) ?? s, this.opts.orgName))
      },
    })
    for (const layer of [this.coverage.group, this.areas, this.sites.group, this.links, this.resources, this.crews, this.incidents.group]) layer.addTo(this.map)
  }

  private addBasemap(): void {
    fetch('/land.json')
      .then((r) => r.json())
      .then((land) => L.geoJSON(land, { pane: 'land', interactive: false, style: { color: '#4b6275', weight: 1, fillColor: '#1e2c27', fillOpacity: 1 } }).addTo(this.map))
      .catch(() => undefined)
    for (const [text, at] of [
      [t('map.hoangSa'), [16.5, 112.0]],
      [t('map.truongSa'), [9.8, 114.2]],
    ] as const) {
      L.marker(at as [number, number], {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: 'sea-label', html: el('span', '', text), iconSize: [180, 20] }),
      }).addTo(this.map)
    }
    if (!this.opts.tileUrl) return
    const tiles = L.tileLayer(this.opts.tileUrl, { attribution: this.opts.tileAttribution, maxZoom: 18 })
    let failures = 0
    tiles.on('tileerror', () => {
      if (++failures === TILE_FAILURES_BEFORE_FALLBACK) {
        this.map.removeLayer(tiles)
        this.opts.onTilesFailed()
      }
    })
    tiles.addTo(this.map)
  }

  private incidentIcon(i: Incident): L.DivIcon {
    const selected = i.id === this.selected ? ' selected' : ''
    return L.divIcon({
      className: `inc inc-${i.kind} sev-${i.severity} ist-${i.status}${selected}`,
      html: el('span', 'inc-shape'),
      iconSize: [22, 22],
    })
  }

  private siteStyle(s: Site): L.CircleMarkerOptions {
    const special = s.kind !== 'polling_station'
    return {
      radius: special ? 7 : 4 + (3 - s.priority),
      color: special ? '#ffffff' : '#0b121a',
      weight: special ? 2 : 1,
      fillColor: SITE_COLOURS[s.status],
      fillOpacity: 0.95,
    }
  }

  setIncidents(items: Incident[]): void {
    this.incidents.setItems(items)
  }

  setSites(items: Site[]): void {
    this.sites.setItems(items)
  }

  setCrews(items: Crew[]): void {
    this.latestCrews = new Map(items.map((c) => [c.id, c]))
    sync(this.crewMarkers, this.crews, items.filter(hasPosition), (c) => `${c.status}|${c.name}`, (c) => {
      const m = L.marker([c.lat!, c.lng!], {
        icon: L.divIcon({ className: `crew crew-${c.status}`, html: el('span', 'crew-label', c.name), iconSize: [14, 14], iconAnchor: [7, 7] }),
        zIndexOffset: 500,
      })
      // Popups read the latest row when they open, not the one the marker was drawn from.
      return m.bindPopup(() => crewPopup(this.latestCrews.get(c.id) ?? c))
    })
  }

  setResources(items: Resource[]): void {
    this.latestResources = new Map(items.map((r) => [r.id, r]))
    sync(this.resourceMarkers, this.resources, items.filter(hasPosition), (r) => `${r.status}|${r.kind}`, (r) =>
      L.marker([r.lat!, r.lng!], {
        icon: L.divIcon({ className: `res res-${r.kind} rst-${r.status}`, html: el('span', 'res-shape'), iconSize: [12, 12] }),
      }).bindPopup(() => resourcePopup(this.latestResources.get(r.id) ?? r)),
    )
  }

  /** Links that are up, drawn from the equipment (or its crew) to the site they serve. */
  setLinks(links: Link[], where: (l: Link) => { from: L.LatLngExpression; to: L.LatLngExpression } | null): void {
    const up = links.filter((l) => l.status === 'up' && where(l))
    sync(this.linkLines, this.links, up, (l) => JSON.stringify(where(l)), (l) => {
      const w = where(l)!
      return L.polyline([w.from, w.to], { color: '#f5a623', weight: 3, dashArray: '6 6', interactive: false })
    })
  }

  setAreas(areas: Area[]): void {
    const withOutline = areas.filter((a) => a.level !== 'province' && a.boundary)
    sync(this.areaShapes, this.areas, withOutline, (a) => `${a.name}|${JSON.stringify(a.boundary)}`, (a) =>
      L.polygon(
        a.boundary!.map((ring) => ring.map(([lng, lat]) => [lat, lng] as [number, number])),
        { color: '#6f8aa3', weight: 1.5, fill: true, fillOpacity: 0.04, interactive: false },
      ).bindTooltip(el('span', '', a.name), { sticky: true }),
    )
  }

  /** The choropleth of coverage by area, from the rows the console derives from its live sites. */
  setCoverage(areas: Area[], rows: readonly AreaCoverage[]): void {
    this.coverage.set(areas, rows)
  }

  select(id: number | null, item?: Incident): void {
    this.selected = id
    if (item) {
      const z = Math.max(this.map.getZoom(), 13)
      this.map.flyTo([item.lat, item.lng], z, { duration: 0.5 })
    }
  }

  toggle(name: LayerName, on: boolean): void {
    const layer = {
      incidents: this.incidents.group,
      sites: this.sites.group,
      crews: this.crews,
      resources: this.resources,
      links: this.links,
      areas: this.areas,
      coverage: this.coverage.group,
    }[name]
    if (on) layer.addTo(this.map)
    else layer.remove()
  }

  destroy(): void {
    this.incidents.remove()
    this.sites.remove()
    this.coverage.remove()
    this.map.remove()
  }
}

const hasPosition = (x: { lat: number | null; lng: number | null }) => x.lat !== null && x.lng !== null

/** Diff a set of keyed layers: add new ids, replace changed ones, move moved ones, drop gone ones. */
function sync<T extends { id: number }>(
  shown: Map<number, Keyed>,
  group: L.LayerGroup,
  items: T[],
  signature: (item: T) => string,
  create: (item: T) => L.Layer,
): void {
  const seen = new Set<number>()
  for (const item of items) {
    seen.add(item.id)
    const sig = signature(item)
    const cur = shown.get(item.id)
    const pos = item as unknown as { lat?: number; lng?: number }
    if (cur && cur.sig === sig) {
      if (cur.layer instanceof L.Marker && pos.lat !== undefined) {
        const at = cur.layer.getLatLng()
        if (at.lat !== pos.lat || at.lng !== pos.lng) cur.layer.setLatLng([pos.lat, pos.lng!])
      }
      continue
    }
    if (cur) group.removeLayer(cur.layer)
    shown.set(item.id, { layer: create(item).addTo(group), sig })
  }
  for (const [id, cur] of shown) {
    if (seen.has(id)) continue
    group.removeLayer(cur.layer)
    shown.delete(id)
  }
}
