// CSV in and out: a template in both languages; files with or without BOM, CRLF or LF, NFD
// Vietnamese, "," or ";"; a preview naming each refused row; all valid rows or nothing; 10,000 rows;
// an export Excel reads with Vietnamese intact and that cannot inject formulas.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { eventsAfter, headSeq, ORIGIN, testDesk, type Client, type Reply, type TestDesk } from '../helpers'

interface Fixture {
  desk: TestDesk
  vnpt: Client
  viettel: Client
  observer: Client
  crew: Client
}

let built: Promise<Fixture> | null = null
function fixture(): Promise<Fixture> {
  built ??= (async () => {
    const desk = await testDesk()
    const [vnpt, viettel, observer, crew] = await Promise.all(
      ['enterprise', 'enterprise2', 'observer', 'crew'].map((u) => desk.as(u)),
    )
    return { desk, vnpt: vnpt!, viettel: viettel!, observer: observer!, crew: crew! }
  })()
  return built
}

const BOM = '\uFEFF'

function send(c: Client, path: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Reply> {
  return c.raw(path, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'text/csv', ...headers }, body: body as BodyInit })
}
const preview = (c: Client, csv: string | Uint8Array, lang = 'vi') => send(c, `/api/incidents/csv/preview?lang=${lang}`, csv)
const importCsv = (c: Client, csv: string | Uint8Array, mode: string, headers: Record<string, string> = {}) =>
  send(c, `/api/incidents/csv/import?mode=${mode}`, csv, headers)

/** The raw bytes of a GET, BOM and all (Response.text() would drop the BOM). */
async function download(desk: TestDesk, c: Client, path: string) {
  const res = await desk.app.request(path, { headers: { cookie: c.cookie! } })
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) }
}

const titled = (desk: TestDesk, like: string) =>
  desk.deps.db.$client.prepare('SELECT title, source, lat, impact FROM incidents WHERE title LIKE ? ORDER BY id').all(like) as {
    title: string
    source: string
    lat: number
    impact: string
  }[]

const EN = 'kind,cause,severity,title,description,services,lat,lng,radius_m,users_affected'
const row = (title: string, extra: Partial<Record<'severity' | 'lat' | 'users', string>> = {}) =>
  `outage,power,${extra.severity ?? 'high'},${title},"Mất điện lưới, trạm chạy ắc quy",mobile;internet,${extra.lat ?? '10.62'},107.45,0,${extra.users ?? '1500'}`

test('the template has the headers in Vietnamese or English, UTF-8 with a BOM', async () => {
  const { desk, vnpt } = await fixture()
  const vi = await download(desk, vnpt, '/api/incidents/csv/template')
  assert.is(vi.status, 200)
  assert.match(vi.headers.get('content-type')!, /^text\/csv; charset=utf-8/)
  assert.match(vi.headers.get('content-disposition')!, /attachment; filename=".+\.csv"/)
  assert.equal([...vi.bytes.slice(0, 3)], [0xef, 0xbb, 0xbf])
  const viText = new TextDecoder().decode(vi.bytes)
  assert.ok(viText.startsWith('loại sự cố,nguyên nhân,mức độ,tiêu đề'), viText)
  const en = new TextDecoder().decode((await download(desk, vnpt, '/api/incidents/csv/template?lang=en')).bytes)
  assert.ok(en.startsWith('kind,cause,severity,title'), en)
  // Either template, filled in, imports.
  for (const header of [viText.trim(), en.trim()]) {
    const cells = header.split(',').map((h) => (/^(loại sự cố|kind)$/.test(h) ? 'outage' : /^(mức độ|severity)$/.test(h) ? 'low' : /^(tiêu đề|title)$/.test(h) ? 'Từ mẫu' : /^(vĩ độ|lat)$/.test(h) ? '10.62' : /^(kinh độ|lng)$/.test(h) ? '107.45' : ''))
    const res = await preview(vnpt, `${header}\n${cells.join(',')}\n`)
    assert.is(res.status, 200, JSON.stringify(res.body))
    assert.is(res.body.valid, 1, JSON.stringify(res.body.errors))
  }
})

