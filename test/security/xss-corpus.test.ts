// XSS: a corpus of payloads through every user text field the pages render (incident title and
// description, dispatch task, decline reason, crew name), shown in every place they appear on the
// console, the crew phone and the report page. No dialog opens, no element is made from the text,
// and the text reads as typed.
import type { Page } from 'playwright-core'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { vi } from '../../web/i18n/vi'
import { apiAs, launchBrowser, signedIn } from '../browser/browser'
import { startServer } from '../browser/server'

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<svg onload=alert(1)>',
  '"><svg/onload=alert(1)>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<iframe src="javascript:alert(1)"></iframe>',
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">bấm vào đây</a>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<div onmouseover="alert(1)" style="position:fixed;inset:0">x</div>',
  "{{constructor.constructor('alert(1)')()}}",
  '${alert(1)}',
  '&lt;img src=x onerror=alert(1)&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '\\u003cimg src=x onerror=alert(1)\\u003e',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '＜script＞alert(1)＜/script＞',
  '<div style="width:expression(alert(1))">css</div>',
  "<style>@import 'javascript:alert(1)';</style>",
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '</textarea><script>alert(1)</script>',
  '</title><svg onload=alert(1)>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>gửi</button></form>',
  '<video><source onerror=alert(1)></video>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  'Mất sóng <b>đậm</b> & "ngoặc" \'đơn\' <!-- chú thích -->',
]

const PHONE = { width: 360, height: 740 }

/** Joins payloads into strings of at most `max` characters, each payload whole and in order. */
function chunk(items: string[], sep: string, max: number): string[] {
  const out: string[] = []
  for (const p of items) {
    const last = out.at(-1)
    if (last !== undefined && last.length + sep.length + p.length <= max) out[out.length - 1] = last + sep + p
    else out.push(p)
  }
  return out
}

/**
 * What a payload would leave behind had it become markup: an inline handler attribute, a
 * javascript: URL, a frame or plug-in, a base or refresh, a script that is not the app's bundle.
 */
function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase()
      for (const a of Array.from(el.attributes)) {
        if (a.name.startsWith('on') || /^\s*javascript:/i.test(a.value) || /expression\(/i.test(a.value)) {
          found.push(`<${tag} ${a.name}="${a.value}">`)
        }
      }
      if (['iframe', 'object', 'embed', 'base', 'marquee', 'math', 'noscript', 'video', 'source'].includes(tag)) found.push(`<${tag}>`)
      if (tag === 'meta' && el.hasAttribute('http-equiv')) found.push('<meta http-equiv>')
      if (tag === 'img' && el.getAttribute('src') === 'x') found.push('<img src=x>')
      if (tag === 'script' && !(el.getAttribute('src') ?? '').startsWith('/assets/')) found.push('<script> not the app bundle')
      if (tag === 'style' && /javascript:|alert/.test(el.textContent ?? '')) found.push('<style> from text')
    }
    return found
  })
}

