import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { CHROMIUM_ARGS, chromiumPath } from './chromium'

export const ARTIFACTS = 'test-artifacts'

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
}

/** A fresh context signed in as a demo user on one of the three pages. */
export async function signedIn(
  browser: Browser,
  url: string,
  username: string,
  viewport = { width: 1600, height: 900 },
): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  const page = await context.newPage()
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await page.goto(url)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', 'commsdesk-demo')
  await page.click('button[type=submit]')
  return { context, page, dialogs }
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` })
}

/** Calls the API as a user from Node, the way an enterprise system or a second coordinator would. */
export async function apiAs(base: string, username: string) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password: 'commsdesk-demo' }),
  })
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`)
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: { cookie, origin: base, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = await res.json()
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
    return json
  }
  return { get: (p: string) => call('GET', p), post: (p: string, b?: unknown) => call('POST', p, b) }
}
