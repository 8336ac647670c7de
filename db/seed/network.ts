// The demo network that the demo province's sites depend on, as plain data from a fixed seed.
// For each telecom: core transmission nodes in Bà Rịa and Vũng Tàu, one fibre link per district
// from its core, cell sites (about one per two or three polling stations) hanging from their
// district's link. Côn Đảo hangs from a submarine cable through an island node, and a satellite
// link from Vũng Tàu feeds a few island cell sites of its own: the island's secondary path.
// Each site's telecom service rests on the operator's nearest cell site (primary) and the second
// nearest within 4 km (secondary); on Côn Đảo the secondary is the nearest satellite-fed cell.
// The post: the provincial post office as hub, district post offices, two postal routes.
import type {
  DependencyRole,
  ElementEffect,
  ElementKind,
  PowerSource,
  Service,
  TransmissionMedium,
} from '../../shared/enums'
import { distanceM, pointInRing, type LatLng } from '../../shared/geo'
import { DISTRICTS, type DemoArea } from './areas'
import type { DemoIncident, DemoSite } from './demo'
import { seededRandom } from './random'

export interface DemoElement {
  org: string
  code: string
  kind: ElementKind
  name: string
  lat: number
  lng: number
  lat2: number | null
  lng2: number | null
  coverageRadiusM: number | null
  powerSource: PowerSource | null
  medium: TransmissionMedium | null
  /** The code of the element (same organisation) it hangs from. */
  upstream: string | null
  /** The district it stands in or serves. */
  area: string
}

export interface DemoDependency {
  org: string
  service: Service
  element: string
  role: DependencyRole
}

export interface DemoNetwork {
  /** In an order where every element comes after its upstream. */
  elements: DemoElement[]
  /** By site code. */
  dependencies: Map<string, DemoDependency[]>
  /** By index into the demo incidents: the elements each names. */
  incidentElements: Map<number, { org: string; element: string; effect: ElementEffect }[]>
}

const TELECOMS = ['vnpt', 'viettel', 'mobifone'] as const
const ORG_NAME: Record<string, string> = { vnpt: 'VNPT', viettel: 'Viettel', mobifone: 'MobiFone', vnpost: 'Bưu điện' }
const SECONDARY_WITHIN_M = 4000
const CORES = {
  'ba-ria': { place: 'Bà Rịa', lat: 10.4963, lng: 107.1688 },
  'vung-tau': { place: 'Vũng Tàu', lat: 10.3542, lng: 107.0843 },
} as const
/** The island node, near the town of Côn Sơn. */
const CON_DAO = { lat: 8.6825, lng: 106.6088 }

const round = (x: number) => Math.round(x * 1e5) / 1e5
const place = (d: DemoArea) => d.name.replace(/^(Thành phố|Thị xã|Huyện) /, '')
const upper = (s: string) => s.toUpperCase()
const pad = (n: number) => String(n).padStart(2, '0')

function districtOf(p: LatLng): DemoArea {
  return (
    DISTRICTS.find((d) => pointInRing(p, d.ring)) ??
    [...DISTRICTS].sort((a, b) => distanceM(p, a) - distanceM(p, b))[0]!
  )
}

