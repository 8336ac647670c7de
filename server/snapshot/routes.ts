import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { Snapshot } from '../../shared/snapshot'
import { listDenials } from '../auth/denials'
import type { Deps } from '../context'
import { verifyLog } from '../events/audit'
import { requireActor } from '../http/guard'
import { newRouter, ok } from '../http/openapi'
import { getSnapshot } from './service'

const Denial = z.object({
  id: z.number().int(),
  at: z.number().int(),
  userId: z.number().int().nullable(),
  role: z.string().nullable(),
  code: z.string(),
  method: z.string(),
  path: z.string(),
})

const Verify = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }),
  brokenAt: z.number().int().nullable(),
})

export function snapshotRoutes(deps: Deps) {
  const r = newRouter()
  r.openapi(createRoute({ method: 'get', path: '/snapshot', tags: ['Live'], responses: ok(Snapshot) }), (c) =>
    c.json(getSnapshot(deps, requireActor(c)), 200),
  )
  r.openapi(createRoute({ method: 'get', path: '/audit/verify', tags: ['Audit'], responses: ok(Verify) }), (c) => {
    return c.json(verifyLog(deps, requireActor(c)), 200)
  })
  r.openapi(createRoute({ method: 'get', path: '/audit/denials', tags: ['Audit'], responses: ok(z.array(Denial)) }), (c) =>
    c.json(listDenials(deps, requireActor(c)), 200),
  )
  return r
}
