// Rules a report must meet beyond its shape, shared by the server and the browser form: the place
// is within the province (with a margin, the outlines are rough), and the times make sense.
import type { BBox } from './geo'

/** How far beyond the areas' outlines a report may lie: the coast and the outlines are rough. */
export const PROVINCE_MARGIN_M = 20_000
/** Clocks of operators' systems drift: a time this far ahead of ours is still "now". */
export const CLOCK_SKEW_MS = 5 * 60_000
/** An estimate of restoration further ahead than this is a typing error, not a plan. */
export const MAX_RESTORE_AHEAD_MS = 30 * 86_400_000

const M_PER_DEG = 111_320

export interface AreaOutline {
  lat: number
  lng: number
  boundary: readonly (readonly (readonly [number, number])[])[] | null
}

/** The box around every area's outline (or centre) widened by the margin; null with no areas. */
export function provinceBounds(areas: readonly AreaOutline[], marginM = PROVINCE_MARGIN_M): BBox | null {
  const lats: number[] = []
  const lngs: number[] = []
  for (const a of areas) {
    lats.push(a.lat)
    lngs.push(a.lng)
    for (const ring of a.boundary ?? []) {
      for (const [lng, lat] of ring) {
        lats.push(lat)
        lngs.push(lng)
      }
    }
  }
  if (lats.length === 0) return null
  const [minLat, maxLat] = [Math.min(...lats), Math.max(...lats)]
  const dLat = marginM / M_PER_DEG
  const widest = Math.max(Math.abs(minLat), Math.abs(maxLat))
  const dLng = dLat / Math.max(0.01, Math.cos((widest * Math.PI) / 180))
  return { minLat: minLat - dLat, maxLat: maxLat + dLat, minLng: Math.min(...lngs) - dLng, maxLng: Math.max(...lngs) + dLng }
}

export type RuleCode = 'outside_province' | 'too_far_future' | 'before_onset'

export interface RuleIssue {
  path: string[]
  code: RuleCode
  message: string
  params: Record<string, number>
}

export interface RuleContext {
  bounds: BBox | null
  now: number
  /** When the incident began: the report time for a new report. */
  onset: number
}

/** What breaks the rules, each naming its field; empty when the report may go in. */
export function reportRuleIssues(
  input: { lat?: number; lng?: number; estimatedRestoreAt?: number | null },
  ctx: RuleContext,
): RuleIssue[] {
  const issues: RuleIssue[] = []
  const km = Math.round(PROVINCE_MARGIN_M / 1000)
  const b = ctx.bounds
  const outside = (path: 'lat' | 'lng') =>
    issues.push({
      path: [path],
      code: 'outside_province',
      message: `Outside the province: more than ${km} km beyond its areas`,
      params: { km },
    })
  if (b && input.lat !== undefined && (input.lat < b.minLat || input.lat > b.maxLat)) outside('lat')
  if (b && input.lng !== undefined && (input.lng < b.minLng || input.lng > b.maxLng)) outside('lng')
  const restore = input.estimatedRestoreAt
  if (restore != null) {
    const days = MAX_RESTORE_AHEAD_MS / 86_400_000
    if (restore > ctx.now + MAX_RESTORE_AHEAD_MS) {
      issues.push({
        path: ['estimatedRestoreAt'],
        code: 'too_far_future',
        message: `Too far in the future: at most ${days} days ahead`,
        params: { days },
      })
    } else if (restore < ctx.onset - CLOCK_SKEW_MS) {
      issues.push({
        path: ['estimatedRestoreAt'],
        code: 'before_onset',
        message: 'Restoration is before the onset of the incident',
        params: {},
      })
    }
  }
  return issues
}
