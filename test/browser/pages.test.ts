// The three pages one behaviour at a time: the report form refuses bad input without sending it,
// user text stays text on the phone and the report page, the language choice sticks to the user,
// and the console works from the keyboard.
import type { Request } from 'playwright-core'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { en } from '../../web/i18n/en'
import { vi } from '../../web/i18n/vi'
import { apiAs, launchBrowser, signedIn } from './browser'
import { crewOf, textOf, until } from './desk'
import { startServer } from './server'

const XSS = '<img src=x onerror=alert(1)>'
const PHONE = { width: 360, height: 740 }
const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]))

test('report form: bad input shows Vietnamese errors beside each field and sends nothing', async () => {
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const { page, dialogs } = await signedIn(browser, `${server.url}/report`, 'enterprise')
    page.context().setDefaultTimeout(5000)
    await page.locator('[data-live="live"]').waitFor({ timeout: 10_000 })
    const posts: Request[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/incidents') posts.push(r)
    })

    // No severity, no title, a latitude that is not a number, a longitude off the globe, a
    // negative radius and a fractional count of users.
    const form = page.locator('form.incident-form')
    await form.locator('input[name=lat]').fill('abc')
    await form.locator('input[name=lng]').fill('200')
    await form.locator('input[name=radiusM]').fill('-5')
    await form.locator('input[name="impact.usersAffected"]').fill('1,5')
    await form.locator('button[type=submit]').click()

    const errorOf = (name: string) =>
      textOf(form.locator(`label.fld:has([name="${name}"]) .field-error`))
    const expected: Record<string, string> = {
      severity: vi.validation.pickOne,
      title: vi.errors.required,
      lat: vi.errors.notNumber,
      lng: fill(vi.errors.tooBig, { max: 180 }),
      radiusM: fill(vi.errors.tooSmall, { min: 0 }),
      'impact.usersAffected': vi.validation.integer,
    }
    await form.locator('.field-error').first().waitFor()
    for (const [name, message] of Object.entries(expected)) {
      assert.is(await errorOf(name), message, `error beside ${name}`)
      const invalid = await form.locator(`[name="${name}"]`).getAttribute('aria-invalid')
      assert.is(invalid, 'true', `${name} marked invalid`)
    }
    const errors = await form.locator('.field-error').count()
    assert.is(errors, Object.keys(expected).length, 'no error beside a good field')
    assert.is(await textOf(form.locator('p.error').last()), vi.report.fixErrors)
    // The reader is taken to the first field to fix.
    await until('focus', () => page.evaluate('document.activeElement?.name'), (n) => n === 'severity')
    await page.waitForTimeout(300)
    assert.is(posts.length, 0, 'nothing was sent')

    // A corrected field loses its error at once; once all are right, the report goes out (once).
    await form.locator('input[name=title]').fill('Mất sóng khu phố 3')
    assert.is(await errorOf('title'), null, 'the corrected title lost its error')
    await form.locator('select[name=severity]').selectOption('high')
    await form.locator('input[name=lat]').fill('10,35')
    await form.locator('input[name=lng]').fill('107.08')
    await form.locator('input[name=radiusM]').fill('500')
    await form.locator('input[name="impact.usersAffected"]').fill('1500')
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request() === posts[0]),
      form.locator('button[type=submit]').click(),
    ])
    const saved = await response.json()
    const notice = fill(vi.report.submitted, { id: saved.id })
    await until('notice', () => textOf(form.locator('.notice')), (s) => s === notice)
    assert.is(posts.length, 1, 'the corrected report was sent once')
    assert.is(await form.locator('.field-error').count(), 0)
    assert.equal(dialogs, [])
  } finally {
    await browser.close()
    await server.stop()
  }
})

test('user text shows literally on the crew phone and in the report list; no script runs', async () => {
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const { crewId } = await crewOf(server.url, 'crew')
    const incident = await (await apiAs(server.url, 'enterprise')).post('/incidents', {
      kind: 'outage', cause: 'damage', severity: 'high', title: XSS, description: XSS,
      services: ['mobile'], lat: 10.37, lng: 107.09, radiusM: 300,
    })
    const dispatch = await (await apiAs(server.url, 'coordinator')).post('/dispatches', {
      incidentId: incident.id, crewId, task: XSS,
    })
    const [phone, report] = await Promise.all([
      signedIn(browser, `${server.url}/field`, 'crew', PHONE),
      signedIn(browser, `${server.url}/report`, 'enterprise'),
    ])

    const task = phone.page.locator(`#task-${dispatch.id}`)
    await task.waitFor({ timeout: 10_000 })
    assert.is(await task.textContent(), XSS, 'the task reads as typed')
    const card = phone.page.locator('article.card', { has: task })
    const strong = await card.locator('strong').allTextContents()
    assert.ok(strong.includes(XSS), `the incident title reads as typed: ${JSON.stringify(strong)}`)

    const row = report.page.getByTestId(`incident-${incident.id}`)
    await row.waitFor({ timeout: 10_000 })
    assert.is(await row.locator('.row-title').textContent(), XSS, 'the list shows the title as typed')

    await phone.page.waitForTimeout(300) // an image that failed would have fired onerror by now
    for (const { page, dialogs } of [phone, report]) {
      assert.is(await page.locator('img[src="x"]').count(), 0, 'no element was made from the text')
      assert.equal(dialogs, [], 'no dialog fired')
    }
  } finally {
    await browser.close()
    await server.stop()
  }
})

