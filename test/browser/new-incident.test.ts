import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { launchBrowser, shot, signedIn } from './browser'
import { startServer } from './server'

test('a coordinator takes a report by phone on the console, sees the sites it would hit, and it opens in the panel', async () => {
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const { page, dialogs } = await signedIn(browser, `${server.url}/`, 'coordinator')
    await page.locator('[data-live="live"]').waitFor({ timeout: 10_000 })
    await page.keyboard.press('n')
    const dialog = page.getByTestId('new-incident-dialog')
    await dialog.waitFor()
    await dialog.locator('select[name="severity"]').selectOption('high')
    await dialog.getByTestId('services-mobile').check()
    await dialog.locator('input[name="title"]').fill('Người dân báo mất sóng di động khu Bến Đình')
    await dialog.locator('input[name="lat"]').fill('10.3725')
    await dialog.locator('input[name="lng"]').fill('107.0935')
    await dialog.locator('input[name="radiusM"]').fill('1500')
    // The preview lists the sites the report would put down, before anything is saved.
    await dialog.locator('.impact-preview li').first().waitFor({ timeout: 5000 })
    await shot(page, 'console-new-incident')
    await dialog.locator('button[type="submit"]').click()
    await dialog.waitFor({ state: 'detached', timeout: 5000 })
    const panel = page.getByTestId('incident-panel')
    await panel.waitFor({ timeout: 5000 })
    assert.ok((await panel.textContent())!.includes('Bến Đình'), 'the new incident opens in the panel')
    assert.equal(dialogs, [])
  } finally {
    await browser.close()
    await server.stop()
  }
})

test.run()
