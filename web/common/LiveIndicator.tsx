import { t } from '../i18n/i18n'
import { formatDuration } from './format'
import { now } from './now'
import type { Session } from './session'

/** "Trực tuyến" only while the socket is live; otherwise how long since the server was heard. */
export function LiveIndicator({ session }: { session: Session }) {
  const live = session.live.value
  const state = live?.state.value ?? 'connecting'
  const text =
    state === 'live'
      ? t('live.online')
      : state === 'reloading'
        ? t('live.reloading')
        : state === 'connecting'
          ? t('live.connecting')
          : t('live.reconnecting', { ago: formatDuration(now.value - (live?.lastContact.value ?? now.value)) })
  return (
    <span class={`live live-${state}`} role="status" aria-live="polite" data-live={state}>
      <span class="dot" aria-hidden="true" />
      {text}
    </span>
  )
}

export function isStale(session: Session): boolean {
  return session.live.value?.state.value !== 'live'
}
