// Fuzz: every write endpoint of the API document gets 1,000 generated requests against the real app
// (in process, one desk): random JSON; a valid body with one field swapped for something hostile
// (Vietnamese and binary strings, lone surrogates, control characters, huge, negative and
// non-finite numbers, deep nesting, prototype keys); broken, truncated and binary bodies; wrong
// content types; odd ids, query values and Idempotency-Keys. Not one answer may be a 5xx, every
// error must have the one error shape, and nothing may throw past the app.
import fc from 'fast-check'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ORIGIN, testDesk, type TestDesk } from '../helpers'

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000)

type Schema = Record<string, any>
interface Route {
  method: string
  template: string
  body: Schema | null
  query: { name: string; schema: Schema }[]
  headers: string[]
}

interface Fixture {
  desk: TestDesk
  /** The CSV import's own template: its header line, in Vietnamese. */
  csvHeader: string
  doc: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } }
  cookies: Record<string, string | null>
  /** The ids of the users the fuzz signs in as: it must not disable them or change their passwords. */
  principalIds: number[]
}

let built: Promise<Fixture> | null = null
const fixture = () => (built ??= build())

async function build(): Promise<Fixture> {
  const desk = await testDesk()
  const names = ['admin', 'coordinator', 'enterprise', 'crew'] as const
  const clients = await Promise.all(names.map((n) => desk.as(n)))
  const cookies: Record<string, string | null> = Object.fromEntries(names.map((n, i) => [n, clients[i]!.cookie]))
  cookies.anonymous = null
  cookies.stale = 'cd_session=not-a-session-anyone-holds'
  // Signing out ends a session: the sign-out route gets this one, not the ones the fuzz goes on with.
  cookies.spare = (await desk.as('observer')).cookie
  const principalIds = await Promise.all(clients.map(async (c) => (await c.get('/api/me')).body.id as number))
  const doc = (await desk.anonymous().get('/api/openapi.json')).body
  const template = await clients[2]!.get('/api/incidents/csv/template')
  const csvHeader = typeof template.body === 'string' ? template.body.split(/\r?\n/)[0]! : 'kind,severity,title,lat,lng'
  return { desk, doc, cookies, principalIds, csvHeader }
}

function writeRoutes(doc: Fixture['doc']): Route[] {
  return Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, op]) => ({
        method: m.toUpperCase(),
        template,
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        query: (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => ({ name: p.name, schema: p.schema })),
        headers: (op.parameters ?? []).filter((p: any) => p.in === 'header').map((p: any) => p.name as string),
      })),
  )
}

let serial = 0
// What the services check beyond the schema: codes and user names are plain lowercase, and a place
// lies in the province (Bà Rịa–Vũng Tàu).
const PLAUSIBLE: Record<string, () => unknown> = {
  code: () => `fz${++serial}`,
  username: () => `fz${++serial}`,
  lat: () => 10.45,
  lng: () => 107.15,
}

/** A plausible instance of a JSON schema: the starting point that one hostile field is put into. */
function sample(doc: Fixture['doc'], s: Schema, all: boolean, depth = 0): unknown {
  if (s.$ref) return sample(doc, doc.components.schemas[s.$ref.split('/').pop()]!, all, depth)
  if (depth > 6) return null
  if ('const' in s) return s.const
  if (s.enum) return s.enum[0]
  const pick = s.anyOf ?? s.oneOf
  if (pick) return sample(doc, pick.find((x: Schema) => x.type !== 'null') ?? pick[0], all, depth)
  if (s.allOf) return Object.assign({}, ...s.allOf.map((x: Schema) => sample(doc, x, all, depth)))
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type
  switch (type) {
    case 'object': {
      const props = Object.entries((s.properties ?? {}) as Record<string, Schema>)
      const required: string[] = s.required ?? []
      // A partial update needs one field at least.
      const keep = all ? props : props.filter(([k], i) => required.includes(k) || (required.length === 0 && i === 0))
      return Object.fromEntries(keep.map(([k, v]) => [k, k in PLAUSIBLE ? PLAUSIBLE[k]!() : sample(doc, v, all, depth + 1)]))
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => sample(doc, s.items ?? {}, all, depth + 1))
    case 'string':
      return 'Điểm bỏ phiếu số 1'.slice(0, Math.max(s.minLength ?? 1, Math.min(18, s.maxLength ?? 18)))
    case 'integer':
      return Math.max(1, s.minimum ?? 1, (s.exclusiveMinimum ?? 0) + 1)
    case 'number':
      return Math.max(10.4, s.minimum ?? -Infinity)
    case 'boolean':
      return false
    default:
      return 'x'
  }
}