test('files with and without BOM, CRLF or LF, NFD Vietnamese, and ";" with decimal commas all import alike', async () => {
  const { desk, vnpt } = await fixture()
  const title = 'Mất sóng xã Bưng Riềng'
  const files: [string, string | Uint8Array][] = [
    ['bom-crlf', `${BOM}${EN}\r\n${row(`${title} 1`)}\r\n`],
    ['lf', `${EN}\n${row(`${title} 2`)}\n`],
    ['bytes-bom', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(`${EN}\r\n${row(`${title} 3`)}`)])],
    ['nfd', `${EN}\n${row(`${title} 4`)}\n`.normalize('NFD')],
    [
      'semicolon',
      'loại sự cố;mức độ;tiêu đề;vĩ độ;kinh độ;bán kính (m);thuê bao bị ảnh hưởng\r\n' + `outage;high;${title} 5;10,62;107,45;0;1500\r\n`,
    ],
  ]
  for (const [name, csv] of files) {
    const res = await importCsv(vnpt, csv, 'all_or_nothing')
    assert.is(res.status, 200, `${name}: ${JSON.stringify(res.body)}`)
    assert.is(res.body.imported, 1, name)
  }
  const rows = titled(desk, `${title}%`)
  assert.equal(rows.map((r) => r.title), [1, 2, 3, 4, 5].map((n) => `${title} ${n}`), 'titles come out NFC and whole')
  assert.ok(rows.every((r) => r.source === 'csv' && r.lat === 10.62 && JSON.parse(r.impact).usersAffected === 1500))
})

test('a file with one bad row: the preview names it, all_or_nothing imports nothing, valid_only the rest', async () => {
  const { desk, vnpt } = await fixture()
  const csv = [EN, row('Tệp một dòng lỗi A'), row('Tệp một dòng lỗi B', { severity: 'dữ dội', lat: '21.5' }), row('Tệp một dòng lỗi C')].join('\r\n')
  const seq = headSeq(desk.deps)
  const vi = await preview(vnpt, csv)
  assert.is(vi.status, 200)
  assert.equal([vi.body.total, vi.body.valid, vi.body.invalid], [3, 2, 1])
  const errs = vi.body.errors as { row: number; column: string; field: string; code: string; message: string }[]
  assert.equal(errs.map((e) => [e.row, e.column, e.code]), [[3, 'severity', 'pick_one'], [3, 'lat', 'outside_province']])
  assert.match(errs[0]!.message, /Giá trị không hợp lệ/)
  assert.match(errs[1]!.message, /ngoài địa bàn tỉnh/)
  assert.ok(vi.body.rows.some((r: { row: number; errors: unknown[] }) => r.row === 3 && r.errors.length === 2))
  const en = await preview(vnpt, csv, 'en')
  assert.match(en.body.errors[1].message, /outside the province/)
  const byHeader = await send(vnpt, '/api/incidents/csv/preview', csv, { 'accept-language': 'en-GB,en;q=0.8' })
  assert.match(byHeader.body.errors[0].message, /Not a valid value/)
  assert.is(headSeq(desk.deps), seq, 'a preview writes nothing')

  const none = await importCsv(vnpt, csv, 'all_or_nothing')
  assert.is(none.status, 400)
  assert.is(none.body.code, 'invalid_input')
  assert.equal(none.body.details.map((d: { row: number; column: string }) => [d.row, d.column]), [[3, 'severity'], [3, 'lat']])
  assert.is(headSeq(desk.deps), seq, 'all_or_nothing imported nothing')
  assert.is(titled(desk, 'Tệp một dòng lỗi%').length, 0)

  const some = await importCsv(vnpt, csv, 'valid_only')
  assert.is(some.status, 200)
  assert.equal([some.body.total, some.body.imported, some.body.invalid], [3, 2, 1])
  assert.equal(some.body.errors.map((e: { row: number }) => e.row), [3, 3])
  assert.equal(titled(desk, 'Tệp một dòng lỗi%').map((r) => r.title), ['Tệp một dòng lỗi A', 'Tệp một dòng lỗi C'])
  assert.equal(
    eventsAfter(desk.deps, seq).map((e) => e.type),
    ['incident.reported', 'incident.reported'],
    'one event per imported row',
  )
})

