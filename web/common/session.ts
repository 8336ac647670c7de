// Boot for every page: load the snapshot (or ask to sign in), then keep the desk live.
import { signal } from '@preact/signals'
import { Snapshot } from '../../shared/snapshot'
import { User } from '../../shared/user'
import { Ok } from '../../shared/common'
import { Me } from '../../shared/snapshot'
import { api, ApiFailure } from '../api/client'
import { connectLive } from '../api/live'
import { locale, setLocale } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import type { Locale } from '../../shared/enums'

export type SessionState = 'loading' | 'signed_out' | 'ready' | 'offline'

export function createSession(desk: Desk) {
  const state = signal<SessionState>('loading')
  let live: ReturnType<typeof connectLive> | null = null
  const liveState = signal<ReturnType<typeof connectLive> | null>(null)

  async function reload(): Promise<void> {
    desk.applySnapshot(await api(Snapshot, 'GET', '/snapshot'))
  }

  async function boot(): Promise<void> {
    try {
      await reload()
    } catch (err) {
      state.value = err instanceof ApiFailure && err.status === 401 ? 'signed_out' : 'offline'
      if (state.value === 'offline') setTimeout(boot, 3000)
      return
    }
    const me = desk.me.value
    if (me && me.locale !== locale.value) setLocale(me.locale)
    state.value = 'ready'
    live?.close()
    live = connectLive({
      seq: () => desk.seq.value,
      apply: (events, live) => desk.applyBatch(events, live),
      ready: (seq) => desk.caughtUp(seq),
      reload,
      signedOut: () => {
        live = null
        liveState.value = null
        state.value = 'signed_out'
      },
    })
    liveState.value = live
  }

  return {
    state,
    live: liveState,
    boot,
    async login(username: string, password: string): Promise<void> {
      await api(Me, 'POST', '/auth/login', { username, password })
      await boot()
    },
    async logout(): Promise<void> {
      live?.close()
      live = null
      liveState.value = null
      await api(Ok, 'POST', '/auth/logout').catch(() => undefined)
      state.value = 'signed_out'
    },
    async switchLocale(): Promise<void> {
      const next: Locale = locale.value === 'vi' ? 'en' : 'vi'
      setLocale(next)
      if (state.value === 'ready') await api(User, 'PATCH', '/me', { locale: next }).catch(() => undefined)
    },
  }
}

export type Session = ReturnType<typeof createSession>