/** Every path to a field of the instance, the way a body is addressed: ['impact', 'usersAffected']. */
function fieldPaths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return [prefix, ...v.flatMap((x, i) => fieldPaths(x, [...prefix, i]))]
  if (v && typeof v === 'object') return [prefix, ...Object.entries(v).flatMap(([k, x]) => fieldPaths(x, [...prefix, k]))]
  return [prefix]
}

function setAt(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value
  const copy: any = Array.isArray(base) ? [...base] : { ...(base as object) }
  const [head, ...rest] = path
  copy[head!] = setAt(copy[head!], rest, value)
  return copy
}

// Hostile values.
const LONE = ['\ud800', '\udfff', 'a\ud83db', '\udc00Hà Nội', 'Đà Nẵng\ud800']
const VIETNAMESE = ['Bà Rịa–Vũng Tàu', 'Côn Đảo', 'Huế', 'Hue\u0301', 'Nguyễn Thị Ánh', 'ĐẤT ĐỎ', 'xã Bàu Chinh']
const TRICKY = ['', ' ', '\u0000', 'a\u0000b', '\u202eevil', '\u200b', '\r\n', '\t', "'; DROP TABLE incidents; --", '<img src=x onerror=alert(1)>', '__proto__', 'constructor', '%00', '../../etc/passwd', '{{7*7}}', '${process.exit()}']
const nastyString = fc.oneof(
  fc.constantFrom(...LONE, ...VIETNAMESE, ...TRICKY),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ'.split('')), maxLength: 300 }),
  fc.integer({ min: 201, max: 70_000 }).map((n) => 'Đ'.repeat(n)),
)
const nastyNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 1e308, -1e308, 5e-324, 1e21, 90.0000001, -180.0000001),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)
const deep = fc.integer({ min: 2, max: 2000 }).map((n) => {
  let v: unknown = 'đáy'
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v }
  return v
})
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { __proto__: { admin: true } }) },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 300 }) },
)

/** Bodies as text or bytes, from well formed to nonsense. */
function bodyArb(doc: Fixture['doc'], route: Route): fc.Arbitrary<string | Uint8Array | undefined> {
  const base = route.body ? sample(doc, route.body, false) : {}
  const full = route.body ? sample(doc, route.body, true) : {}
  const paths = [...fieldPaths(full), ['unexpectedField'], ['__proto__'], ['constructor', 'prototype']]
  const raw = fc.oneof(
    fc.constantFrom('', '{', '{"', '[', 'null', 'true', '"a"', '1e400', '-1e400', '{"lat":1e400}', '{"a":1,"a":2}', '\ufeff{}', '{}garbage', '[]'.repeat(1000)),
    fc.integer({ min: 1, max: 30_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    fc.integer({ min: 1, max: 20_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
    fc.constant(JSON.stringify(full)).chain((s) => fc.nat({ max: s.length }).map((n) => s.slice(0, n))),
    fc.string({ unit: 'binary', maxLength: 200 }),
  )
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...paths), nasty).map(([p, v]) => JSON.stringify(setAt(base, p, v))) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...paths), nasty).map(([p, v]) => JSON.stringify(setAt(full, p, v))) },
    { weight: 1, arbitrary: fc.constantFrom(JSON.stringify(base), JSON.stringify(full)) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom('kind', 'status', 'id', ...Object.keys(full as object)), nastyString), nasty, { maxKeys: 8 }).map((o) => JSON.stringify(o)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: raw },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  )
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=utf-16']
const OTHER_TYPES = [
  'text/plain',
  'text/csv',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'application/octet-stream',
  '',
]
const contentType = (preferred: string[]) =>
  fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...preferred) }, { weight: 2, arbitrary: fc.constantFrom(...JSON_TYPES, ...OTHER_TYPES) })