test('cell errors name the row, the column and the reason', async () => {
  const { vnpt } = await fixture()
  const csv = [
    'kind,severity,title,lat,lng,estimated_restore_at,users_affected,drill',
    'outage,low,Giờ sai,10.62,107.45,31/02/2026 10:00,,',
    'outage,low,Số âm,10.62,107.45,,-3,',
    'outage,low,,10.62,107.45,,,',
    'outage,low,Có NUL \u0000,10.62,107.45,,,',
    'outage,low,Chữ thay số,mười,107.45,,,',
    'outage,low,Diễn tập?,10.62,107.45,,,có lẽ',
    'outage,low,Thiếu ô,10.62',
  ].join('\n')
  const res = await preview(vnpt, csv, 'en')
  assert.is(res.status, 200, JSON.stringify(res.body))
  const errors = res.body.errors as { row: number; column: string | null; code: string; message: string }[]
  for (const e of errors) assert.not.match(e.message, /\{\w+\}/, `every placeholder filled: ${e.message}`)
  assert.is(errors[1]!.message, 'At least 0')
  const got = errors.map((e) => [e.row, e.column, e.code])
  assert.equal(got, [
    [2, 'estimated_restore_at', 'bad_time'],
    [3, 'users_affected', 'too_small'],
    [4, 'title', 'required'],
    [5, 'title', 'control_char'],
    [6, 'lat', 'not_number'],
    [7, 'drill', 'bad_boolean'],
    [8, null, 'cell_count'],
  ])
})

test('the file itself: unknown, duplicate or missing columns, not UTF-8, not CSV, or empty is a 400', async () => {
  const { desk, vnpt } = await fixture()
  const seq = headSeq(desk.deps)
  const cases: [string | Uint8Array, string][] = [
    ['kind,severity,title,lat,lng,colour\noutage,low,x,10.6,107.4,red\n', 'unknown_column'],
    ['kind,severity,title,lat,lng,title\noutage,low,x,10.6,107.4,y\n', 'duplicate_column'],
    ['kind,severity,title,lat\noutage,low,x,10.6\n', 'missing_column'],
    [new Uint8Array([...new TextEncoder().encode('kind,severity,title,lat,lng\noutage,low,M'), 0xe1, 0xba, ...new TextEncoder().encode(',10.6,107.4\n')]), 'not_utf8'],
    ['kind,severity,title,lat,lng\noutage,low,"unclosed,10.6,107.4\n', 'bad_csv'],
    ['kind,severity,title,lat,lng\n', 'no_rows'],
  ]
  for (const [csv, code] of cases) {
    const res = await preview(vnpt, csv, 'en')
    assert.is(res.status, 400, `${code}: ${JSON.stringify(res.body)}`)
    assert.is(res.body.details[0].code, code, JSON.stringify(res.body))
    assert.type(res.body.details[0].message, 'string')
  }
  const json = await vnpt.post('/api/incidents/csv/import?mode=valid_only', { csv: 'kind' })
  assert.is(json.status, 415)
  const noMode = await send(vnpt, '/api/incidents/csv/import', `${EN}\n${row('Không chọn chế độ')}\n`)
  assert.is(noMode.status, 400)
  assert.is(headSeq(desk.deps), seq)
})

test('observers and crews may not preview or import: 403, no event; signed out: 401', async () => {
  const { desk, observer, crew } = await fixture()
  const csv = `${EN}\n${row('Không được phép')}\n`
  for (const c of [observer, crew]) {
    const seq = headSeq(desk.deps)
    for (const res of [await importCsv(c, csv, 'valid_only'), await importCsv(c, csv, 'all_or_nothing'), await preview(c, csv)]) {
      assert.is(res.status, 403, JSON.stringify(res.body))
      assert.is(res.body.code, 'forbidden')
    }
    assert.is(headSeq(desk.deps), seq, 'no event')
  }
  assert.is((await importCsv(desk.anonymous(), csv, 'valid_only')).status, 401)
})