export function demoNetwork(sites: readonly DemoSite[], incidents: readonly DemoIncident[]): DemoNetwork {
  const rnd = seededRandom(2021_0523 + 4)
  const elements: DemoElement[] = []
  const add = (e: Omit<DemoElement, 'lat2' | 'lng2' | 'coverageRadiusM' | 'powerSource' | 'medium'> & Partial<DemoElement>) => {
    const full: DemoElement = { lat2: null, lng2: null, coverageRadiusM: null, powerSource: null, medium: null, ...e }
    elements.push(full)
    return full
  }
  const jitter = (p: LatLng, metres: number): LatLng => {
    const d = metres / 111_320
    return { lat: round(p.lat + (rnd.next() - 0.5) * 2 * d), lng: round(p.lng + (rnd.next() - 0.5) * 2 * d) }
  }
  const polling = (d: DemoArea) => sites.filter((s) => s.area === d.code && s.kind === 'polling_station')

  /** Cell sites of one operator, each with the path it hangs from. */
  const cells = new Map<string, { el: DemoElement; satellite: boolean }[]>()

  for (const org of TELECOMS) {
    const O = upper(org)
    const name = ORG_NAME[org]
    const list: { el: DemoElement; satellite: boolean }[] = []
    cells.set(org, list)
    const core: Record<string, DemoElement> = {}
    for (const [key, c] of Object.entries(CORES)) {
      core[key] = add({
        org, code: `${O}-N-${upper(key)}`, kind: 'transmission_node', name: `Nút truyền dẫn ${name} ${c.place}`,
        ...jitter(c, 300), powerSource: 'grid_battery', upstream: null, area: key,
      })
    }
    const cell = (d: DemoArea, upstream: DemoElement, at: LatLng, n: number, satellite = false) => {
      const urban = d.areaType === 'urban'
      list.push({
        satellite,
        el: add({
          org,
          code: `${O}-BTS-${upper(d.code)}${satellite ? '-SAT' : ''}-${pad(n)}`,
          kind: 'cell_site',
          name: `Trạm BTS ${satellite ? 'vệ tinh ' : ''}${name} ${place(d)} ${pad(n)}`,
          ...jitter(at, 600),
          coverageRadiusM: urban ? rnd.int(10, 18) * 100 : rnd.int(18, 30) * 100,
          powerSource: satellite ? 'solar' : rnd.next() < 0.6 ? 'grid_battery' : 'grid',
          upstream: upstream.code,
          area: d.code,
        }),
      })
    }
    for (const d of DISTRICTS) {
      const stations = polling(d)
      let feed: DemoElement
      if (d.code === 'con-dao') {
        const vt = core['vung-tau']!
        const cable = add({
          org, code: `${O}-L-CON-DAO-SUB`, kind: 'transmission_link', name: `Tuyến cáp quang biển ${name} Vũng Tàu – Côn Đảo`,
          lat: vt.lat, lng: vt.lng, lat2: CON_DAO.lat, lng2: CON_DAO.lng, medium: 'submarine', upstream: vt.code, area: d.code,
        })
        feed = add({
          org, code: `${O}-N-CON-DAO`, kind: 'transmission_node', name: `Nút truyền dẫn ${name} Côn Đảo`,
          ...jitter(CON_DAO, 200), powerSource: 'generator', upstream: cable.code, area: d.code,
        })
        const sat = add({
          org, code: `${O}-L-CON-DAO-SAT`, kind: 'transmission_link', name: `Tuyến vệ tinh dự phòng ${name} Vũng Tàu – Côn Đảo`,
          lat: vt.lat, lng: vt.lng, lat2: CON_DAO.lat, lng2: CON_DAO.lng, medium: 'satellite', upstream: vt.code, area: d.code,
        })
        cell(d, sat, CON_DAO, 1, true)
        cell(d, sat, stations[stations.length - 1] ?? CON_DAO, 2, true)
      } else {
        const from = d.code === 'vung-tau' ? core['vung-tau']! : core['ba-ria']!
        feed = add({
          org, code: `${O}-L-${upper(d.code)}`, kind: 'transmission_link', name: `Tuyến cáp quang ${name} ${CORES[d.code === 'vung-tau' ? 'vung-tau' : 'ba-ria'].place} – ${place(d)}`,
          lat: from.lat, lng: from.lng, lat2: round(d.lat), lng2: round(d.lng), medium: 'fibre', upstream: from.code, area: d.code,
        })
      }
      // One cell site per two or three polling stations, placed near some of them.
      const anchors = [...stations].sort(() => rnd.next() - 0.5)
      const n = Math.max(2, Math.round(stations.length / (2 + rnd.next())))
      for (let i = 0; i < n; i++) cell(d, feed, anchors[i % Math.max(1, anchors.length)] ?? d, i + 1)
    }
  }

  // The post: the Bà Rịa post office is the hub; two routes carry the far districts.
  const hubSite = sites.find((s) => s.code === 'BD-BA-RIA')
  const postOffices = sites.filter((s) => s.kind === 'post_office')
  const hub = hubSite ? add({ org: 'vnpost', code: hubSite.code, kind: 'post_office', name: hubSite.name, lat: hubSite.lat, lng: hubSite.lng, powerSource: 'grid', upstream: null, area: hubSite.area }) : null
  const routes: Record<string, DemoElement> = {}
  if (hub) {
    for (const [area, label] of [['con-dao', 'Bà Rịa – Vũng Tàu – Côn Đảo (tàu biển)'], ['xuyen-moc', 'Bà Rịa – Xuyên Mộc – Bình Châu']] as const) {
      const d = DISTRICTS.find((x) => x.code === area)!
      routes[area] = add({
        org: 'vnpost', code: `VNPOST-R-${upper(area)}`, kind: 'postal_route', name: `Tuyến bưu chính ${label}`,
        lat: hub.lat, lng: hub.lng, lat2: round(d.lat), lng2: round(d.lng), upstream: hub.code, area,
      })
    }
  }
  for (const s of postOffices) {
    if (s === hubSite) continue
    add({
      org: 'vnpost', code: s.code, kind: 'post_office', name: s.name, lat: s.lat, lng: s.lng, powerSource: 'grid',
      upstream: routes[s.area]?.code ?? hub?.code ?? null, area: s.area,
    })
  }

  // What each site's services rest on.
  const dependencies = new Map<string, DemoDependency[]>()
  for (const s of sites) {
    const deps: DemoDependency[] = []
    for (const org of TELECOMS) {
      const services = s.services.filter((v) => v.org === org).map((v) => v.service)
      if (services.length === 0) continue
      const island = s.area === 'con-dao'
      const ranked = cells
        .get(org)!
        .filter((c) => (c.el.area === 'con-dao') === island)
        .map((c) => ({ ...c, d: distanceM(s, c.el) }))
        .sort((a, b) => a.d - b.d)
      const primary = ranked.find((c) => !c.satellite)
      if (!primary) continue
      const secondary = island
        ? ranked.find((c) => c.satellite)
        : ranked.find((c) => c !== primary && c.d <= SECONDARY_WITHIN_M)
      for (const service of services) {
        deps.push({ org, service, element: primary.el.code, role: 'primary' })
        if (secondary) deps.push({ org, service, element: secondary.el.code, role: 'secondary' })
      }
    }
    if (s.kind === 'post_office' && s.services.some((v) => v.service === 'postal')) {
      deps.push({ org: 'vnpost', service: 'postal', element: s.code, role: 'primary' })
    }
    if (deps.length > 0) dependencies.set(s.code, deps)
  }

  // The open incidents name what they hit: a transmission cut its district link, a power cut the
  // nearest cell site that is some site's primary, congestion degrades the same kind of cell site.
  const primaries = new Set([...dependencies.values()].flat().filter((d) => d.role === 'primary').map((d) => `${d.org}|${d.element}`))
  const incidentElements: DemoNetwork['incidentElements'] = new Map()
  incidents.forEach((inc, i) => {
    if (!(TELECOMS as readonly string[]).includes(inc.org)) return
    const own = cells
      .get(inc.org)!
      .map((c) => c.el)
      .filter((e) => primaries.has(`${inc.org}|${e.code}`))
    const nearest = [...own].sort((a, b) => distanceM(inc, a) - distanceM(inc, b))[0]
    if (inc.cause === 'transmission') {
      const link = elements.find((e) => e.org === inc.org && e.kind === 'transmission_link' && e.area === districtOf(inc).code)
      if (link) incidentElements.set(i, [{ org: inc.org, element: link.code, effect: 'down' }])
    } else if (inc.cause === 'power' && nearest) {
      incidentElements.set(i, [{ org: inc.org, element: nearest.code, effect: 'down' }])
    } else if (inc.kind === 'congestion' && nearest) {
      incidentElements.set(i, [{ org: inc.org, element: nearest.code, effect: 'degraded' }])
    }
  })

  return { elements, dependencies, incidentElements }
}
