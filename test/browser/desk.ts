// Small helpers the browser suites share: what the demo desk holds for a user, numbers read off the
// console, and a mark that proves a page was updated live rather than reloaded.
import type { Locator, Page } from 'playwright-core'
import { distanceM } from '../../shared/geo'
import type { Resource } from '../../shared/resource'
import type { Site } from '../../shared/site'
import { apiAs } from './browser'

/** The crew a demo crew user belongs to, and the VSAT terminal it carries. */
export async function crewOf(base: string, username: string) {
  const api = await apiAs(base, username)
  const me = await api.get('/me')
  const snapshot = await api.get('/snapshot')
  const crew = snapshot.crews.find((c: { id: number }) => c.id === me.crewId)
  const vsat = snapshot.resources.find((r: Resource) => r.crewId === me.crewId && r.kind === 'vsat')
  if (!crew || !vsat) throw new Error(`${username}: no crew with a VSAT in the demo desk`)
  return { crewId: me.crewId as number, crew, vsat: vsat as Resource }
}

/** The polling station nearest to a point that an organisation serves with a service. */
export async function pollingStationNear(
  base: string,
  organizationId: number,
  service: string,
  at: { lat: number; lng: number },
): Promise<Site> {
  const api = await apiAs(base, 'coordinator')
  const sites = (await api.get('/snapshot')).sites as Site[]
  const served = sites.filter(
    (s) =>
      s.kind === 'polling_station' &&
      s.status === 'ok' &&
      s.services.some((x) => x.organizationId === organizationId && x.service === service),
  )
  served.sort((a, b) => distanceM(a, at) - distanceM(b, at))
  if (!served[0]) throw new Error(`no polling station served by org ${organizationId}`)
  return served[0]
}

/** The number in a summary metric of the console (`<b>N</b> label`). */
export async function metric(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).locator('b').textContent())
}

/** Incidents the map represents in view: single markers plus what the clusters count. */
export function incidentsOnMap(page: Page): Promise<number> {
  return page
    .locator('.leaflet-marker-pane')
    .locator('.inc, .cluster-incidents')
    .evaluateAll((els) =>
      els.reduce((n, el) => n + (el.classList.contains('inc') ? 1 : Number(el.textContent)), 0),
    )
}

/** Waits until the map represents exactly n incidents (polled here: the CSP refuses eval). */
export async function waitForIncidentsOnMap(page: Page, n: number, timeout = 3000): Promise<void> {
  await until('incidents on the map', () => incidentsOnMap(page), (x) => x === n, timeout)
}

/** The text of an element, or null while it is not there. */
export const textOf = (l: Locator) => l.textContent({ timeout: 250 }).catch(() => null)

/** Polls `read` until `ok` holds, then returns the value; fails naming the last value seen. */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  timeout = 3000,
): Promise<T> {
  const end = Date.now() + timeout
  for (;;) {
    const v = await read()
    if (ok(v)) return v
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(v)} after ${timeout} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Marks the page's window: the mark survives live updates and is gone after a reload. */
export async function markLoaded(page: Page): Promise<void> {
  await page.evaluate('window.__loaded = true')
}

export async function wasReloaded(page: Page): Promise<boolean> {
  return page.evaluate('!window.__loaded')
}
