import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { apiAs, launchBrowser, shot, signedIn } from './browser'
import { startServer } from './server'

test('an enterprise adds a cell site to its network, names its link in a report with its impact, and the console lists it', async () => {
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const enterprise = await apiAs(server.url, 'enterprise')
    const link = (await enterprise.get('/elements?kind=transmission_link')).items[0]

    const { page, dialogs } = await signedIn(browser, `${server.url}/report`, 'enterprise')
    const section = page.getByTestId('network-section')
    await section.locator('summary').click()
    const rows = section.locator('[data-testid="element-table"] tbody tr')
    await rows.nth(100).waitFor({ timeout: 10_000 })

    // Checked in the browser with the route's schema: the error stands beside the field.
    await section.locator('form button[type="submit"]').click()
    await section.locator('#err-code').waitFor({ timeout: 2000 })

    await section.locator('select[name="kind"]').selectOption('cell_site')
    await section.locator('input[name="code"]').fill('BTS-LS-99')
    await section.locator('input[name="name"]').fill('Trạm BTS Long Sơn thử nghiệm')
    await section.locator('input[name="lat"]').fill('10.4402')
    await section.locator('input[name="lng"]').fill('107.1120')
    await section.locator('select[name="upstreamId"]').selectOption(String(link.id))
    await section.locator('input[name="coverageRadiusM"]').fill('1500')
    await section.locator('select[name="powerSource"]').selectOption('generator')
    await section.locator('form button[type="submit"]').click()
    const added = rows.filter({ hasText: 'Trạm BTS Long Sơn thử nghiệm' })
    await added.waitFor({ timeout: 5000 })
    assert.ok((await added.textContent())!.includes(link.name), 'the row names its upstream link')
    await section.scrollIntoViewIfNeeded()
    await shot(page, 'report-network')

    // A report that names the link as down: the preview lists the sites hanging from it.
    const form = page.locator('form.incident-form')
    await form.locator('select[name="severity"]').selectOption('high')
    await form.locator('input[name="title"]').fill('Đứt tuyến cáp quang do thi công')
    await form.locator('input[name="lat"]').fill(String(link.lat))
    await form.locator('input[name="lng"]').fill(String(link.lng))
    await form.locator('input[name="radiusM"]').fill('10')
    await form.locator('select[name="pickElement"]').selectOption(String(link.id))
    await form.locator('select[name="pickEffect"]').selectOption('down')
    await form.getByTestId('add-affected').click()
    assert.ok((await form.getByTestId('named-elements').textContent())!.includes(link.name))
    await form.locator('[data-testid="impact-down"] li').first().waitFor({ timeout: 5000 })
    await form.locator('button[type="submit"]').click()
    const notice = form.locator('.notice')
    await notice.waitFor({ timeout: 5000 })
    const id = Number((await notice.textContent())!.match(/#(\d+)/)![1])
    const saved = (await enterprise.get(`/incidents/${id}`)).incident
    assert.equal(saved.elements, [{ elementId: link.id, effect: 'down' }])
    assert.equal(dialogs, [])

    const desk = await signedIn(browser, `${server.url}/`, 'coordinator')
    await desk.page.locator(`[data-incident="${id}"]`).click({ timeout: 10_000 })
    const named = desk.page.getByTestId('incident-elements')
    await named.locator('li', { hasText: link.name }).waitFor({ timeout: 5000 })
    const text = (await named.textContent())!
    assert.ok(text.includes('Tuyến truyền dẫn') && text.includes('Ngừng hoạt động'), text)
  } finally {
    await browser.close()
    await server.stop()
  }
})

test.run()
