// Supercluster behind a Leaflet layer group: clusters when zoomed out, single markers close in.
// Point markers are keyed by id and updated in place when their item changes; never cleared and
// redrawn, so an open popup stays open while events arrive.
import L from 'leaflet'
import Supercluster, { type ClusterProperties } from 'supercluster'
import { el } from './dom'

export interface ClusterOptions<T> {
  /** What, if changed, needs the marker redrawn (status, severity…); position is handled apart. */
  signature(item: T): string
  create(item: T): L.Marker | L.CircleMarker
  update(marker: L.Marker | L.CircleMarker, item: T): void
  /** A weight per point the cluster icon sums, e.g. how many are down. */
  alarm?(item: T): number
  clusterClass: string
  maxZoom?: number
}

interface Shown {
  layer: L.Layer
  sig: string
}

interface Props {
  id: number
  alarm: number
}

export class ClusterLayer<T extends { id: number; lat: number; lng: number }> {
  readonly group = L.layerGroup()
  private index: Supercluster<Props, { alarm: number }>
  private items = new Map<number, T>()
  private shown = new Map<string, Shown>()
  private frame = 0
  private pending: T[] | null = null

  constructor(
    private map: L.Map,
    private opts: ClusterOptions<T>,
  ) {
    this.index = this.newIndex()
    this.map.on('moveend', this.schedule, this)
  }

  private newIndex() {
    return new Supercluster<Props, { alarm: number }>({
      radius: 48,
      maxZoom: this.opts.maxZoom ?? 12,
      map: (p) => ({ alarm: p.alarm }),
      reduce: (acc, p) => {
        acc.alarm += p.alarm
      },
    })
  }

  /** Takes the latest items; the index is rebuilt once per frame, however many events arrived. */
  setItems(items: T[]): void {
    this.pending = items
    this.schedule()
  }

  private rebuild(items: T[]): void {
    this.items = new Map(items.map((i) => [i.id, i]))
    this.index = this.newIndex()
    this.index.load(
      items.map((i) => ({
        type: 'Feature' as const,
        properties: { id: i.id, alarm: this.opts.alarm?.(i) ?? 0 },
        geometry: { type: 'Point' as const, coordinates: [i.lng, i.lat] },
      })),
    )
  }

  /** The latest row of an item, for popups that open after it changed. */
  item(id: number): T | undefined {
    return this.items.get(id)
  }

  /** The marker of one item, if it is drawn on its own at this zoom. */
  markerOf(id: number): L.Layer | undefined {
    return this.shown.get(`p${id}`)?.layer
  }

  private schedule(): void {
    if (this.frame) return
    this.frame = requestAnimationFrame(() => {
      this.frame = 0
      if (this.pending) {
        this.rebuild(this.pending)
        this.pending = null
      }
      this.redraw()
    })
  }

  private redraw(): void {
    const b = this.map.getBounds().pad(0.2)
    const zoom = Math.round(this.map.getZoom())
    const features = this.index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom)
    const next = new Set<string>()
    for (const f of features) {
      const [lng, lat] = f.geometry.coordinates as [number, number]
      if ('cluster' in f.properties && f.properties.cluster) {
        const p = f.properties as ClusterProperties & { alarm: number }
        const key = `c${p.cluster_id}:${p.point_count}:${p.alarm}`
        next.add(key)
        if (!this.shown.has(key)) {
          const marker = L.marker([lat, lng], { icon: this.clusterIcon(p.point_count, p.alarm), keyboard: false })
          marker.on('click', () => this.map.flyTo([lat, lng], Math.min(this.index.getClusterExpansionZoom(p.cluster_id), 16)))
          this.shown.set(key, { layer: marker.addTo(this.group), sig: key })
        }
        continue
      }
      const item = this.items.get((f.properties as Props).id)
      if (!item) continue
      const key = `p${item.id}`
      next.add(key)
      const sig = this.opts.signature(item)
      const existing = this.shown.get(key)
      if (!existing) {
        this.shown.set(key, { layer: this.opts.create(item).addTo(this.group), sig })
        continue
      }
      const marker = existing.layer as L.Marker | L.CircleMarker
      const at = marker.getLatLng()
      if (at.lat !== item.lat || at.lng !== item.lng) marker.setLatLng([item.lat, item.lng])
      if (existing.sig !== sig) {
        this.opts.update(marker, item)
        existing.sig = sig
      }
    }
    for (const [key, s] of this.shown) {
      if (next.has(key)) continue
      this.group.removeLayer(s.layer)
      this.shown.delete(key)
    }
  }

  private clusterIcon(count: number, alarm: number): L.DivIcon {
    const size = count < 10 ? 30 : count < 100 ? 36 : 44
    return L.divIcon({
      className: `cluster ${this.opts.clusterClass}${alarm > 0 ? ' alarm' : ''}`,
      html: el('span', '', String(count)),
      iconSize: [size, size],
    })
  }

  remove(): void {
    cancelAnimationFrame(this.frame)
    this.map.off('moveend', this.schedule, this)
    this.group.remove()
  }
}
