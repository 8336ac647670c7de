import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { apiAs, launchBrowser, shot, signedIn } from './browser'
import { startServer } from './server'

test('an unacknowledged dispatch turns red on the console by itself, and the console offers another crew', async () => {
  // A critical dispatch must be acknowledged within 3 seconds here; deadlines are swept every 200 ms.
  const server = await startServer({ ACK_MINUTES: '0.05,10,20,60', SWEEP_MS: '200' })
  const browser = await launchBrowser()
  try {
    const coordinator = await apiAs(server.url, 'coordinator')
    const enterprise = await apiAs(server.url, 'enterprise')
    const incident = await enterprise.post('/incidents', {
      kind: 'outage', cause: 'power', severity: 'critical', title: 'Mất điện trạm BTS Thắng Tam', services: ['mobile'], lat: 10.345, lng: 107.09, radiusM: 200,
    })
    const { page } = await signedIn(browser, `${server.url}/`, 'coordinator')
    await page.locator(`[data-incident="${incident.id}"]`).click()
    await page.getByTestId('incident-panel').waitFor()
    const crews = await coordinator.get('/crews')
    const crewId = crews.find((c: any) => c.status === 'available').id
    const dispatch = await coordinator.post('/dispatches', { incidentId: incident.id, crewId, task: 'Mang máy phát điện' })
    const row = page.locator(`[data-dispatch="${dispatch.id}"]`)
    await row.waitFor({ timeout: 5000 })
    assert.not.ok(await row.getAttribute('class'), 'not red while within its deadline')
    await page.getByTestId('escalated').waitFor({ timeout: 10_000 })
    assert.is(await row.getAttribute('class'), 'overdue')
    await page.getByTestId('alarm').waitFor({ timeout: 5000 })
    assert.ok(await page.locator(`[data-incident="${incident.id}"].alarm`).count(), 'the queue flags it too')
    await shot(page, 'console-escalated')
    await page.getByTestId('send-another').click()
    await page.getByTestId('recommendations').waitFor()
    await page.locator('[data-rec]').first().waitFor({ timeout: 5000 })
    assert.not.ok(await page.locator(`[data-rec="${crewId}"]`).count(), 'the silent crew is busy, so not suggested')
    await shot(page, 'console-recommendations')
    await page.getByTestId('send-suggestion').click()
    await page.getByTestId('dispatch-dialog').waitFor({ state: 'detached', timeout: 5000 })
    const dispatches = await coordinator.get(`/dispatches?incidentId=${incident.id}`)
    assert.is(dispatches.length, 2, 'a second crew went out')
  } finally {
    await browser.close()
    await server.stop()
  }
})

test.run()
