import type { Position } from '../../shared/common'

/**
 * The columns a reported position writes: its time is the phone's, but never later than now (a
 * phone with a wrong clock must not silence the check-in alarm), and a fix older than the one
 * stored (an offline replay) moves nothing.
 */
export function positionColumns(p: Position | undefined, now: number, storedAt: number | null) {
  if (!p) return {}
  const at = Math.min(p.at ?? now, now)
  if (storedAt !== null && at < storedAt) return {}
  return { lat: p.lat, lng: p.lng, positionAccuracy: p.accuracy ?? null, positionAt: at }
}