test('an XSS corpus through every rendered text field stays text on the console, the phone and the report page', async () => {
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const base = server.url
    const P = PAYLOADS.map((p) => p.normalize('NFC'))
    assert.ok(P.length >= 30, `corpus of ${P.length}`)

    // Incidents: each title carries two payloads and each description two others, so ~half as many
    // incidents as payloads put every payload through both fields.
    const enterprise = await apiAs(base, 'enterprise')
    const K = Math.ceil(P.length / 2)
    const pick = (i: number) => P[((i % P.length) + P.length) % P.length]!
    const incidents: { id: number; title: string; description: string }[] = []
    for (let k = 0; k < K; k++) {
      const title = `${pick(2 * k)} ${pick(2 * k + 1)}`
      const description = `${pick(-1 - 2 * k)}\n${pick(-2 - 2 * k)}`
      // Spread beyond the duplicate radius, away from the sites, taking no service away.
      const i = await enterprise.post('/incidents', {
        kind: 'outage', severity: 'high', title, description, services: [], radiusM: 0,
        lat: 10.36 + k * 0.012, lng: 107.16,
      })
      incidents.push({ id: i.id, title, description })
    }

    // Crew names: the enterprises rename their own crews, the crew user's crew first.
    const coordinator = await apiAs(base, 'coordinator')
    const crewUser = await apiAs(base, 'crew')
    const myCrewId = (await crewUser.get('/me')).crewId as number
    const owners = new Map<number, string>()
    for (const u of ['enterprise', 'enterprise2', 'postal']) owners.set((await (await apiAs(base, u)).get('/me')).organizationId, u)
    const crews = ((await coordinator.get('/snapshot')).crews as { id: number; organizationId: number }[])
      .filter((c) => owners.has(c.organizationId))
      .sort((a, b) => Number(b.id === myCrewId) - Number(a.id === myCrewId))
    const names = chunk(P, ' ', 120)
    assert.ok(names.length <= crews.length, `${names.length} crew names for ${crews.length} crews`)
    const cookies = new Map<string, string>()
    const renamed: { id: number; name: string }[] = []
    for (const [n, name] of names.entries()) {
      const crew = crews[n]!
      const user = owners.get(crew.organizationId)!
      if (!cookies.has(user)) {
        const login = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: base },
          body: JSON.stringify({ username: user, password: 'commsdesk-demo' }),
        })
        cookies.set(user, login.headers.getSetCookie()[0]!.split(';')[0]!)
      }
      const res = await fetch(`${base}/api/crews/${crew.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', origin: base, cookie: cookies.get(user)! },
        body: JSON.stringify({ name }),
      })
      assert.is(res.status, 200, `rename crew ${crew.id}: ${await res.text()}`)
      renamed.push({ id: crew.id, name })
    }

    // Tasks and decline reasons: the crew is dispatched in turn, declining each but the last.
    const tasks = chunk(P, '\n', 1000)
    const reasons = chunk(P, '\n', 500)
    const rounds = Math.max(tasks.length, reasons.length + 1)
    const dispatches: { id: number; task: string; reason: string | null; incident: (typeof incidents)[number] }[] = []
    for (let r = 0; r < rounds; r++) {
      const incident = incidents[r % K]!
      const task = tasks[r % tasks.length]!
      const d = await coordinator.post('/dispatches', { incidentId: incident.id, crewId: myCrewId, task })
      const reason = r < rounds - 1 ? (reasons[r] ?? 'other') : null
      if (reason) await crewUser.post(`/dispatches/${d.id}/status`, { status: 'declined', reason })
      dispatches.push({ id: d.id, task, reason, incident })
    }
    const active = dispatches.at(-1)!

    const [desk, phone, report] = await Promise.all([
      signedIn(browser, `${base}/`, 'coordinator'),
      signedIn(browser, `${base}/field`, 'crew', PHONE),
      signedIn(browser, `${base}/report`, 'enterprise', { width: 1280, height: 1000 }),
    ])
    for (const s of [desk, phone, report]) {
      s.context.setDefaultTimeout(5000)
      await s.page.locator('[data-live="live"]').waitFor({ timeout: 10_000 })
    }
    const checkPage = async (page: Page, where: string) => assert.equal(await injected(page), [], `no element made from text: ${where}`)

    // Console: the queue, then each incident's panel; the map popup for a sample.
    const con = desk.page
    for (const i of incidents) {
      const item = con.locator(`[data-incident="${i.id}"]`)
      await item.waitFor()
      assert.ok((await item.textContent())!.includes(i.title), `queue shows #${i.id}'s title literally`)
    }
    const panel = con.getByTestId('incident-panel')
    for (const [n, i] of incidents.entries()) {
      await con.locator(`[data-incident="${i.id}"]`).click()
      await panel.locator('.panel-title', { hasText: i.title }).waitFor()
      assert.is(await con.getByTestId('incident-description').textContent(), i.description, `panel description of #${i.id}`)
      if (i.id === active.incident.id) {
        const myName = renamed[0]!.name
        await panel.locator('.dispatch-list li', { hasText: myName }).waitFor()
      }
      await panel.locator('.timeline li').first().waitFor()
      if (n < 3) {
        const marker = con.locator('.inc.selected')
        await marker.waitFor()
        await con.waitForTimeout(800) // the map flies to the incident
        await marker.click({ force: true })
        const popup = con.locator('.leaflet-popup-content', { hasText: `#${i.id} ` })
        await popup.waitFor()
        const text = (await popup.textContent())!
        assert.ok(text.includes(i.title) && text.includes(i.description), `popup of #${i.id} shows the text literally`)
        // Closed, so it does not cover the next incident's marker.
        await con.locator('.leaflet-popup-close-button').click()
      }
      await checkPage(con, `console, incident #${i.id}`)
    }

    // The crew board stands where the panel was.
    await panel.getByRole('button', { name: vi.app.close }).click()
    const board = con.getByTestId('crew-board')
    for (const c of renamed) {
      const row = board.locator(`tr[data-crew="${c.id}"]`)
      await row.waitFor()
      assert.ok((await row.textContent())!.includes(c.name), `board shows crew ${c.id}'s name literally`)
    }
    await checkPage(con, 'console, crew board')

    // The phone: the active card and the declined dispatches below it.
    const fp = phone.page
    const card = fp.locator(`#task-${active.id}`)
    await card.waitFor()
    assert.is(await card.textContent(), active.task, 'the task reads as typed')
    const article = fp.locator('article.card', { has: card })
    assert.ok((await article.textContent())!.includes(active.incident.title), 'the card shows the incident title literally')
    const earlier = fp.locator('.earlier li')
    await earlier.first().waitFor()
    const earlierText = (await earlier.allTextContents()).join('\n')
    for (const d of dispatches.slice(0, -1)) {
      assert.ok(earlierText.includes(d.task), `earlier dispatch ${d.id}: task literally`)
      assert.ok(earlierText.includes(d.reason!), `earlier dispatch ${d.id}: reason literally`)
      assert.ok(earlierText.includes(d.incident.title), `earlier dispatch ${d.id}: incident title literally`)
    }
    assert.ok((await fp.locator('body').textContent())!.includes(renamed[0]!.name), 'the phone names its crew literally')
    await checkPage(fp, 'field')

    // The report page's list of our incidents.
    for (const i of incidents) {
      const row = report.page.getByTestId(`incident-${i.id}`)
      await row.waitFor()
      assert.is(await row.locator('.row-title').textContent(), i.title, `report list shows #${i.id}'s title literally`)
    }
    await checkPage(report.page, 'report')

    await con.waitForTimeout(300) // an image that failed would have fired onerror by now
    assert.equal([...desk.dialogs, ...phone.dialogs, ...report.dialogs], [], 'no dialog fired')
  } finally {
    await browser.close()
    await server.stop()
  }
})

test.run()
