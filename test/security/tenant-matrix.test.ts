// The tenant matrix, generated from GET /api/openapi.json: every route × {anonymous, enterprise,
// enterprise2, crew, crew2, observer, coordinator, admin} × {an id of one's own, a foreign id}.
// What each answer must be comes from the one permission table (shared/permissions.ts): no cell is
// a 403 (401 signed out); a scoped cell (own organisation, own crew) is a 404 for a foreign id, so
// ids do not leak; an allowed call succeeds (2xx, or 409 when the row's state forbids the step).
// Not one unauthorised call may succeed, and lists hold only what the caller may see.
//
// A route added to the API must be added to MATRIX below: the test fails for any route in the
// document that has no row (and for any row whose route is gone).
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { scopeOf, type Action } from '../../shared/permissions'
import type { Role } from '../../shared/enums'
import { ORIGIN, testDesk, type Client, type TestDesk } from '../helpers'

const PRINCIPALS = ['anonymous', 'enterprise', 'enterprise2', 'crew', 'crew2', 'observer', 'coordinator', 'admin'] as const
type Principal = (typeof PRINCIPALS)[number]
/** Which operator's rows are a principal's own: VNPT's (enterprise, crew) or Viettel's (enterprise2, crew2). */
type Side = 'vnpt' | 'viettel'
type Kind = 'incident' | 'dispatch' | 'crew' | 'resource' | 'link' | 'token' | 'element' | 'rollcall' | 'assistance' | 'site' | 'organization' | 'user'

interface Fixture {
  desk: TestDesk
  as: Record<Exclude<Principal, 'anonymous'>, Client>
  anonymous: Client
  me: Record<Exclude<Principal, 'anonymous'>, { id: number; role: Role; organizationId: number; crewId: number | null }>
  org: Record<Side, number>
  /** One row of each kind on each operator's side. */
  ids: Record<Kind, Record<Side, number>>
  areaId: number
  csv: string
}

interface Ctx {
  f: Fixture
  /** The side whose row the request names: the principal's own, or the other one. */
  side: Side
  staff: boolean
}

interface Row {
  /** The permission that decides; 'public' answers anyone, 'signed-in' every signed-in user. */
  action: Action | 'public' | 'signed-in'
  /** The kind of row named by {id}. */
  id?: Kind
  /** Rows every signed-in user may read (sites, organisations): no id of theirs is foreign. */
  shared?: true
  body?: (c: Ctx) => unknown
  csv?: true
  query?: string
  /** Checks that a list answer holds only what this principal may see. */
  list?: 'organization' | 'crew'
}

const unique = (() => {
  let n = 0
  return (prefix: string) => `${prefix}${Date.now().toString(36)}${++n}`
})()
const incident = (c: Ctx) => ({
  kind: 'outage',
  severity: 'medium',
  title: 'Mất sóng kiểm thử quyền',
  lat: 10.41,
  lng: 107.13,
  radiusM: 0,
  ...(c.staff ? { organizationId: c.f.org[c.side] } : {}),
})
const forOrg = (c: Ctx) => (c.staff ? { organizationId: c.f.org[c.side] } : {})

