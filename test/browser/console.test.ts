import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { apiAs, launchBrowser, shot, signedIn } from './browser'
import { startServer } from './server'

const XSS = '<img src=x onerror=alert(1)>'

test('console: user text shows literally in the queue, the panel and the map popup; no script runs', async () => {
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const enterprise = await apiAs(server.url, 'enterprise')
    const incident = await enterprise.post('/incidents', {
      kind: 'outage', cause: 'equipment', severity: 'critical', title: `<b>Tiêu đề</b> ${XSS}`, description: XSS,
      services: ['mobile'], lat: 10.36, lng: 107.08, radiusM: 300,
    })
    const { page, dialogs } = await signedIn(browser, `${server.url}/`, 'coordinator')
    const item = page.locator(`[data-incident="${incident.id}"]`)
    await item.waitFor({ timeout: 10_000 })
    assert.ok((await item.textContent())!.includes(XSS), 'queue shows the title literally')
    await item.click()
    const description = page.getByTestId('incident-description')
    await description.waitFor()
    assert.is(await description.textContent(), XSS)
    const marker = page.locator('.inc.selected')
    await marker.waitFor({ timeout: 5000 })
    await page.waitForTimeout(800) // the map flies to the incident
    await marker.click({ force: true })
    const popup = page.locator('.leaflet-popup-content')
    await popup.waitFor({ timeout: 5000 })
    assert.ok((await popup.textContent())!.includes(XSS), 'popup shows the text literally')
    assert.is(await page.locator('img[src="x"]').count(), 0, 'no element was made from the text')
    assert.equal(dialogs, [], 'no dialog fired')
    await shot(page, 'console-xss')
  } finally {
    await browser.close()
    await server.stop()
  }
})

test('console: after a server restart it shows reconnecting, then catches up by itself', async () => {
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const { page } = await signedIn(browser, `${server.url}/`, 'coordinator')
    await page.locator('[data-live="live"]').waitFor({ timeout: 10_000 })
    await server.restart()
    // The page noticed the drop: the indicator says so and the data is marked stale.
    await page.locator('[data-live="reconnecting"]').waitFor({ timeout: 10_000 })
    assert.ok(await page.locator('.console.is-stale').count(), 'data marked stale while disconnected')
    await shot(page, 'console-reconnecting')
    const enterprise = await apiAs(server.url, 'enterprise')
    const incident = await enterprise.post('/incidents', {
      kind: 'outage', cause: 'power', severity: 'high', title: 'Sự cố trong lúc mất kết nối', services: ['mobile'],
      lat: 10.5, lng: 107.17, radiusM: 200,
    })
    await page.locator(`[data-incident="${incident.id}"]`).waitFor({ timeout: 35_000 })
    await page.locator('[data-live="live"]').waitFor({ timeout: 5000 })
    assert.is(await page.locator('.console.is-stale').count(), 0, 'live again, not stale')
  } finally {
    await browser.close()
    await server.stop()
  }
})

test.run()
