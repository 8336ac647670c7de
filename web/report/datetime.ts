// datetime-local values read and written in Vietnam time (UTC+7, no daylight saving).
const OFFSET_MS = 7 * 3_600_000

/** '2026-05-23T14:30' in Vietnam time → UTC ms; '' → null; anything unreadable → NaN. */
export function parseVnDateTime(value: string): number | null {
  if (!value) return null
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value)
  if (!m) return Number.NaN
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number]
  return Date.UTC(y, mo - 1, d, h, mi) - OFFSET_MS
}

export function toVnDateTime(ms: number | null): string {
  return ms === null ? '' : new Date(ms + OFFSET_MS).toISOString().slice(0, 16)
}