test('the export: BOM, Vietnamese intact, formulas escaped, numbers as numbers, only our own reports', async () => {
  const { desk, vnpt, viettel } = await fixture()
  const risky = [
    ['=HYPERLINK("http://evil.example","bấm")', 'công thức ='],
    ['+84 giờ mất sóng', 'dấu +'],
    ['-2 trạm', 'dấu -'],
    ['@SUM(1+1)', 'dấu @'],
  ]
  for (const [title, description] of risky) {
    const res = await vnpt.post('/api/incidents', {
      kind: 'outage',
      severity: 'low',
      title,
      description,
      lat: 10.62,
      lng: 107.45,
      radiusM: 0,
      impact: { usersAffected: 250 },
    })
    assert.is(res.status, 201)
  }
  await viettel.post('/api/incidents', { kind: 'outage', severity: 'low', title: 'Của Viettel', lat: 10.62, lng: 107.45, radiusM: 0 })
  const out = await download(desk, vnpt, '/api/incidents/export.csv')
  assert.is(out.status, 200)
  assert.match(out.headers.get('content-type')!, /^text\/csv/)
  assert.equal([...out.bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM so Excel reads UTF-8')
  const text = new TextDecoder().decode(out.bytes)
  const lines = text.split('\r\n')
  assert.ok(lines[0]!.startsWith('số,thời điểm báo cáo,trạng thái'), lines[0])
  assert.ok(text.includes('VNPT Bà Rịa–Vũng Tàu'), 'Vietnamese intact')
  assert.not.ok(text.includes('Của Viettel'), 'only our own reports')
  for (const [title] of risky) {
    const line = lines.find((l) => l.includes(title.slice(1, 8)))!
    assert.ok(line, title)
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''))
    const cell = cells.find((c) => c.includes(title.slice(1, 8)))!
    assert.ok(/^"?'/.test(cell), `${title} is escaped: ${cell}`)
  }
  // Numbers are written as numbers: a negative-looking title is escaped, a count is not.
  const last = lines.find((l) => l.includes('-2 trạm'))!
  assert.ok(last.includes(',250,'), last)
  assert.ok(last.includes(',10.62,107.45,0,'), last)
  const en = new TextDecoder().decode((await download(desk, vnpt, '/api/incidents/export.csv?lang=en')).bytes)
  assert.ok(en.startsWith('\uFEFFid,reported_at,status') || en.startsWith('id,reported_at,status'), en.slice(0, 40))
})

test('10,000 rows import in one go, every row kept', async () => {
  const desk = await testDesk()
  const vnpt = await desk.as('enterprise')
  const lines = ['loại sự cố,nguyên nhân,mức độ,tiêu đề,mô tả,dịch vụ bị ảnh hưởng,vĩ độ,kinh độ,bán kính (m),thuê bao bị ảnh hưởng']
  for (let i = 0; i < 10_000; i++) {
    const lat = (10.35 + (i % 100) * 0.004).toFixed(5)
    const lng = (107.05 + Math.floor(i / 100) * 0.004).toFixed(5)
    const severity = ['low', 'medium', 'high', 'critical'][i % 4]
    lines.push(`outage,power,${severity},Mất điện trạm BTS số ${i},"Trạm ${i}, chạy máy phát",mobile;internet,${lat},${lng},800,${i * 3}`)
  }
  const csv = `${BOM}${lines.join('\r\n')}\r\n`
  const seq = headSeq(desk.deps)
  const started = performance.now()
  const res = await importCsv(vnpt, csv, 'all_or_nothing', { 'idempotency-key': 'ten-thousand' })
  const ms = performance.now() - started
  assert.is(res.status, 200, JSON.stringify(res.body).slice(0, 500))
  assert.is(res.body.imported, 10_000)
  assert.is(res.body.ids.length, 10_000)
  const kept = desk.deps.db.$client.prepare("SELECT count(*) AS n FROM incidents WHERE source = 'csv'").get() as { n: number }
  assert.is(kept.n, 10_000)
  const reported = eventsAfter(desk.deps, seq).filter((e) => e.type === 'incident.reported').length
  assert.is(reported, 10_000, 'one event per row')
  console.log(`    10,000-row CSV import: ${Math.round(ms)} ms (${Buffer.byteLength(csv)} bytes)`)
})

test.run()
