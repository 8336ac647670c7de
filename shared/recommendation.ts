import { z } from 'zod'
import { RESOURCE_KINDS } from './enums'
import { Id } from './common'

/** Why a crew is suggested (or ranked down), as a code the UI words in its language. */
export const REASON_CODES = [
  'eta',
  'carries',
  'near_resource',
  'lacks_resource',
  'skills_fit',
  'skills_missing',
  'same_operator',
  'mutual_aid',
  'on_island',
  'needs_boat',
  'workload',
] as const
export type ReasonCode = (typeof REASON_CODES)[number]

export const Reason = z.object({
  code: z.enum(REASON_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
})
export type Reason = z.infer<typeof Reason>

export const Recommendation = z
  .object({
    crewId: Id,
    rank: z.number().int().positive(),
    etaMinutes: z.number().int().nonnegative(),
    distanceM: z.number().nonnegative(),
    travel: z.enum(['road', 'boat']),
    skillsFit: z.boolean(),
    /** The equipment to take: carried by the crew, or the nearest available of a needed kind. */
    resourceId: Id.nullable(),
    resourceKind: z.enum(RESOURCE_KINDS).nullable(),
    sameOperator: z.boolean(),
    reasons: z.array(Reason),
  })
  .meta({ id: 'Recommendation' })
export type Recommendation = z.infer<typeof Recommendation>

export const Recommendations = z
  .object({ neededKinds: z.array(z.enum(RESOURCE_KINDS)), items: z.array(Recommendation) })
  .meta({ id: 'Recommendations' })
export type Recommendations = z.infer<typeof Recommendations>

export const RecommendationQuery = z.object({ siteId: z.coerce.number().int().positive().optional() })
