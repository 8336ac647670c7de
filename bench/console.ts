// The console in a real browser on a storm-day desk (5,000 open incidents, 1,000 sites, 200 crews,
// built through the API as bench/snapshot.ts builds it): (1) first full render, navigation start to
// the queue's first items and the map's incident markers in the DOM, read with performance.now() in
// the page; (2) a burst of 100 incident reports posted from Node while the page records its frames
// (long-animation-frame, else longtask entries) and the gaps between requestAnimationFrame callbacks.
// The ceiling for the frames is the same page idle for a second just before the burst.
// Headless Debian chromium, coordinator, 1600×900. Loopback only; bounded to 60 s; the server and
// the browser it started are stopped at the end, failure or not.
// Alone: npx tsx bench/console.ts (writes bench/results/console.json); from npm run bench, the
// figures are added to bench/results/latest.json under "console".
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { CHROMIUM_ARGS, chromiumPath } from '../test/browser/chromium'
import { signIn } from './intake'
import { BENCH_DIR, child, ROOT, round, sleep, type Child } from './lib'
import { SIZES } from './snapshot'
import { table } from './table'

const BURST = 100
const DEADLINE_MS = 60_000
const RENDER_GOAL_MS = 1500
const FRAME_GOAL_MS = 50
const BURST_WAIT_MS = 20_000

/** The value, or null if it takes longer than ms. */
async function inTime<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), Math.max(0, ms))))
  p.catch(() => {}) // a late rejection (page closed at the end) is not an unhandled one
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}

/** Runs calls with at most `width` in flight; fails on the first non-2xx. (As in snapshot.ts.) */
async function pool(total: number, width: number, call: (i: number) => Promise<Response>) {
  let next = 0
  const worker = async () => {
    while (next < total) {
      const i = next++
      const res = await call(i)
      const body = await res.text()
      if (res.status >= 300) throw new Error(`#${i}: ${res.status} ${body}`)
    }
  }
  await Promise.all(Array.from({ length: width }, worker))
}

const post = (url: string, cookie: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url, cookie }, body: JSON.stringify(body) })

const report = (i: number, tag: string) => ({
  kind: 'outage',
  cause: 'power',
  severity: ['low', 'medium', 'high', 'critical'][i % 4],
  title: `${tag} Mất sóng trạm BTS số ${i}`,
  description: 'Trạm mất điện lưới, ắc quy dự phòng còn khoảng hai giờ; đề nghị hỗ trợ máy phát.',
  services: ['mobile'],
  lat: 10.33 + (i % 113) / 400,
  lng: 107.05 + (i % 127) / 400,
  radiusM: 0,
})

/** The storm-day desk of bench/snapshot.ts: the same sites, crews and incidents, through the API. */
async function populate(url: string) {
  const [admin, coordinator, vnpt, viettel] = await Promise.all(['admin', 'coordinator', 'enterprise', 'enterprise2'].map((u) => signIn(url, u)))
  const snap = (await (await fetch(`${url}/api/snapshot`, { headers: { cookie: coordinator } })).json()) as {
    sites: unknown[]
    crews: unknown[]
    incidents: unknown[]
    areas: { id: number; level: string; lat: number; lng: number }[]
    organizations: { id: number; code: string }[]
  }
  const districts = snap.areas.filter((a) => a.level !== 'province')
  const org = (code: string) => snap.organizations.find((o) => o.code === code)!.id
  const telecoms = [org('vnpt'), org('viettel'), org('mobifone')]
  await pool(SIZES.sites - snap.sites.length, 16, (i) => {
    const d = districts[i % districts.length]!
    return post(url, admin, '/api/sites', {
      code: `BENCH-${i}`,
      name: `Điểm bỏ phiếu thử số ${i}`,
      kind: 'polling_station',
      areaId: d.id,
      lat: d.lat + ((i % 37) - 18) / 1500,
      lng: d.lng + ((i % 41) - 20) / 1500,
      services: telecoms.map((organizationId) => ({ organizationId, service: 'mobile' })),
    })
  })
  await pool(SIZES.crews - snap.crews.length, 16, (i) =>
    post(url, coordinator, '/api/crews', {
      organizationId: telecoms[i % 3],
      name: `Đội ứng cứu dự phòng ${i}`,
      phone: `+8490${String(1000000 + i)}`,
      skills: ['fibre', 'vsat'].slice(0, 1 + (i % 2)),
      lat: 10.4 + (i % 50) / 500,
      lng: 107.1 + (i % 47) / 500,
    }),
  )
  await pool(SIZES.incidents - snap.incidents.length, 32, (i) => post(url, i % 2 ? viettel : vnpt, '/api/incidents', report(i, 'Bão')))
  return { coordinator, vnpt, viettel }
}