test('field: switching to English changes the labels, survives a reload and follows the user', async () => {
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const { page } = await signedIn(browser, `${server.url}/field`, 'crew', PHONE)
    page.context().setDefaultTimeout(5000)
    const heading = page.locator('h1.section-title')
    await page.locator('[data-live="live"]').waitFor({ timeout: 10_000 })
    assert.is(await heading.textContent(), vi.field.active)
    assert.is(await page.locator('html').getAttribute('lang'), 'vi')

    const switchButton = page.getByTestId('switch-language')
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/me')),
      switchButton.click(),
    ])
    assert.is(await heading.textContent(), en.field.active)
    assert.is(await switchButton.textContent(), en.app.language, 'the switch now offers Vietnamese')
    assert.is(await page.locator('html').getAttribute('lang'), 'en')

    await page.reload()
    await page.locator('[data-live="live"]').waitFor({ timeout: 10_000 })
    assert.is(await heading.textContent(), en.field.active, 'English after a reload')

    // Remembered on the user, not only in this browser: a fresh phone signs in to English, and
    // another crew member keeps Vietnamese.
    assert.is((await (await apiAs(server.url, 'crew')).get('/me')).locale, 'en')
    const fresh = await signedIn(browser, `${server.url}/field`, 'crew', PHONE)
    await fresh.page.locator('[data-live="live"]').waitFor({ timeout: 10_000 })
    const headingOf = (p: typeof page) => textOf(p.locator('h1.section-title'))
    assert.is(await headingOf(fresh.page), en.field.active, 'English on a fresh phone')
    const other = await signedIn(browser, `${server.url}/field`, 'crew2', PHONE)
    await other.page.locator('[data-live="live"]').waitFor({ timeout: 10_000 })
    assert.is(await headingOf(other.page), vi.field.active, 'crew2 stays in Vietnamese')
  } finally {
    await browser.close()
    await server.stop()
  }
})

test('console keyboard: / searches without diacritics, arrows move, Enter opens, Esc closes', async () => {
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const enterprise = await apiAs(server.url, 'enterprise')
    const areas: { id: number; name: string }[] = await enterprise.get('/areas')
    const datDo = areas.find((a) => a.name.includes('Đất Đỏ'))!
    // Titles that do not name the district: the search has to find them by their area.
    const report = (title: string, severity: string, lat: number, lng: number) =>
      enterprise.post('/incidents', {
        kind: 'outage', severity, title, services: ['mobile'], lat, lng, radiusM: 300,
      })
    const first = await report('Mất sóng xã Phước Hội', 'critical', 10.48, 107.29)
    const second = await report('Chập chờn internet khu Long Mỹ', 'low', 10.47, 107.3)
    assert.is(first.areaId, datDo.id, 'the first incident lies in Đất Đỏ')
    assert.is(second.areaId, datDo.id, 'the second incident lies in Đất Đỏ')

    const { page } = await signedIn(browser, `${server.url}/`, 'coordinator')
    page.context().setDefaultTimeout(5000)
    await page.locator(`[data-incident="${second.id}"]`).waitFor({ timeout: 10_000 })
    const queueIds = () =>
      page.locator('.qitem').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-incident'))))
    const at = (cls: string) => page.locator(`.qitem.${cls}`).getAttribute('data-incident').then(Number)
    assert.ok((await queueIds()).length > 2, 'the queue starts with more than the two')

    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('/')
    const search = page.locator('#queue-search')
    assert.ok(await search.evaluate((el) => el === document.activeElement), '/ focuses the search')
    await page.keyboard.type('dat do')
    assert.is(await search.inputValue(), 'dat do', 'the / itself was not typed')
    await until('queue', queueIds, (ids) => ids.length === 2)
    assert.equal(await queueIds(), [first.id, second.id], 'only Đất Đỏ, worst first')

    // Esc leaves the search box (the filter stays); then the arrows walk the queue.
    await page.keyboard.press('Escape')
    assert.not.ok(await search.evaluate((el) => el === document.activeElement), 'Esc left the search')
    assert.is(await at('cursor'), first.id)
    await page.keyboard.press('ArrowDown')
    assert.is(await at('cursor'), second.id, 'down moves to the second')
    await page.keyboard.press('ArrowDown')
    assert.is(await at('cursor'), second.id, 'the cursor stops at the end')
    await page.keyboard.press('ArrowUp')
    assert.is(await at('cursor'), first.id, 'up moves back')
    await page.keyboard.press('ArrowDown')

    await page.keyboard.press('Enter')
    const panel = page.getByTestId('incident-panel')
    await panel.waitFor()
    const opened = await panel.locator('.panel-title').textContent()
    assert.is(opened, second.title, 'Enter opens the one under the cursor')
    assert.is(await at('selected'), second.id)

    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
    await page.getByTestId('crew-board').waitFor()
    assert.equal(await queueIds(), [first.id, second.id], 'the search still filters')
  } finally {
    await browser.close()
    await server.stop()
  }
})

test.run()
