// config → database → migrate → seed → app → listen, and a graceful stop on SIGTERM/SIGINT.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { DEMO_PASSWORD, USERS } from '../db/seed/demo'
import { createApp, DIST_DIR } from './app'
import { ConfigError, loadConfig } from './config'
import { buildDeps } from './deps'
import { LiveHub } from './realtime/hub'
import { isEmpty, seedAdminOnly, seedDemo } from './seed'
import { DEADLINE_HANDLERS } from './timers/handlers'
import { Sweeper } from './timers/sweeper'

async function ensureWebBuild(): Promise<void> {
  if (existsSync(join(DIST_DIR, 'index.html'))) return
  console.log('Building the web app (first start)…')
  const { build } = await import('vite')
  await build({ logLevel: 'warn' })
}

async function main(): Promise<void> {
  const config = loadConfig()
  await ensureWebBuild()
  const deps = buildDeps(config)
  if (isEmpty(deps)) {
    if (config.SEED === 'demo') {
      await seedDemo(deps)
      console.log('Seeded the demo province Bà Rịa–Vũng Tàu.')
    } else {
      const password = await seedAdminOnly(deps)
      console.log(`Empty desk created. Sign in as admin with this password (shown once): ${password}`)
    }
  }
  const app = createApp(deps)
  const hub = new LiveHub(deps)
  const sweeper = new Sweeper(deps, DEADLINE_HANDLERS)
  sweeper.start()
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(`CommsDesk listening on http://localhost:${info.port}  (console /, crew /field, report /report)`)
    if (config.SEED === 'demo') {
      console.log(`Demo logins (password ${DEMO_PASSWORD}): ${USERS.map((u) => u.username).join(', ')}`)
    }
  })
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname === '/api/live') hub.handleUpgrade(req, socket, head)
    else socket.destroy()
  })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: stopping…`)
    server.close()
    sweeper.stop()
    hub.close()
    deps.writer
      .drain()
      .then(() => {
        deps.writer.close()
        deps.db.$client.close()
        process.exit(0)
      })
      .catch(() => process.exit(1))
    setTimeout(() => process.exit(1), 5000).unref()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err)
  process.exit(1)
})
