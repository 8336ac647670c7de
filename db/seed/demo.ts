// The demo province as plain data: deterministic (fixed seed), built from shared/ types only.
// server/seed.ts writes it through the one write path, so the event log starts with it.
import type { CrewSkill, IncidentCause, IncidentKind, OrgKind, ResourceKind, Role, Service, Severity, SiteKind } from '../../shared/enums'
import { pointInRing } from '../../shared/geo'
import { DISTRICTS, PROVINCE, type DemoArea } from './areas'
import { seededRandom } from './random'

export const DEMO_PASSWORD = 'commsdesk-demo'

export interface DemoOrg { code: string; name: string; kind: OrgKind; phone: string }
export interface DemoSite {
  code: string; name: string; kind: SiteKind; area: string; lat: number; lng: number; priority: number
  address: string; services: { org: string; service: Service }[]
}
export interface DemoCrew { key: string; org: string; name: string; phone: string; skills: CrewSkill[]; members: number; lat: number; lng: number }
export interface DemoResource { org: string; crew: string | null; kind: ResourceKind; name: string; capacity: string | null; lat: number; lng: number }
export interface DemoIncident {
  org: string; kind: IncidentKind; cause: IncidentCause; severity: Severity; title: string; description: string
  services: Service[]; lat: number; lng: number; radiusM: number; minutesAgo: number
}
export interface DemoUser { username: string; displayName: string; role: Role; org: string; crew?: string }

export const ORGS: DemoOrg[] = [
  { code: 'stttt', name: 'Sở Thông tin và Truyền thông tỉnh Bà Rịa–Vũng Tàu', kind: 'authority', phone: '+842543852000' },
  { code: 'ubbc', name: 'Ủy ban bầu cử tỉnh Bà Rịa–Vũng Tàu', kind: 'election_committee', phone: '+842543852111' },
  { code: 'vnpt', name: 'VNPT Bà Rịa–Vũng Tàu', kind: 'telecom', phone: '+842543800126' },
  { code: 'viettel', name: 'Viettel Bà Rịa–Vũng Tàu', kind: 'telecom', phone: '+842543600198' },
  { code: 'mobifone', name: 'MobiFone Bà Rịa–Vũng Tàu', kind: 'telecom', phone: '+842543501090' },
  { code: 'vnpost', name: 'Bưu điện tỉnh Bà Rịa–Vũng Tàu', kind: 'postal', phone: '+842543852300' },
]
const TELECOMS = ['vnpt', 'viettel', 'mobifone'] as const

export const USERS: DemoUser[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', org: 'stttt' },
  { username: 'coordinator', displayName: 'Trực ban Sở TT&TT', role: 'coordinator', org: 'stttt' },
  { username: 'observer', displayName: 'Ủy ban bầu cử tỉnh', role: 'observer', org: 'ubbc' },
  { username: 'enterprise', displayName: 'Điều hành VNPT', role: 'enterprise', org: 'vnpt' },
  { username: 'enterprise2', displayName: 'Điều hành Viettel', role: 'enterprise', org: 'viettel' },
  { username: 'postal', displayName: 'Điều hành Bưu điện tỉnh', role: 'enterprise', org: 'vnpost' },
  { username: 'crew', displayName: 'Đội ứng cứu VNPT Vũng Tàu 1', role: 'crew', org: 'vnpt', crew: 'vnpt-vt1' },
  { username: 'crew2', displayName: 'Đội ứng cứu Viettel Bà Rịa 1', role: 'crew', org: 'viettel', crew: 'viettel-br1' },
]

export interface DemoProvince {
  province: typeof PROVINCE
  districts: DemoArea[]
  orgs: DemoOrg[]
  sites: DemoSite[]
  crews: DemoCrew[]
  resources: DemoResource[]
  incidents: DemoIncident[]
  users: DemoUser[]
}

function pointIn(area: DemoArea, rnd: ReturnType<typeof seededRandom>): { lat: number; lng: number } {
  const lngs = area.ring.map((p) => p[0])
  const lats = area.ring.map((p) => p[1])
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)]
  for (;;) {
    const p = { lng: minLng + rnd.next() * (maxLng - minLng), lat: minLat + rnd.next() * (maxLat - minLat) }
    if (pointInRing(p, area.ring)) return { lat: round(p.lat), lng: round(p.lng) }
  }
}
const round = (x: number) => Math.round(x * 1e5) / 1e5
const area = (code: string) => DISTRICTS.find((d) => d.code === code)!

