// The server's settings a page needs to reason as the server does: the de-duplication and
// correlation thresholds and the final-report deadline. Loaded once per page; the defaults are the
// server's own until it answers.
import { computed, signal } from '@preact/signals'
import type { Thresholds } from '../../shared/correlation'
import { ClientConfig } from '../../shared/config'
import { api } from '../api/client'

export const clientConfig = signal<ClientConfig | null>(null)

let loading: Promise<void> | null = null

export function loadClientConfig(): Promise<void> {
  loading ??= api(ClientConfig, 'GET', '/config')
    .then((c) => {
      clientConfig.value = c
    })
    .catch(() => {
      loading = null
    })
  return loading
}

export const thresholds = computed<Thresholds>(() => {
  const c = clientConfig.value
  return {
    duplicate: { metres: c?.dedupMetres ?? 500, minutes: c?.dedupMinutes ?? 60 },
    correlate: { metres: c?.correlateMetres ?? 2000, minutes: c?.correlateMinutes ?? 60 },
  }
})

export const finalReportHours = computed(() => clientConfig.value?.finalReportHours ?? 24)
