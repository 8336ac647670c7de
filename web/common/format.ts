// Times are stored as UTC milliseconds and shown in Asia/Ho_Chi_Minh.
import { locale, t } from '../i18n/i18n'

const TZ = 'Asia/Ho_Chi_Minh'
const formatters = new Map<string, Intl.DateTimeFormat>()

function fmt(kind: 'time' | 'dateTime'): Intl.DateTimeFormat {
  const key = `${locale.value}:${kind}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale.value === 'vi' ? 'vi-VN' : 'en-GB', {
      timeZone: TZ,
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      ...(kind === 'dateTime' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : {}),
    })
    formatters.set(key, f)
  }
  return f
}

export const formatTime = (ms: number) => fmt('time').format(ms)
export const formatDateTime = (ms: number) => fmt('dateTime').format(ms)

/** "4 phút", "2 giờ": a duration for counters and "ago" texts. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  if (s < 60) return t('time.seconds', { n: s })
  const m = Math.floor(s / 60)
  if (m < 60) return t('time.minutes', { n: m })
  const h = Math.floor(m / 60)
  if (h < 48) return t('time.hours', { n: h })
  return t('time.days', { n: Math.floor(h / 24) })
}

/** "03:12" for a counting clock. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(s / 3600)
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0')
  const ss = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`
}