// Runs in the page before any of its scripts (added as an init script, so the page's CSP does not
// apply). Records when the queue and the map first hold incidents, and, once armed, every frame.
const RECORDER = `(() => {
  const b = (window.__bench = { domMs: null, paintMs: null, rec: false, loaf: [], gaps: [], api: null })
  const full = () => document.querySelector('[data-testid=queue] li[data-incident]') &&
    document.querySelector('.leaflet-marker-pane .inc, .leaflet-marker-pane .cluster-incidents')
  const mo = new MutationObserver(() => {
    if (b.domMs !== null || !full()) return
    b.domMs = performance.now()
    mo.disconnect()
    requestAnimationFrame(() => setTimeout(() => (b.paintMs = performance.now())))
  })
  mo.observe(document, { childList: true, subtree: true })
  const types = PerformanceObserver.supportedEntryTypes || []
  b.api = types.includes('long-animation-frame') ? 'long-animation-frame' : types.includes('longtask') ? 'longtask' : null
  if (b.api) new PerformanceObserver((list) => {
    if (b.rec) for (const e of list.getEntries()) b.loaf.push({ start: e.startTime, ms: e.duration, blockingMs: e.blockingDuration || 0 })
  }).observe({ type: b.api, buffered: false })
  let last = 0
  const tick = (t) => {
    if (b.rec && last) b.gaps.push(t - last)
    last = t
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
})()`

interface Frames {
  api: string | null
  seconds: number
  frames: number
  longestGapMs: number
  gapsOver50: number
  longestLongFrameMs: number
  longFrames: number
}

export interface ConsoleResult {
  sizes: typeof SIZES
  populateS: number
  viewport: { width: number; height: number }
  firstRender: { domMs: number; paintMs: number; snapshotResponseEndMs: number | null; queueItems: number; incidentMarkers: number; goalMs: number; met: boolean }
  burst: { events: number; shownInQueue: number; pageUnresponsive: boolean; slowestAnswerMs: number; postS: number; shownS: number | null; idle: Frames; during: Frames; goalMs: number; met: boolean }
}

const frames = (api: string | null, seconds: number, r: { loaf: { ms: number }[]; gaps: number[] }): Frames => ({
  api,
  seconds: round(seconds, 2),
  frames: r.gaps.length,
  longestGapMs: round(Math.max(0, ...r.gaps), 1),
  gapsOver50: r.gaps.filter((g) => g > FRAME_GOAL_MS).length,
  longestLongFrameMs: round(Math.max(0, ...r.loaf.map((e) => e.ms)), 1),
  longFrames: r.loaf.filter((e) => e.ms > FRAME_GOAL_MS).length,
})