export const MATRIX: Record<string, Row> = {
  'get /api/config': { action: 'public' },
  'post /api/auth/login': { action: 'public', body: () => ({ username: 'observer', password: 'commsdesk-demo' }) },
  'post /api/auth/logout': { action: 'signed-in' },
  'get /api/me': { action: 'signed-in' },
  'patch /api/me': { action: 'signed-in', body: () => ({ locale: 'vi' }) },
  'get /api/snapshot': { action: 'snapshot.read' },
  'get /api/audit/verify': { action: 'audit.verify' },
  'get /api/audit/denials': { action: 'audit.verify' },

  'get /api/incidents': { action: 'incident.read', list: 'organization' },
  'post /api/incidents': { action: 'incident.create', body: incident },
  'post /api/incidents/batch': { action: 'incident.create', body: (c) => ({ items: [incident(c)] }) },
  'post /api/incidents/preview': { action: 'incident.create', body: incident },
  'post /api/incidents/csv/preview': { action: 'incident.create', csv: true },
  'post /api/incidents/csv/import': { action: 'incident.create', csv: true, query: 'mode=valid_only' },
  'get /api/incidents/csv/template': { action: 'signed-in' },
  'get /api/incidents/export.csv': { action: 'incident.read' },
  'get /api/incidents/{id}': { action: 'incident.read', id: 'incident' },
  'patch /api/incidents/{id}': { action: 'incident.update', id: 'incident', body: () => ({ severity: 'high' }) },
  'post /api/incidents/{id}/status': { action: 'incident.resolve', id: 'incident', body: () => ({ status: 'resolved', note: 'Đã khôi phục' }) },
  'get /api/incidents/{id}/duplicates': { action: 'incident.read', id: 'incident' },
  'get /api/incidents/{id}/recommendations': { action: 'recommendation.read', id: 'incident' },
  'post /api/incidents/{id}/final-report': {
    action: 'incident.final_report',
    id: 'incident',
    body: () => ({ rootCause: 'Mất điện lưới', actionsTaken: 'Chạy máy phát, khôi phục nguồn' }),
  },

  'get /api/dispatches': { action: 'dispatch.read', list: 'crew' },
  'post /api/dispatches': {
    action: 'dispatch.create',
    body: (c) => ({ incidentId: c.f.ids.incident[c.side], crewId: c.f.ids.crew[c.side], task: 'Kiểm tra' }),
  },
  'get /api/dispatches/{id}': { action: 'dispatch.read', id: 'dispatch' },
  'post /api/dispatches/{id}/status': { action: 'dispatch.progress', id: 'dispatch', body: () => ({ status: 'acknowledged' }) },
  'post /api/dispatches/{id}/checkin': { action: 'dispatch.progress', id: 'dispatch', body: () => ({}) },

  'get /api/links': { action: 'link.read', list: 'organization' },
  'post /api/links': {
    action: 'link.create',
    body: (c) => ({ siteId: c.f.ids.site[c.side], kind: 'lte_router', dispatchId: c.f.ids.dispatch[c.side] }),
  },
  'post /api/links/{id}/status': { action: 'link.status', id: 'link', body: () => ({ status: 'establishing' }) },

  'get /api/crews': { action: 'crew.read', list: 'organization' },
  'post /api/crews': { action: 'crew.create', body: (c) => ({ name: 'Đội mới', ...forOrg(c) }) },
  'get /api/crews/{id}': { action: 'crew.read', id: 'crew' },
  'patch /api/crews/{id}': { action: 'crew.update', id: 'crew', body: () => ({ members: 3 }) },
  'post /api/crews/{id}/status': { action: 'crew.status', id: 'crew', body: () => ({ status: 'available' }) },
  'post /api/crews/{id}/position': { action: 'crew.position', id: 'crew', body: () => ({ lat: 10.4, lng: 107.1 }) },

  'get /api/resources': { action: 'resource.read', list: 'organization' },
  'post /api/resources': { action: 'resource.create', body: (c) => ({ kind: 'generator', name: 'Máy phát mới', ...forOrg(c) }) },
  'get /api/resources/{id}': { action: 'resource.read', id: 'resource' },
  'patch /api/resources/{id}': { action: 'resource.update', id: 'resource', body: () => ({ capacity: '10 kVA' }) },
  'post /api/resources/{id}/status': { action: 'resource.status', id: 'resource', body: () => ({ status: 'available' }) },
  'post /api/resources/{id}/position': { action: 'resource.position', id: 'resource', body: () => ({ lat: 10.4, lng: 107.1 }) },

  'get /api/organizations': { action: 'organization.read' },
  'post /api/organizations': { action: 'organization.write', body: () => ({ code: unique('o'), name: 'FPT Telecom', kind: 'telecom' }) },
  'get /api/organizations/{id}': { action: 'organization.read', id: 'organization', shared: true },
  'patch /api/organizations/{id}': { action: 'organization.write', id: 'organization', shared: true, body: () => ({ phone: '+842543000000' }) },
  'get /api/areas': { action: 'area.read' },
  'get /api/sites': { action: 'site.read' },
  'post /api/sites': {
    action: 'site.write',
    body: (c) => ({ code: unique('S-'), name: 'Điểm bỏ phiếu thử', kind: 'polling_station', areaId: c.f.areaId, lat: 10.4, lng: 107.2 }),
  },
  'get /api/sites/{id}': { action: 'site.read', id: 'site', shared: true },
  'patch /api/sites/{id}': { action: 'site.write', id: 'site', shared: true, body: () => ({ priority: 2 }) },
  'get /api/users': { action: 'user.read' },
  'post /api/users': {
    action: 'user.write',
    body: (c) => ({ username: unique('u'), displayName: 'Người mới', password: 'a long enough password', role: 'observer', organizationId: c.f.org.vnpt }),
  },
  'patch /api/users/{id}': { action: 'user.write', id: 'user', shared: true, body: () => ({ displayName: 'Tên mới' }) },

  'get /api/tokens': { action: 'token.read', list: 'organization' },
  'post /api/tokens': { action: 'token.write', body: (c) => ({ name: 'Hệ thống NMS', ...forOrg(c) }) },
  'post /api/tokens/{id}/revoke': { action: 'token.write', id: 'token', body: () => ({}) },

  'get /api/elements': { action: 'element.read', list: 'organization' },
  'post /api/elements': {
    action: 'element.write',
    body: (c) => ({ kind: 'cell_site', code: unique('E-'), name: 'Trạm BTS thử', lat: 10.42, lng: 107.15, ...forOrg(c) }),
  },
  'get /api/elements/{id}': { action: 'element.read', id: 'element' },
  'patch /api/elements/{id}': { action: 'element.write', id: 'element', body: () => ({ name: 'Trạm BTS đổi tên' }) },
  'get /api/sites/{id}/dependencies': { action: 'element.read', id: 'site', shared: true },
  'put /api/sites/{id}/dependencies': { action: 'element.write', id: 'site', shared: true, body: (c) => ({ dependencies: [], ...forOrg(c) }) },
  'get /api/coverage': { action: 'coverage.read' },

  'get /api/rollcalls': { action: 'rollcall.read' },
  'post /api/rollcalls': {
    action: 'rollcall.manage',
    body: (c) => ({ name: 'Điểm danh thử', cadence: 'daily', areaIds: [c.f.areaId], organizationIds: [c.f.org.vnpt] }),
  },
  'get /api/rollcalls/{id}/board': { action: 'rollcall.read', id: 'rollcall' },
  'post /api/rollcalls/{id}/close': { action: 'rollcall.manage', id: 'rollcall', body: () => ({}) },
  'post /api/rollcalls/{id}/checkins': {
    action: 'rollcall.checkin',
    id: 'rollcall',
    body: (c) => ({ areaId: c.f.areaId, noChange: true, ...forOrg(c) }),
  },

  'get /api/assistance': { action: 'assistance.read', list: 'organization' },
  'post /api/assistance': {
    action: 'assistance.request',
    body: (c) => ({ kind: 'generator', description: 'Cần máy phát 10 kVA', incidentId: c.f.ids.incident[c.side] }),
  },
  'post /api/assistance/{id}/status': { action: 'assistance.request', id: 'assistance', body: () => ({ status: 'cancelled', reason: 'Đã tự xử lý' }) },
}