const idArb = (f: Fixture, template: string) =>
  fc
    .oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 40 }).map(String) },
      {
        weight: 2,
        arbitrary: fc.constantFrom('0', '-1', '1.5', '1e3', '1e309', '9007199254740993', '0x10', 'NaN', 'Infinity', ' 2', '１', 'Đà', '%', '%FF', '%E0%A4%A', '%ED%A0%80', '%00', '..', '1;2', '1%2F2', 'null', 'undefined'),
      },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }).map(encodeURIComponent) },
    )
    // The fuzz may disable users and change passwords, but not those of the sessions it uses.
    .filter((id) => !template.startsWith('/api/users/') || !f.principalIds.includes(Number(decodeSafe(id).trim())))

const decodeSafe = (s: string) => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
/** Percent-encodes anything, lone surrogates included (as the bytes a careless client would send). */
const encodeAny = (s: string) =>
  [...s].map((ch) => (ch.isWellFormed() ? encodeURIComponent(ch) : `%ED%${(0xa0 + ((ch.charCodeAt(0) >> 6) & 0x1f)).toString(16).toUpperCase()}%80`)).join('')

const queryValue = fc.oneof(fc.constantFrom('valid_only', 'all_or_nothing', 'vi', 'en', '', '%', '%ED%A0%80', '1e400', '-1'), nastyString.map(encodeAny))
const headerValue = fc.oneof(
  fc.constantFrom('k-1', '', ' ', 'x'.repeat(300), 'key with spaces', 'Ä\xff\x7f'),
  fc.string({ unit: 'binary-ascii', maxLength: 64 }).map((s) => s.replace(/[\r\n\0]/g, '')),
)

interface Sent {
  method: string
  path: string
  who: string
  type: string
  body: string | Uint8Array | undefined
}

const show = (r: Sent) =>
  `${r.method} ${r.path} as ${r.who}, ${r.type || 'no content type'}: ${
    r.body instanceof Uint8Array ? `${r.body.length} bytes` : JSON.stringify(r.body?.slice(0, 300))
  }`

function requestArb(f: Fixture, route: Route): fc.Arbitrary<Sent> {
  const params = (route.template.match(/\{[^}]+\}/g) ?? []).length
  return fc
    .record({
      ids: fc.array(idArb(f, route.template), { minLength: params, maxLength: params }),
      query: fc.tuple(
        ...route.query.map((q) =>
          fc.oneof(
            { weight: 6, arbitrary: fc.constant(q.schema.enum?.[0] ?? '1').map((v) => [q.name, String(v)] as const) },
            { weight: 2, arbitrary: queryValue.map((v) => [q.name, v] as const) },
            { weight: 1, arbitrary: fc.constant(null) },
          ),
        ),
        fc.option(queryValue.map((v) => ['extra', v] as const), { nil: null, freq: 4 }),
      ).map((pairs) => pairs.filter((p): p is readonly [string, string] => p !== null)),
      key: fc.oneof(
        { weight: 6, arbitrary: fc.constant(undefined) },
        { weight: 3, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: headerValue },
      ),
      who:
        route.template === '/api/auth/logout'
          ? fc.constantFrom('spare', 'anonymous', 'stale')
          : fc.constantFrom('admin', 'admin', 'admin', 'coordinator', 'coordinator', 'enterprise', 'enterprise', 'crew', 'anonymous', 'stale'),
      type: contentType(route.template.includes('/csv/') ? ['text/csv', 'text/csv; charset=utf-8'] : ['application/json']),
      body: route.template === '/api/auth/login' ? loginBody : route.template.includes('/csv/') ? csvArb(f.csvHeader) : bodyArb(f.doc, route),
    })
    .map(({ ids, query, key, who, type, body }) => {
      let i = 0
      const path =
        route.template.replace(/\{[^}]+\}/g, () => ids[i++]!) +
        (query.length ? '?' + query.map(([k, v]) => `${k}=${v}`).join('&') : '')
      return { method: route.method, path, who, type, body, key } as Sent & { key?: string }
    })
}

