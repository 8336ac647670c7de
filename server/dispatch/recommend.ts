// Who to send: the five best available crews for an incident (and a target site), each with an
// arrival estimate, whether its skills and equipment fit the job, and the reasons in codes the
// console words in Vietnamese or English.
import { and, eq, gte } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { crews, dispatches, resources, sites } from '../../db/schema'
import type { CrewSkill, ResourceKind } from '../../shared/enums'
import { distanceM, type LatLng } from '../../shared/geo'
import type { Reason, Recommendation, Recommendations } from '../../shared/recommendation'
import { authorize } from '../auth/authorize'
import type { Actor, Deps } from '../context'
import { invalid, notFound } from '../errors'
import { areaFor, listAreas } from '../directory/areas'
import { incidentRow, type IncidentRow } from '../incidents/present'

const DETOUR = 1.4
const KMH = { urban: 25, rural: 40, island: 25 } as const
const BOAT_KMH = 25
const BOAT_OVERHEAD_MIN = 60
/** Equipment further than this from a crew is not worth a pickup. */
const PICKUP_RADIUS_M = 15_000
const SUGGESTIONS = 5

const SKILL_FOR: Partial<Record<ResourceKind, CrewSkill>> = {
  vsat: 'vsat',
  microwave_kit: 'microwave',
  mobile_bts: 'mobile_bts',
  generator: 'power',
  fibre_van: 'fibre',
  postal_vehicle: 'postal',
}

/** The kinds of equipment that bring a site back for this kind of incident, best first. */
export function neededKinds(i: Pick<IncidentRow, 'kind' | 'cause'>, island: boolean): ResourceKind[] {
  if (i.kind === 'congestion' || i.kind === 'crowd_event') return ['mobile_bts']
  if (i.kind === 'postal_disruption') return ['postal_vehicle']
  if (i.kind === 'network_misuse' || i.kind === 'security_threat') return []
  if (i.cause === 'power') return ['generator']
  if (i.cause === 'transmission' || island) return ['vsat', 'microwave_kit']
  if (i.cause === 'damage') return ['mobile_bts', 'vsat']
  return ['vsat', 'mobile_bts', 'generator']
}

function neededSkills(i: Pick<IncidentRow, 'cause'>, kinds: ResourceKind[]): CrewSkill[] {
  const skills = kinds.map((k) => SKILL_FOR[k]).filter((s): s is CrewSkill => !!s)
  if (i.cause === 'transmission') skills.push('fibre')
  return [...new Set(skills)]
}

const roadMinutes = (m: number, kmh: number) => Math.round(((m / 1000) * DETOUR * 60) / kmh)

export function recommendCrews(deps: Deps, actor: Actor, incidentId: number, siteId?: number): Recommendations {
  authorize(actor, 'recommendation.read')
  const incident = incidentRow(deps.db, incidentId)
  if (!incident) throw notFound('Incident')
  const site = siteId === undefined ? undefined : deps.db.select().from(sites).where(eq(sites.id, siteId)).get()
  if (siteId !== undefined && !site) throw invalid(['siteId'], 'No such site')
  const target: LatLng = site ?? incident
  return rank(deps.db, deps.clock.now(), incident, target)
}

function rank(db: Db, now: number, incident: IncidentRow, target: LatLng): Recommendations {
  const areas = new Map(listAreas(db).map((a) => [a.id, a]))
  const targetArea = areas.get(areaFor(db, target) ?? -1)
  const island = targetArea?.areaType === 'island'
  const speed = KMH[targetArea?.areaType ?? 'rural']
  const kinds = neededKinds(incident, island)
  const skills = neededSkills(incident, kinds)
  const free = db.select().from(resources).where(eq(resources.status, 'available')).all()
  const since = now - 12 * 3_600_000
  const recent = new Map<number, number>()
  for (const d of db.select({ crewId: dispatches.crewId }).from(dispatches).where(gte(dispatches.createdAt, since)).all()) {
    recent.set(d.crewId, (recent.get(d.crewId) ?? 0) + 1)
  }

  const scored = db
    .select()
    .from(crews)
    .where(and(eq(crews.status, 'available')))
    .all()
    .filter((c) => c.lat !== null && c.lng !== null)
    .map((c) => {
      const at = { lat: c.lat!, lng: c.lng! }
      const reasons: Reason[] = []
      const dist = distanceM(at, target)
      const crewArea = areaFor(db, at)
      const boat = island && crewArea !== targetArea?.id
      let eta = boat
        ? BOAT_OVERHEAD_MIN + Math.round(((dist / 1000) * 60) / BOAT_KMH)
        : roadMinutes(dist, speed)
      if (island) reasons.push(boat ? { code: 'needs_boat', params: {} } : { code: 'on_island', params: {} })

      const byRank = (k: ResourceKind) => kinds.indexOf(k)
      const carried = free.filter((r) => r.crewId === c.id && kinds.includes(r.kind)).sort((a, b) => byRank(a.kind) - byRank(b.kind))[0]
      const nearby = carried
        ? undefined
        : free
            .filter((r) => kinds.includes(r.kind) && r.lat !== null && r.lng !== null && r.crewId === null)
            .map((r) => ({ r, m: distanceM(at, { lat: r.lat!, lng: r.lng! }) }))
            .filter((x) => x.m <= PICKUP_RADIUS_M)
            .sort((a, b) => byRank(a.r.kind) - byRank(b.r.kind) || a.m - b.m)[0]
      const resource = carried ?? nearby?.r ?? null
      if (carried) reasons.push({ code: 'carries', params: { kind: carried.kind } })
      else if (nearby) {
        eta += roadMinutes(nearby.m, speed)
        reasons.push({ code: 'near_resource', params: { kind: nearby.r.kind, km: Math.round(nearby.m / 100) / 10 } })
      } else if (kinds.length > 0) reasons.push({ code: 'lacks_resource', params: { kinds: kinds.join(',') } })

      const skillsFit = skills.length === 0 || skills.some((s) => c.skills.includes(s))
      reasons.push(skillsFit ? { code: 'skills_fit', params: {} } : { code: 'skills_missing', params: { skills: skills.join(',') } })
      const sameOperator = incident.organizationId === null || c.organizationId === incident.organizationId
      reasons.push({ code: sameOperator ? 'same_operator' : 'mutual_aid', params: {} })
      const workload = recent.get(c.id) ?? 0
      if (workload > 0) reasons.push({ code: 'workload', params: { n: workload } })
      reasons.unshift({ code: 'eta', params: { minutes: eta } })

      // Minutes plus penalties: the job done sooner wins, but not without the gear or the skills.
      const score = eta + (resource || kinds.length === 0 ? 0 : 90) + (skillsFit ? 0 : 45) + (sameOperator ? 0 : 20) + workload * 10
      const rec: Omit<Recommendation, 'rank'> = {
        crewId: c.id,
        etaMinutes: eta,
        distanceM: Math.round(dist),
        travel: boat ? 'boat' : 'road',
        skillsFit,
        resourceId: resource?.id ?? null,
        resourceKind: resource?.kind ?? null,
        sameOperator,
        reasons,
      }
      return { rec, score }
    })
    .sort((a, b) => a.score - b.score || a.rec.distanceM - b.rec.distanceM)

  return { neededKinds: kinds, items: scored.slice(0, SUGGESTIONS).map((s, i) => ({ ...s.rec, rank: i + 1 })) }
}