let built: Promise<Fixture> | null = null
const fixture = () => (built ??= build())

async function build(): Promise<Fixture> {
  const desk = await testDesk()
  const names = PRINCIPALS.filter((p) => p !== 'anonymous')
  const clients = await Promise.all(names.map((n) => desk.as(n)))
  const as = Object.fromEntries(names.map((n, i) => [n, clients[i]])) as Fixture['as']
  const ok = async (res: Promise<{ status: number; body: any }>, what: string) => {
    const r = await res
    assert.ok(r.status >= 200 && r.status < 300, `fixture ${what}: ${r.status} ${JSON.stringify(r.body)}`)
    return r.body
  }
  const me = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await ok(as[n].get('/api/me'), `me ${n}`)]))) as Fixture['me']
  const snap = await ok(as.coordinator.get('/api/snapshot'), 'snapshot')
  const org = { vnpt: me.enterprise.organizationId, viettel: me.enterprise2.organizationId }
  const crew = { vnpt: me.crew.crewId!, viettel: me.crew2.crewId! }
  const areaId = snap.areas.find((a: any) => a.level !== 'province').id as number
  const report = (c: Client, title: string) =>
    ok(c.post('/api/incidents', { kind: 'outage', severity: 'medium', title, lat: 10.4, lng: 107.2, radiusM: 0 }), title)
  const incidentIds = { vnpt: (await report(as.enterprise, 'VNPT')).id, viettel: (await report(as.enterprise2, 'Viettel')).id }
  const dispatch = {
    vnpt: (await ok(as.coordinator.post('/api/dispatches', { incidentId: incidentIds.vnpt, crewId: crew.vnpt, task: 'Kiểm tra tuyến cáp' }), 'dispatch')).id,
    viettel: (await ok(as.coordinator.post('/api/dispatches', { incidentId: incidentIds.viettel, crewId: crew.viettel, task: 'Kiểm tra trạm' }), 'dispatch2')).id,
  }
  const site = snap.sites[0].id as number
  const link = {
    vnpt: (await ok(as.coordinator.post('/api/links', { siteId: site, kind: 'vsat', dispatchId: dispatch.vnpt }), 'link')).id,
    viettel: (await ok(as.coordinator.post('/api/links', { siteId: site, kind: 'vsat', dispatchId: dispatch.viettel }), 'link2')).id,
  }
  const resourceOf = (crewId: number) => snap.resources.find((r: any) => r.crewId === crewId)?.id as number
  const resource = { vnpt: resourceOf(crew.vnpt), viettel: resourceOf(crew.viettel) }
  assert.ok(resource.vnpt && resource.viettel, 'each demo crew carries equipment')
  const token = {
    vnpt: (await ok(as.enterprise.post('/api/tokens', { name: 'NMS VNPT' }), 'token')).id,
    viettel: (await ok(as.enterprise2.post('/api/tokens', { name: 'NMS Viettel' }), 'token2')).id,
  }
  const element = (c: Client, code: string) => ok(c.post('/api/elements', { kind: 'cell_site', code, name: `Trạm ${code}`, lat: 10.41, lng: 107.16 }), code)
  const elementIds = { vnpt: (await element(as.enterprise, 'VNPT-M-1')).id, viettel: (await element(as.enterprise2, 'VTL-M-1')).id }
  const rollcall = (orgId: number) =>
    ok(as.coordinator.post('/api/rollcalls', { name: 'Điểm danh sáng', cadence: 'daily', areaIds: [areaId], organizationIds: [orgId] }), 'rollcall')
  const rollcallIds = { vnpt: (await rollcall(org.vnpt)).id, viettel: (await rollcall(org.viettel)).id }
  const assistance = (c: Client, incidentId: number) =>
    ok(c.post('/api/assistance', { kind: 'generator', description: 'Cần máy phát', incidentId }), 'assistance')
  const assistanceIds = { vnpt: (await assistance(as.enterprise, incidentIds.vnpt)).id, viettel: (await assistance(as.enterprise2, incidentIds.viettel)).id }
  const template = (await as.enterprise.get('/api/incidents/csv/template')).body as string
  const header = template.replace(/^\ufeff/, '').split(/\r?\n/)[0]!
  const csv = `${header}\r\noutage,power,medium,Mất sóng nhập từ tệp,,mobile,10.41,107.13,0,,,,,,,\r\n`
  return {
    desk,
    as,
    anonymous: desk.anonymous(),
    me,
    org,
    areaId,
    csv,
    ids: {
      incident: incidentIds,
      dispatch,
      crew,
      resource,
      link,
      token,
      element: elementIds,
      rollcall: rollcallIds,
      assistance: assistanceIds,
      site: { vnpt: site, viettel: snap.sites[1].id },
      organization: org,
      user: { vnpt: me.observer.id, viettel: me.observer.id },
    },
  }
}

