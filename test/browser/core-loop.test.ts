// The core loop on three screens at once, each in its own browser context: the enterprise reports,
// the coordinator sees it live and dispatches, the crew works it on the phone, and the console
// follows every step live. No page is reloaded along the way.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { vi } from '../../web/i18n/vi'
import { apiAs, launchBrowser, shot, signedIn } from './browser'
import {
  crewOf,
  incidentsOnMap,
  markLoaded,
  metric,
  pollingStationNear,
  textOf,
  until,
  waitForIncidentsOnMap,
  wasReloaded,
} from './desk'
import { startServer } from './server'

const PHONE = { width: 360, height: 740 }
/** How long a live change may take to reach another screen. */
const LIVE_MS = 3000

test('core loop: a report reaches the console live, the crew works it to backup, the console follows', async () => {
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const { crewId, crew, vsat } = await crewOf(server.url, 'crew')
    const { organizationId } = await (await apiAs(server.url, 'enterprise')).get('/me')
    const site = await pollingStationNear(server.url, organizationId, 'mobile', crew)
    const title = `Mất sóng di động tại ${site.name}`

    const [desk, report, field] = await Promise.all([
      signedIn(browser, `${server.url}/`, 'coordinator'),
      signedIn(browser, `${server.url}/report`, 'enterprise', { width: 1280, height: 1000 }),
      signedIn(browser, `${server.url}/field`, 'crew', PHONE),
    ])
    // The phone shares its position with each step, as a crew that allowed it does.
    await field.context.grantPermissions(['geolocation'], { origin: server.url })
    await field.context.setGeolocation({ latitude: site.lat + 0.002, longitude: site.lng })
    for (const s of [desk, report, field]) {
      s.context.setDefaultTimeout(5000)
      await s.page.locator('[data-live="live"]').waitFor({ timeout: 10_000 })
      await markLoaded(s.page)
    }
    const con = desk.page
    // The map draws the open incidents in view (Côn Đảo's is off screen) in one frame.
    const onMap = await until('incidents on the map', () => incidentsOnMap(con), (n) => n > 0, 5000)
    const backupBefore = await metric(con, 'sites-backup')
    const awaitingBefore = await metric(con, 'awaiting-ack')

    // 1. The enterprise fills the form: a polling station it serves fills the coordinates.
    const form = report.page.locator('form.incident-form')
    await form.locator('select[name=severity]').selectOption('critical')
    await form.getByTestId('services-mobile').check()
    await form.locator('input[name=title]').fill(title)
    await form.locator('select[name=site]').selectOption(String(site.id))
    assert.is(await form.locator('input[name=lat]').inputValue(), String(site.lat), 'site fills lat')
    assert.is(await form.locator('input[name=lng]').inputValue(), String(site.lng), 'site fills lng')
    await form.locator('button[type=submit]').click()
    const sentAt = Date.now()

    // 2. The console shows it in the queue and on the map within 2 s, without a reload.
    const item = con.locator('.qitem', { hasText: title })
    await item.waitFor({ timeout: 2000 })
    await waitForIncidentsOnMap(con, onMap + 1, Math.max(100, 2000 - (Date.now() - sentAt)))
    const id = Number(await item.getAttribute('data-incident'))
    assert.ok(id > 0, 'queue item carries the incident id')
    assert.ok((await textOf(con.locator('.flash')))?.includes(title), 'a new critical incident flashes')
    const notice = await form.locator('.notice').textContent()
    assert.is(notice, vi.report.submitted.replace('{id}', String(id)), 'the form says it was sent')
    await report.page.getByTestId(`incident-${id}`).waitFor({ timeout: LIVE_MS })
    // The sent form is cleared, its site pick included: it does not claim a place it lacks.
    assert.is(await form.locator('input[name=lat]').inputValue(), '')
    assert.is(await form.locator('select[name=site]').inputValue(), '', 'site pick cleared with the form')

    // 3. The coordinator opens it: the panel, and its marker on the map.
    await item.click()
    const panel = con.getByTestId('incident-panel')
    assert.is(await panel.locator('.panel-title').textContent(), title)
    await con.locator('.inc.selected.sev-critical').waitFor({ timeout: LIVE_MS })

    // 4. Dispatches the crew with its VSAT to the polling station, through the dialog.
    await panel.getByTestId('open-dispatch').click()
    const dialog = con.getByTestId('dispatch-dialog')
    await dialog.locator(`li[data-crew="${crewId}"]`).click()
    const picked = dialog.locator('li[aria-selected="true"]')
    assert.is(await picked.getAttribute('data-crew'), String(crewId), 'the crew is chosen')
    await dialog.locator('select').selectOption(String(site.id))
    const vsatBox = dialog.getByTestId(`resource-${vsat.id}`)
    assert.ok(await vsatBox.isChecked(), "the crew's own VSAT comes along by default")
    await dialog.getByTestId('send-dispatch').click()
    await dialog.waitFor({ state: 'detached', timeout: LIVE_MS })
    const awaiting = () => metric(con, 'awaiting-ack')
    await until('awaiting acknowledgement', awaiting, (n) => n === awaitingBefore + 1)
    await panel.locator('.dispatch-list li', { hasText: crew.name }).waitFor({ timeout: LIVE_MS })

    // 5. The crew's phone shows it live: task, target, the incident, the equipment.
    const fp = field.page
    const card = fp.locator('article.card', { hasText: title })
    await card.waitFor({ timeout: LIVE_MS })
    const cardText = (await card.textContent())!
    assert.ok(cardText.includes(site.name), 'the card names the polling station')
    assert.ok(cardText.includes(vsat.name), 'the card lists the VSAT carried')

    // The board stands where the panel was: close the panel to follow the crew live.
    await panel.getByRole('button', { name: vi.app.close }).click()
    const boardRow = con.getByTestId('crew-board').locator(`tr[data-crew="${crewId}"]`)
    const boardSays = (status: keyof typeof vi.crewStatus) =>
      until('crew status on the board', () => textOf(boardRow.getByTestId('crew-status')), (s) => s === vi.crewStatus[status])
    await boardSays('dispatched')

    // 6. The crew taps through; each step is the one big button, and the console follows.
    const step = async (name: string) => {
      const button = card.locator(`button.step-${name}`)
      await button.waitFor({ timeout: LIVE_MS })
      await button.click()
    }
    await step('acknowledged')
    const cardStatus = () => textOf(card.locator('.card-status .chip').first())
    await until('status on the card', cardStatus, (s) => s === vi.dispatchStatus.acknowledged)
    await until('awaiting acknowledgement', awaiting, (n) => n === awaitingBefore)
    await step('en_route')
    await boardSays('en_route')
    await step('on_site')
    await boardSays('on_site')
    await step('link')
    await card.locator('.link-up').waitFor({ timeout: LIVE_MS })
    await until('sites on backup', () => metric(con, 'sites-backup'), (n) => n === backupBefore + 1)
    await step('completed')
    await boardSays('available')
    await fp.locator('.earlier li', { hasText: vi.dispatchStatus.completed }).waitFor({ timeout: LIVE_MS })
    assert.is(await fp.locator('article.card').count(), 0, 'no active dispatch left on the phone')
    assert.is(await textOf(fp.locator('.fwho .chip')), vi.crewStatus.available)

    // 7. The incident's panel lists the polling station on backup.
    await item.click()
    const siteRow = panel.locator('.site-list li', { hasText: site.name })
    await until('site in the panel', () => textOf(siteRow), (s) => !!s?.includes(vi.siteStatus.on_backup))
    // The timeline words the incident's move that the dispatch made, in the reader's language.
    const moved = `${vi.incidentStatus.reported} → ${vi.incidentStatus.responding}`
    const sentLine = panel.locator('.timeline li', { hasText: vi.event['dispatch.sent'] })
    await sentLine.filter({ hasText: moved }).waitFor({ timeout: LIVE_MS })
    await con.waitForTimeout(600) // the map's flight to the incident

    for (const s of [desk, report, field]) assert.not.ok(await wasReloaded(s.page), 'not reloaded')
    assert.equal([...desk.dialogs, ...report.dialogs, ...field.dialogs], [])
    await shot(con, 'loop-console')
    await shot(fp, 'loop-field')
    await shot(report.page, 'loop-report')
  } finally {
    await browser.close()
    await server.stop()
  }
})

test.run()
