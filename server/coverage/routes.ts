import { createRoute } from '@hono/zod-openapi'
import { CoverageReport } from '../../shared/coverage'
import type { Deps } from '../context'
import { requireActor } from '../http/guard'
import { newRouter, ok } from '../http/openapi'
import { getCoverage } from './service'

export function coverageRoutes(deps: Deps) {
  const r = newRouter()
  r.openapi(createRoute({ method: 'get', path: '/coverage', tags: ['Coverage'], responses: ok(CoverageReport) }), (c) =>
    c.json(getCoverage(deps, requireActor(c)), 200),
  )
  return r
}