type Expect = 'ok' | 401 | 403 | 404

function sideOf(p: Principal): Side {
  return p === 'enterprise2' || p === 'crew2' ? 'viettel' : 'vnpt'
}

/** What the permission table says this principal must get for this route and this id. */
function expected(f: Fixture, row: Row, p: Principal, foreign: boolean): Expect {
  if (row.action === 'public') return 'ok'
  if (p === 'anonymous') return 401
  if (row.action === 'signed-in') return 'ok'
  const scope = scopeOf(f.me[p].role, row.action)
  if (!scope) return 403
  if (!row.id || row.shared || scope === 'all') return 'ok'
  return foreign ? 404 : 'ok'
}

async function call(f: Fixture, method: string, template: string, row: Row, p: Principal, foreign: boolean) {
  const own = sideOf(p)
  const side: Side = foreign ? (own === 'vnpt' ? 'viettel' : 'vnpt') : own
  const ctx: Ctx = { f, side, staff: ['observer', 'coordinator', 'admin'].includes(p) }
  const path = template.replace('{id}', String(row.id ? f.ids[row.id][side] : 0)) + (row.query ? `?${row.query}` : '')
  let client = p === 'anonymous' ? f.anonymous : f.as[p]
  // Signing out ends the session: it gets a session of its own, so the matrix can go on.
  if (template === '/api/auth/logout' && p !== 'anonymous') client = await f.desk.as(p)
  const headers: Record<string, string> = { origin: ORIGIN }
  let body: string | undefined
  if (row.csv) {
    headers['content-type'] = 'text/csv'
    body = f.csv
  } else if (row.body) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(row.body(ctx))
  }
  const res = await client.raw(path, { method: method.toUpperCase(), headers, body })
  return { res, path }
}