/** CSV files: the template's header, rows of hostile cells, broken quoting, odd line ends. */
function csvArb(header: string): fc.Arbitrary<string | Uint8Array | undefined> {
  const columns = header.split(',').length
  const cell = fc.oneof(
    fc.constantFrom('outage', 'power', 'high', 'mobile;internet', '10.4', '107.1', '500', '', '"', '""', '"a,b"', '"unterminated', '=cmd|calc', '1e400', '-1', 'Có'),
    nastyString.map((v) => v.replace(/[\r\n]/g, ' ')),
    nastyNumber.map(String),
  )
  const row = fc.array(cell, { minLength: 0, maxLength: columns + 3 }).map((cells) => cells.join(','))
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.array(row, { maxLength: 30 }), fc.constantFrom('\r\n', '\n', '\r')).map(([rows, eol]) => [header, ...rows].join(eol)) },
    { weight: 1, arbitrary: fc.array(row, { maxLength: 10 }).map((rows) => rows.join('\n')) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }).map((n) => [header, ...Array(n).fill('outage,power,high,Mất sóng,,mobile,10.4,107.1,0')].join('\n')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  )
}

// Sign-in bodies are mostly refused before the password hash is checked: it takes ~20 ms a try.
const loginBody = fc.oneof(
  { weight: 1, arbitrary: fc.record({ username: fc.oneof(fc.constantFrom('admin', 'ADMIN', 'nobody'), nastyString), password: nastyString }).map((b) => JSON.stringify(b)) },
  { weight: 9, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.string({ unit: 'binary', maxLength: 100 }), fc.record({ username: nasty, password: nasty }).map((b) => JSON.stringify(b))) },
)

async function send(f: Fixture, r: Sent & { key?: string }) {
  const headers = new Headers({ origin: ORIGIN })
  if (r.type) headers.set('content-type', r.type)
  const cookie = f.cookies[r.who]
  if (cookie) headers.set('cookie', cookie)
  if (r.key !== undefined) headers.set('idempotency-key', r.key)
  const res = await f.desk.app.request(r.path, { method: r.method, headers, body: r.body as BodyInit | undefined })
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' }
}

const thrown: unknown[] = []
const record = (e: unknown) => thrown.push(e)

test.before(() => {
  process.on('uncaughtException', record)
  process.on('unhandledRejection', record)
})
test.after(() => {
  process.off('uncaughtException', record)
  process.off('unhandledRejection', record)
})

test('the API document lists the write endpoints the fuzz covers', async () => {
  const f = await fixture()
  const routes = writeRoutes(f.doc)
  assert.ok(routes.length >= 25, `${routes.length} write endpoints`)
})

// One test per endpoint, named after it; the list comes from the document the app serves.
const names = await (async () => writeRoutes((await fixture()).doc).map((r) => `${r.method} ${r.template}`))()
for (const name of names) {
  test(`${name}: ${RUNS} generated requests, no 5xx, every error in the one shape`, async () => {
    const f = await fixture()
    const route = writeRoutes(f.doc).find((r) => `${r.method} ${r.template}` === name)!
    await fc.assert(
      fc.asyncProperty(requestArb(f, route), async (r) => {
        const res = await send(f, r)
        if (res.status >= 500) throw new Error(`${res.status} for ${show(r)}\n${res.text.slice(0, 500)}`)
        if (res.status >= 400) {
          let body: any
          try {
            body = JSON.parse(res.text)
          } catch {
            throw new Error(`${res.status} not JSON (${res.type}) for ${show(r)}: ${res.text.slice(0, 200)}`)
          }
          if (typeof body?.code !== 'string' || typeof body?.message !== 'string') {
            throw new Error(`${res.status} without { code, message } for ${show(r)}: ${res.text.slice(0, 200)}`)
          }
        }
      }),
      { numRuns: RUNS },
    )
    assert.equal(thrown, [], 'nothing thrown past the app')
  })
}

test('the sessions the fuzz used are still good: it exercised signed-in paths to the end', async () => {
  const f = await fixture()
  for (const who of ['admin', 'coordinator', 'enterprise', 'crew']) {
    const res = await f.desk.app.request('/api/me', { headers: { cookie: f.cookies[who]! } })
    assert.is(res.status, 200, who)
  }
})

test.run()
