import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { Snapshot } from '../../shared/snapshot'
import { authorize } from '../auth/authorize'
import type { Deps } from '../context'
import { verifyChain } from '../events/log'
import { requireActor } from '../http/guard'
import { newRouter, ok } from '../http/openapi'
import { getSnapshot } from './service'

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
    authorize(requireActor(c), 'audit.verify')
    return c.json(verifyChain(deps.db), 200)
  })
  return r
}