export function demoProvince(): DemoProvince {
  const rnd = seededRandom(20210523) // election day, 23 May 2021
  const sites: DemoSite[] = []
  const telecomServices = (): DemoSite['services'] => {
    const n = rnd.int(1, 3)
    const orgs = [...TELECOMS].sort(() => rnd.next() - 0.5).slice(0, n)
    return orgs.flatMap((org, i) => [
      { org, service: 'mobile' as const },
      ...(i === 0 ? [{ org, service: 'internet' as const }, { org, service: 'fixed' as const }] : []),
    ])
  }
  sites.push({
    code: 'BCH-TINH', name: 'Trung tâm chỉ huy – Sở TT&TT', kind: 'command_centre', area: 'ba-ria', lat: 10.4965, lng: 107.1687,
    priority: 1, address: '198 Bạch Đằng, Phước Trung, Bà Rịa',
    services: TELECOMS.flatMap((org) => [{ org, service: 'mobile' as const }, { org, service: 'internet' as const }, { org, service: 'fixed' as const }]),
  })
  sites.push({
    code: 'UBBC-TINH', name: 'Ủy ban bầu cử tỉnh', kind: 'election_committee', area: 'ba-ria', lat: 10.4938, lng: 107.1712, priority: 1,
    address: 'Trung tâm Hành chính – Chính trị tỉnh, Bà Rịa',
    services: TELECOMS.flatMap((org) => [{ org, service: 'mobile' as const }, { org, service: 'fixed' as const }]),
  })
  sites.push({
    code: 'KP-TINH', name: 'Trung tâm kiểm phiếu tỉnh', kind: 'counting_centre', area: 'ba-ria', lat: 10.4991, lng: 107.1655, priority: 1,
    address: 'Bà Rịa', services: [{ org: 'vnpt', service: 'internet' }, { org: 'viettel', service: 'internet' }, { org: 'vnpt', service: 'mobile' }],
  })
  for (const d of DISTRICTS) {
    const c = { lat: round(d.lat + (rnd.next() - 0.5) * 0.004), lng: round(d.lng + (rnd.next() - 0.5) * 0.004) }
    sites.push({
      code: `UBBC-${d.code.toUpperCase()}`, name: `Ban bầu cử – ${d.name}`, kind: 'election_committee', area: d.code, ...c, priority: 1,
      address: d.name, services: [{ org: 'vnpt', service: 'fixed' }, { org: 'vnpt', service: 'internet' }, { org: 'viettel', service: 'mobile' }],
    })
    sites.push({
      code: `BD-${d.code.toUpperCase()}`, name: `Bưu điện ${d.name.replace(/^(Thành phố|Thị xã|Huyện) /, '')}`, kind: 'post_office', area: d.code,
      ...pointIn(d, rnd), priority: 2, address: d.name, services: [{ org: 'vnpost', service: 'postal' }, { org: 'vnpt', service: 'internet' }],
    })
    for (let i = 1; i <= d.pollingStations; i++) {
      sites.push({
        code: `KVBP-${d.code.toUpperCase()}-${String(i).padStart(3, '0')}`, name: `Khu vực bỏ phiếu số ${i} – ${d.name.replace(/^(Thành phố|Thị xã|Huyện) /, '')}`,
        kind: 'polling_station', area: d.code, ...pointIn(d, rnd), priority: i <= 3 ? 1 : rnd.int(2, 3), address: d.name,
        services: d.code === 'con-dao' ? [{ org: 'vnpt', service: 'mobile' }, { org: 'vnpt', service: 'internet' }, { org: 'viettel', service: 'mobile' }] : telecomServices(),
      })
    }
  }

  const crews: DemoCrew[] = []
  const crewPlan: [string, string, string, CrewSkill[]][] = [
    ['vnpt-vt1', 'vnpt', 'vung-tau', ['vsat', 'fibre', 'power']],
    ['vnpt-vt2', 'vnpt', 'vung-tau', ['fibre', 'microwave']],
    ['vnpt-br1', 'vnpt', 'ba-ria', ['vsat', 'microwave', 'power']],
    ['vnpt-pm1', 'vnpt', 'phu-my', ['fibre', 'power']],
    ['vnpt-xm1', 'vnpt', 'xuyen-moc', ['fibre', 'mobile_bts']],
    ['vnpt-cd1', 'vnpt', 'chau-duc', ['fibre', 'power']],
    ['vnpt-cdao', 'vnpt', 'con-dao', ['vsat', 'microwave', 'power']],
    ['viettel-br1', 'viettel', 'ba-ria', ['mobile_bts', 'vsat', 'power']],
    ['viettel-vt1', 'viettel', 'vung-tau', ['mobile_bts', 'fibre']],
    ['viettel-pm1', 'viettel', 'phu-my', ['fibre', 'power']],
    ['viettel-xm1', 'viettel', 'xuyen-moc', ['mobile_bts', 'power']],
    ['viettel-ld1', 'viettel', 'long-dien', ['fibre', 'microwave']],
    ['viettel-cdao', 'viettel', 'con-dao', ['vsat', 'power']],
    ['mobifone-vt1', 'mobifone', 'vung-tau', ['mobile_bts', 'power']],
    ['mobifone-br1', 'mobifone', 'ba-ria', ['fibre', 'microwave']],
    ['mobifone-dd1', 'mobifone', 'dat-do', ['mobile_bts', 'power']],
    ['mobifone-cd1', 'mobifone', 'chau-duc', ['fibre', 'power']],
    ['vnpost-br1', 'vnpost', 'ba-ria', ['postal']],
    ['vnpost-vt1', 'vnpost', 'vung-tau', ['postal']],
    ['vnpost-xm1', 'vnpost', 'xuyen-moc', ['postal']],
  ]
  const orgShort: Record<string, string> = { vnpt: 'VNPT', viettel: 'Viettel', mobifone: 'MobiFone', vnpost: 'Bưu điện' }
  const placeName = (code: string) => area(code).name.replace(/^(Thành phố|Thị xã|Huyện) /, '')
  for (const [key, org, where, skills] of crewPlan) {
    const n = key.endsWith('2') ? 2 : 1
    crews.push({
      key, org, name: `Đội ${org === 'vnpost' ? 'vận chuyển' : 'ứng cứu'} ${orgShort[org]} ${placeName(where)} ${n}`,
      phone: `+8490${rnd.int(1000000, 9999999)}`, skills, members: rnd.int(2, 5), ...pointIn(area(where), rnd),
    })
  }

  const resources: DemoResource[] = []
  const kindName: Record<ResourceKind, string> = {
    mobile_bts: 'Xe BTS lưu động', vsat: 'Trạm VSAT', microwave_kit: 'Bộ viba', generator: 'Máy phát điện',
    fibre_van: 'Xe hàn cáp quang', satellite_phone: 'Điện thoại vệ tinh', lte_router: 'Bộ phát LTE', postal_vehicle: 'Xe chuyển phát',
  }
  const resourcePlan: [string, string | null, ResourceKind, string | null][] = [
    ['vnpt', 'vnpt-vt1', 'vsat', 'iDirect X7, 2 Mbps'], ['vnpt', 'vnpt-br1', 'vsat', 'iDirect X7, 2 Mbps'], ['vnpt', 'vnpt-cdao', 'vsat', 'Hughes HX, 4 Mbps'],
    ['vnpt', 'vnpt-cdao', 'microwave_kit', '15 GHz, 155 Mbps'], ['vnpt', 'vnpt-br1', 'microwave_kit', '18 GHz, 100 Mbps'], ['vnpt', 'vnpt-vt1', 'generator', '20 kVA'],
    ['vnpt', 'vnpt-pm1', 'generator', '15 kVA'], ['vnpt', 'vnpt-vt2', 'fibre_van', null], ['vnpt', 'vnpt-xm1', 'fibre_van', null],
    ['vnpt', 'vnpt-xm1', 'mobile_bts', '2G/4G, 3 sector'], ['vnpt', 'vnpt-cdao', 'satellite_phone', 'Thuraya XT'], ['vnpt', null, 'lte_router', '4G, 150 Mbps'],
    ['viettel', 'viettel-br1', 'mobile_bts', '4G/5G, 3 sector'], ['viettel', 'viettel-vt1', 'mobile_bts', '4G, 3 sector'], ['viettel', 'viettel-br1', 'vsat', '2 Mbps'],
    ['viettel', 'viettel-cdao', 'vsat', '4 Mbps'], ['viettel', 'viettel-xm1', 'generator', '30 kVA'], ['viettel', 'viettel-pm1', 'generator', '20 kVA'],
    ['viettel', 'viettel-ld1', 'microwave_kit', '23 GHz, 200 Mbps'], ['viettel', 'viettel-pm1', 'fibre_van', null], ['viettel', 'viettel-cdao', 'generator', '15 kVA'],
    ['viettel', null, 'satellite_phone', 'Inmarsat IsatPhone 2'], ['mobifone', 'mobifone-vt1', 'mobile_bts', '4G, 2 sector'], ['mobifone', 'mobifone-dd1', 'mobile_bts', '4G, 3 sector'],
    ['mobifone', 'mobifone-vt1', 'generator', '20 kVA'], ['mobifone', 'mobifone-dd1', 'generator', '15 kVA'], ['mobifone', 'mobifone-br1', 'microwave_kit', '18 GHz'],
    ['mobifone', 'mobifone-cd1', 'fibre_van', null], ['mobifone', null, 'lte_router', '4G, 150 Mbps'], ['vnpost', 'vnpost-br1', 'postal_vehicle', '1,5 tấn'],
    ['vnpost', 'vnpost-vt1', 'postal_vehicle', '1,5 tấn'], ['vnpost', 'vnpost-xm1', 'postal_vehicle', '2,5 tấn'], ['vnpost', null, 'satellite_phone', 'Thuraya XT'],
    ['vnpt', null, 'generator', '50 kVA'], ['viettel', null, 'lte_router', '5G CPE'],
  ]
  const count: Record<string, number> = {}
  for (const [org, crewKey, kind, capacity] of resourcePlan) {
    const k = `${org}-${kind}`
    count[k] = (count[k] ?? 0) + 1
    const crew = crews.find((c) => c.key === crewKey)
    const at = crew ? { lat: crew.lat, lng: crew.lng } : pointIn(area('ba-ria'), rnd)
    resources.push({ org, crew: crewKey, kind, name: `${kindName[kind]} ${orgShort[org]} ${String(count[k]).padStart(2, '0')}`, capacity, ...at })
  }

  const near = (code: string, dLat: number, dLng: number) => {
    const s = sites.find((x) => x.code === code)!
    return { lat: round(s.lat + dLat), lng: round(s.lng + dLng) }
  }
  const incidents: DemoIncident[] = [
    {
      org: 'vnpt', kind: 'outage', cause: 'transmission', severity: 'high', title: 'Đứt cáp quang tuyến Xuyên Mộc – Bình Châu',
      description: 'Thi công đường làm đứt cáp quang trục, mất tín hiệu 4 trạm BTS và internet cố định khu vực.',
      services: ['mobile', 'internet'], ...near('KVBP-XUYEN-MOC-005', 0.002, 0.001), radiusM: 1500, minutesAgo: 25,
    },
    {
      org: 'viettel', kind: 'outage', cause: 'power', severity: 'medium', title: 'Mất điện lưới trạm BTS Ngãi Giao',
      description: 'Điện lực cắt điện đột xuất, ắc quy dự phòng còn khoảng 2 giờ.',
      services: ['mobile'], ...near('KVBP-CHAU-DUC-007', 0.001, -0.001), radiusM: 1200, minutesAgo: 12,
    },
    {
      org: 'mobifone', kind: 'congestion', cause: 'traffic', severity: 'low', title: 'Nghẽn mạng khu vực Bãi Sau',
      description: 'Lưu lượng tăng đột biến do tập trung đông người; đề nghị bổ sung xe BTS lưu động.',
      services: [], lat: 10.345, lng: 107.095, radiusM: 800, minutesAgo: 40,
    },
    {
      org: 'vnpost', kind: 'postal_disruption', cause: 'weather', severity: 'medium', title: 'Tàu ra Côn Đảo lùi giờ do sóng lớn',
      description: 'Chuyến tàu chở tài liệu bầu cử lùi sang 14:00.',
      services: [], lat: 8.683, lng: 106.607, radiusM: 500, minutesAgo: 55,
    },
  ]
  return { province: PROVINCE, districts: DISTRICTS, orgs: ORGS, sites, crews, resources, incidents, users: USERS }
}
