// Finds Debian's Chromium for the browser tests. On a fresh Debian machine run as root (CI), it
// installs the package; anywhere else it fails with one line saying what to install. Never
// downloads a browser of its own.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync']

let found: string | null = null

export function chromiumPath(): string {
  if (found) return found
  const configured = process.env.CHROMIUM_PATH
  if (configured && existsSync(configured)) return (found = configured)
  const present = CANDIDATES.find((p) => existsSync(p))
  if (present) return (found = present)
  const root = process.getuid?.() === 0
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Debian chromium for the browser tests…')
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    if (existsSync('/usr/bin/chromium')) return (found = '/usr/bin/chromium')
  }
  throw new Error('No Chromium found: install Debian\'s "chromium" package (apt-get install chromium) or set CHROMIUM_PATH')
}
