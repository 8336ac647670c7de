// One position fix per tap, never continuous GPS: the battery matters more than a track.
import type { Position } from '../../shared/common'

/** How long a step waits for a fix before it goes without one. */
export const FIX_WAIT_MS = 3000
const FIX_TIMEOUT_MS = 15_000

export function getFix(): Promise<Position | null> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(null)
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          lat: p.coords.latitude,
          lng: p.coords.longitude,
          accuracy: Math.min(100_000, Math.round(p.coords.accuracy)),
          at: Math.round(p.timestamp),
        }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: FIX_TIMEOUT_MS, maximumAge: 60_000 },
    )
  })
}

/**
 * A fix if one comes within FIX_WAIT_MS; otherwise null now, and `late` receives the fix if it
 * arrives afterwards, so the step is never held up by the GPS.
 */
export async function quickFix(late: (p: Position) => void): Promise<Position | null> {
  let waiting = true
  const fix = getFix().then((p) => {
    if (!waiting && p) late(p)
    return p
  })
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), FIX_WAIT_MS))
  const first = await Promise.race([fix, timeout])
  waiting = false
  return first
}
