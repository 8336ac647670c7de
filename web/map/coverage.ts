// The coverage choropleth: each district filled by the share of its sites that are down or at risk,
// with a tooltip of its counts built from text nodes. Shapes are created once per area and then
// restyled in place as the counts change, so an open tooltip stays open through live updates.
import L from 'leaflet'
import type { Area } from '../../shared/area'
import { troubleShare, type AreaCoverage } from '../../shared/coverage'
import { label, t } from '../i18n/i18n'
import { el } from './dom'
import './coverage.css'

/** The classes of the fill, by share of sites down or at risk: upper bounds and colours. */
export const COVERAGE_CLASSES = [
  { max: 0, colour: '#2fbf71', opacity: 0.06 },
  { max: 0.05, colour: '#f2c94c', opacity: 0.16 },
  { max: 0.15, colour: '#f2994a', opacity: 0.22 },
  { max: 0.3, colour: '#eb5757', opacity: 0.28 },
  { max: 1, colour: '#c0392b', opacity: 0.34 },
] as const

export function coverageClass(share: number) {
  return COVERAGE_CLASSES.find((c) => share <= c.max) ?? COVERAGE_CLASSES[COVERAGE_CLASSES.length - 1]!
}

interface Shape {
  polygon: L.Polygon
  sig: string
}

export class CoverageLayer {
  readonly group = L.layerGroup()
  private shapes = new Map<number, Shape>()
  // Drawn under everything else on the shared canvas, so that sites stay on top and clickable.
  private toBack = () => this.shapes.forEach((s) => s.polygon.bringToBack())

  constructor() {
    this.group.on('add', this.toBack)
  }

  remove(): void {
    this.group.off('add', this.toBack)
    this.group.remove()
  }

  /** Areas with an outline below the province, coloured by their row; others are dropped. */
  set(areas: readonly Area[], rows: readonly AreaCoverage[]): void {
    const byArea = new Map(rows.map((r) => [r.areaId, r]))
    const seen = new Set<number>()
    for (const a of areas) {
      const row = byArea.get(a.id)
      if (a.level === 'province' || !a.boundary || !row) continue
      seen.add(a.id)
      const sig = JSON.stringify([a.name, row.total, row.ok, row.atRisk, row.down, row.onBackup, row.pollingNoService])
      const shape = this.shapes.get(a.id)
      if (shape && shape.sig === sig) continue
      if (shape) {
        shape.polygon.setStyle(style(row))
        shape.polygon.setTooltipContent(tooltip(a, row))
        shape.sig = sig
        continue
      }
      const polygon = L.polygon(
        a.boundary.map((ring) => ring.map(([lng, lat]) => [lat, lng] as [number, number])),
        { ...style(row), weight: 1, color: '#6f8aa3', interactive: true, bubblingMouseEvents: true },
      ).bindTooltip(tooltip(a, row), { sticky: true, className: 'coverage-tip' })
      polygon.addTo(this.group)
      polygon.bringToBack()
      this.shapes.set(a.id, { polygon, sig })
    }
    for (const [id, shape] of this.shapes) {
      if (seen.has(id)) continue
      this.group.removeLayer(shape.polygon)
      this.shapes.delete(id)
    }
  }
}

function style(row: AreaCoverage): L.PathOptions {
  const c = coverageClass(troubleShare(row))
  return { fill: true, fillColor: c.colour, fillOpacity: c.opacity }
}

function tooltip(a: Area, row: AreaCoverage): HTMLElement {
  const pct = Math.round(troubleShare(row) * 100)
  const line = (status: 'ok' | 'at_risk' | 'down' | 'on_backup', n: number) =>
    el('div', 'coverage-tip-row', el('span', `sw site-sw st-bg-${status}`), `${label('siteStatus', status)}: `, el('b', '', String(n)))
  return el(
    'div',
    'popup',
    el('strong', 'popup-title', a.name),
    el('div', 'muted', `${t('network.sites', { n: row.total })} · ${t('network.share', { pct })}`),
    line('down', row.down),
    line('at_risk', row.atRisk),
    line('on_backup', row.onBackup),
    line('ok', row.ok),
    el('div', '', `${t('network.pollingNoServiceLong')}: `, el('b', '', String(row.pollingNoService))),
  )
}