async function measure(): Promise<ConsoleResult> {
  const started = performance.now()
  const step = (what: string) => console.log(`  ${round((performance.now() - started) / 1000, 1)} s: ${what}`)
  if (!existsSync(join(ROOT, 'dist', 'index.html'))) {
    console.log('dist/ missing: npx vite build')
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 })
  }
  const dir = mkdtempSync(join(tmpdir(), 'commsdesk-bench-console-'))
  let desk: Child | null = null
  let browser: Browser | null = null
  // The bound: past it, the browser and the server are stopped, which fails whatever was waiting.
  let late = false
  const deadline = setTimeout(() => {
    late = true
    void browser?.close().catch(() => {})
    void desk?.stop()
  }, DEADLINE_MS)
  try {
    desk = await child('serve.ts', { DB_FILE: join(dir, 'desk.db'), TILE_URL: '' })
    const url = `http://127.0.0.1:${(await desk.ask('ready')).port}`
    const t0 = performance.now()
    const { coordinator, vnpt, viettel } = await populate(url)
    const populateS = (performance.now() - t0) / 1000
    step(`desk populated in ${round(populateS, 1)} s`)

    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, timeout: 20_000 })
    const viewport = { width: 1600, height: 900 }
    const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
    // Loopback only: anything else the page asks for is refused (loopback requests are not routed).
    await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort())
    const [name, ...value] = coordinator.split('=')
    await context.addCookies([{ name: name!, value: value.join('='), url }])
    await context.addInitScript({ content: RECORDER })
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)

    // (1) First full render: navigation start (performance.now() = 0) to queue items and markers.
    await page.goto(`${url}/`, { waitUntil: 'commit' })
    await page.locator('[data-testid=queue] li[data-incident]').first().waitFor()
    await page.locator('.leaflet-marker-pane .inc, .leaflet-marker-pane .cluster-incidents').first().waitFor()
    await page.locator('[data-live="live"]').waitFor()
    await page.waitForTimeout(300) // paintMs is taken a frame later
    const render = await page.evaluate(() => {
      const b = (window as any).__bench
      const snap = performance.getEntriesByType('resource').find((e) => (e as PerformanceResourceTiming).name.endsWith('/api/snapshot')) as PerformanceResourceTiming | undefined
      return {
        domMs: b.domMs as number,
        paintMs: b.paintMs as number,
        api: b.api as string | null,
        snapshotResponseEndMs: snap ? snap.responseEnd : null,
        queueItems: document.querySelectorAll('[data-testid=queue] li[data-incident]').length,
        incidentMarkers: document.querySelectorAll('.leaflet-marker-pane .inc, .leaflet-marker-pane .cluster-incidents').length,
      }
    })
    step(`first render ${round(render.domMs ?? NaN, 0)} ms`)
    if (render.domMs === null) throw new Error('the page never showed queue items and incident markers together')
    await page.waitForTimeout(1000) // let the first load settle before the idle ceiling

    const arm = () => page.evaluate(() => Object.assign((window as any).__bench, { rec: true, loaf: [], gaps: [] }))
    const take = () =>
      page.evaluate(() => {
        const b = (window as any).__bench
        b.rec = false
        return { loaf: b.loaf as { ms: number }[], gaps: b.gaps as number[] }
      })

    // Ceiling: the same page, idle, for one second.
    await arm()
    await sleep(1000)
    const idle = frames(render.api, 1, await take())

    // (2) The burst: 100 reports as fast as the API takes them (all in flight at once), recorded
    // until the last one is in the queue, and a further 500 ms for what the updates set off.
    const tag = `Cụm-${Date.now().toString(36)}`
    const ids: number[] = []
    await arm()
    const b0 = performance.now()
    await Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        const res = await post(url, i % 2 ? viettel : vnpt, '/api/incidents', report(SIZES.incidents + i, tag))
        const body = (await res.json()) as { id: number }
        if (res.status >= 300) throw new Error(`burst #${i}: ${res.status} ${JSON.stringify(body)}`)
        ids.push(body.id)
      }),
    )
    const postS = (performance.now() - b0) / 1000
    step(`burst posted in ${round(postS, 2)} s`)
    // The page may be too busy to answer: every question to it is bounded, and how long the
    // slowest answer took (from Node) is a lower bound on how long its main thread was held.
    const end = Date.now() + BURST_WAIT_MS
    let shown = 0
    let shownS: number | null = null
    let slowestAnswerMs = 0
    let lastAnswer = b0
    while (Date.now() < end) {
      const a0 = performance.now()
      const n = await inTime(page.evaluate((ids) => ids.filter((id) => document.querySelector(`[data-incident="${id}"]`)).length, ids), end - Date.now())
      slowestAnswerMs = Math.max(slowestAnswerMs, performance.now() - a0)
      if (n === null) break
      lastAnswer = performance.now()
      shown = n
      if (shown === BURST) {
        shownS = (performance.now() - b0) / 1000
        break
      }
      await sleep(50)
    }
    step(shownS === null ? `only ${shown} of ${BURST} in the queue after ${BURST_WAIT_MS / 1000} s` : `all in the queue at ${round(shownS, 2)} s`)
    if (shownS !== null) await sleep(500)
    const recorded = await inTime(take(), 8000)
    if (!recorded) slowestAnswerMs = Math.max(slowestAnswerMs, performance.now() - lastAnswer)
    const seconds = (performance.now() - b0) / 1000
    const during: Frames = recorded
      ? frames(render.api, seconds, recorded)
      : // No answer at all: the page held its thread longer than we waited; report that as the floor.
        { api: render.api, seconds: round(seconds, 2), frames: NaN, longestGapMs: round(slowestAnswerMs, 0), gapsOver50: NaN, longestLongFrameMs: NaN, longFrames: NaN }
    step('burst recorded')

    return {
      sizes: SIZES,
      populateS: round(populateS, 1),
      viewport,
      firstRender: {
        domMs: round(render.domMs, 0),
        paintMs: round(render.paintMs, 0),
        snapshotResponseEndMs: render.snapshotResponseEndMs === null ? null : round(render.snapshotResponseEndMs, 0),
        queueItems: render.queueItems,
        incidentMarkers: render.incidentMarkers,
        goalMs: RENDER_GOAL_MS,
        met: render.domMs < RENDER_GOAL_MS,
      },
      burst: {
        events: BURST,
        shownInQueue: shown,
        pageUnresponsive: recorded === null,
        slowestAnswerMs: round(slowestAnswerMs, 0),
        postS: round(postS, 2),
        shownS: shownS === null ? null : round(shownS, 2),
        idle,
        during,
        goalMs: FRAME_GOAL_MS,
        met: recorded !== null && shownS !== null && during.gapsOver50 === 0 && during.longFrames === 0,
      },
    }
  } catch (err) {
    throw late ? new Error(`console bench: stopped after ${DEADLINE_MS / 1000} s`, { cause: err }) : err
  } finally {
    clearTimeout(deadline)
    await browser?.close().catch(() => {})
    await desk?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

const yes = (ok: boolean) => (ok ? 'yes' : 'NO')

export function print(r: ConsoleResult): void {
  const f = r.firstRender
  const { idle, during } = r.burst
  console.log(`\n## Console in headless Chromium (coordinator, ${r.viewport.width}×${r.viewport.height}; ${r.sizes.incidents} incidents, ${r.sizes.sites} sites, ${r.sizes.crews} crews)\n`)
  console.log(
    table(
      ['figure', 'value', 'ceiling / detail', 'goal', 'met'],
      [
        ['first full render: navigation → queue items + incident markers', `${f.domMs} ms`, `painted ${f.paintMs} ms; snapshot received ${f.snapshotResponseEndMs ?? '?'} ms; ${f.queueItems} items, ${f.incidentMarkers} markers`, `< ${f.goalMs} ms`, yes(f.met)],
        [`burst of ${r.burst.events} reports: longest rAF gap`, `${r.burst.pageUnresponsive ? '≥ ' : ''}${during.longestGapMs} ms`, `idle ${idle.longestGapMs} ms; ratio ${r.burst.pageUnresponsive ? '≥ ' : ''}${round(during.longestGapMs / idle.longestGapMs)}${r.burst.pageUnresponsive ? '; page did not answer: floor from Node' : ''}`, `≤ ${r.burst.goalMs} ms`, yes(during.longestGapMs <= r.burst.goalMs)],
        [`burst: rAF gaps over ${r.burst.goalMs} ms`, r.burst.pageUnresponsive ? '≥ 1 (unreadable)' : `${during.gapsOver50} of ${during.frames}`, `idle ${idle.gapsOver50} of ${idle.frames}`, '0', yes(during.gapsOver50 === 0)],
        [`burst: ${during.api ?? 'no long-frame API'} entries over ${r.burst.goalMs} ms`, r.burst.pageUnresponsive ? '≥ 1 (unreadable)' : `${during.longFrames}`, `longest ${r.burst.pageUnresponsive ? '—' : `${during.longestLongFrameMs} ms`}; idle ${idle.longFrames} (longest ${idle.longestLongFrameMs} ms)`, '0', yes(during.longFrames === 0)],
        ['burst: posted / all in the queue', `${r.burst.postS} s / ${r.burst.shownS === null ? `only ${r.burst.shownInQueue} of ${r.burst.events} in ${BURST_WAIT_MS / 1000} s` : `${r.burst.shownS} s`}`, `recorded ${during.seconds} s; slowest page answer ${r.burst.slowestAnswerMs} ms`, 'reported', '—'],
      ],
    ),
  )
}

/** For npm run bench: runs, prints, and adds the figures to `resultsFile` (if given) under "console". */
export async function runAndPrint(resultsFile?: string): Promise<ConsoleResult> {
  console.log('\nConsole: storm-day desk, headless Chromium')
  const r = await measure()
  print(r)
  mkdirSync(join(BENCH_DIR, 'results'), { recursive: true })
  if (resultsFile && existsSync(resultsFile)) {
    writeFileSync(resultsFile, JSON.stringify({ ...JSON.parse(readFileSync(resultsFile, 'utf8')), console: r }, null, 1))
  } else {
    writeFileSync(join(BENCH_DIR, 'results', 'console.json'), JSON.stringify({ at: new Date().toISOString(), ...r }, null, 1))
  }
  return r
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runAndPrint().then(
    () => process.exit(0),
    (err) => {
      console.error(err)
      process.exit(1)
    },
  )
}