/** The rows of a list answer that belong to someone, whatever the list is wrapped in. */
function listed(body: any): any[] {
  if (Array.isArray(body)) return body
  if (Array.isArray(body?.items)) return body.items
  return []
}

async function documentRoutes(f: Fixture): Promise<string[]> {
  const doc = (await f.anonymous.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> }
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
}

test('every route of the API document has a row in the matrix, and every row a route', async () => {
  const f = await fixture()
  const routes = await documentRoutes(f)
  const missing = routes.filter((r) => !(r in MATRIX))
  const stale = Object.keys(MATRIX).filter((r) => !routes.includes(r))
  assert.equal(missing, [], 'routes with no row in MATRIX: add one')
  assert.equal(stale, [], 'rows in MATRIX for routes that no longer exist')
})

test('every route × every principal × own and foreign id: 0 unauthorised 2xx, foreign ids 404', async () => {
  const f = await fixture()
  const routes = (await documentRoutes(f)).filter((r) => r in MATRIX)
  // Sign-out last: the sessions of the others stay good until the end.
  routes.sort((a, b) => Number(a.endsWith('/logout')) - Number(b.endsWith('/logout')))
  const wrong: string[] = []
  let calls = 0
  let allowed = 0
  for (const route of routes) {
    const [method, template] = route.split(' ') as [string, string]
    const row = MATRIX[route]!
    for (const p of PRINCIPALS) {
      for (const foreign of row.id ? [false, true] : [false]) {
        const want = expected(f, row, p, foreign)
        const { res, path } = await call(f, method, template, row, p, foreign)
        calls++
        const got = res.status
        const good = want === 'ok' ? (got >= 200 && got < 300) || got === 409 : got === want
        if (!good) wrong.push(`${method.toUpperCase()} ${path} as ${p}${foreign ? ' (foreign id)' : ''}: want ${want}, got ${got} ${JSON.stringify(res.body).slice(0, 160)}`)
        if (want === 'ok') allowed++
        if (want !== 'ok' && got >= 200 && got < 300) wrong.push(`UNAUTHORISED 2xx: ${method.toUpperCase()} ${path} as ${p}`)
        // A list holds only the caller's rows: its organisation's, or for a crew its own.
        if (row.list && got === 200 && (p === 'enterprise' || p === 'enterprise2' || p === 'crew' || p === 'crew2')) {
          const me = f.me[p]
          // Each principal owns a row of every listed kind, so an empty list means the check saw nothing.
          if (listed(res.body).length === 0) wrong.push(`${path} as ${p}: an empty list (or one of an unknown shape)`)
          for (const item of listed(res.body)) {
            if (p.startsWith('crew') && row.list === 'crew' && item.crewId !== undefined && item.crewId !== me.crewId)
              wrong.push(`${path} as ${p} lists crew ${item.crewId}'s ${JSON.stringify(item).slice(0, 80)}`)
            if (p.startsWith('enterprise') && item.organizationId !== undefined && item.organizationId !== null && item.organizationId !== me.organizationId)
              wrong.push(`${path} as ${p} lists organisation ${item.organizationId}'s ${JSON.stringify(item).slice(0, 80)}`)
          }
        }
      }
    }
  }
  assert.equal(wrong, [], `${wrong.length} of ${calls} calls answered wrongly`)
  assert.ok(allowed > 100 && calls - allowed > 200, `${calls} calls, ${allowed} allowed: the matrix tests both ways`)
})

test.run()
