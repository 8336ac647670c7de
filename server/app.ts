import { existsSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRoute } from '@hono/zod-openapi'
import { serveStatic } from '@hono/node-server/serve-static'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import { secureHeaders } from 'hono/secure-headers'
import { ClientConfig } from '../shared/config'
import { authRoutes } from './auth/routes'
import type { Deps } from './context'
import { crewRoutes, resourceRoutes } from './crews/routes'
import { directoryRoutes } from './directory/routes'
import { dispatchRoutes } from './dispatch/routes'
import { errorBody, onError } from './http/errors'
import { recordDenial } from './auth/denials'
import { DomainError } from './errors'
import { sameOriginWrites, sessionActor } from './http/guard'
import { newRouter, ok } from './http/openapi'
import { incidentRoutes } from './incidents/routes'
import { intakeRoutes } from './intake/routes'
import { BULK_PATHS } from './intake/paths'
import { tokenRoutes } from './tokens/routes'
import { MAX_CSV_BYTES } from '../shared/intake'
import { coverageRoutes } from './coverage/routes'
import { networkRoutes } from './network/routes'
import { linkRoutes } from './links/routes'
import { snapshotRoutes } from './snapshot/routes'
import { rollcallRoutes } from './rollcall/routes'
import { assistanceRoutes } from './assistance/routes'

export const DIST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const MAX_BODY = 64 * 1024


export function createApp(deps: Deps) {
  const app = newRouter()
  app.onError((err, c) => {
    if (err instanceof DomainError && err.status === 403) recordDenial(deps, c.get('actor'), err.code, c.req.method, new URL(c.req.url).pathname)
    return onError(err, c)
  })

  const tileOrigin = originOf(deps.config.TILE_URL)
  // Phones on failing networks and a 3 MB console snapshot: gzip what is worth it (≥ 1 KiB).
  app.use('*', compress({ encoding: 'gzip' }))
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(tileOrigin ? [tileOrigin] : [])],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    }),
  )
  const smallBody = bodyLimit({ maxSize: MAX_BODY, onError: (c) => c.json(errorBody('payload_too_large', 'The body is larger than 64 KiB'), 413) })
  // A batch of 500 reports or a CSV of 10,000 rows needs more room; only those routes get it.
  const bulkBody = bodyLimit({ maxSize: MAX_CSV_BYTES, onError: (c) => c.json(errorBody('payload_too_large', 'The body is larger than 5 MiB'), 413) })
  app.use('/api/*', (c, next) => (BULK_PATHS.has(c.req.path) ? bulkBody(c, next) : smallBody(c, next)))
  app.use('/api/*', sessionActor(deps))
  app.use('/api/*', sameOriginWrites())

  const api = newRouter()
  api.openapi(createRoute({ method: 'get', path: '/config', tags: ['Live'], responses: ok(ClientConfig) }), (c) =>
    c.json(
      {
        tileUrl: deps.config.TILE_URL,
        tileAttribution: deps.config.TILE_ATTRIBUTION,
        dutyPhone: deps.config.DUTY_PHONE,
        checkinMinutes: deps.config.CHECKIN_MINUTES,
        dedupMetres: deps.config.DEDUP_METRES,
        dedupMinutes: deps.config.DEDUP_MINUTES,
        correlateMetres: deps.config.CORRELATE_METRES,
        correlateMinutes: deps.config.CORRELATE_MINUTES,
        finalReportHours: deps.config.FINAL_REPORT_HOURS,
      },
      200,
    ),
  )
  // intakeRoutes before incidentRoutes: /incidents/export.csv is not an /incidents/{id}.
  for (const routes of [authRoutes, snapshotRoutes, intakeRoutes, tokenRoutes, incidentRoutes, dispatchRoutes, linkRoutes, crewRoutes, resourceRoutes, directoryRoutes, networkRoutes, coverageRoutes, rollcallRoutes, assistanceRoutes]) {
    api.route('/', routes(deps))
  }
  app.route('/api', api)
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'CommsDesk API',
      version: '0.1.0',
      description:
        'Duty desk for telecom and postal communications during an election. Sign in with POST /api/auth/login; ' +
        'writes need the session cookie and an Origin of this site. Live events: websocket /api/live.',
    },
  })
  app.all('/api/*', (c) => c.json(errorBody('not_found', 'No such endpoint'), 404))

  // Static pages once built (npm start builds them first); API tests run without them.
  if (existsSync(DIST_DIR)) serveWeb(app)
  app.get('*', (c) => c.text('Not found', 404))
  return app
}

function serveWeb(app: ReturnType<typeof newRouter>) {
  const root = relative(process.cwd(), DIST_DIR) || '.'
  app.get('/field', serveStatic({ root, path: 'field.html' }))
  app.get('/report', serveStatic({ root, path: 'report.html' }))
  app.get('/*', serveStatic({ root }))
}

function originOf(url: string): string | null {
  try {
    return url ? new URL(url.replace(/\{[a-z]\}/g, 'a')).origin : null
  } catch {
    return null
  }
}
