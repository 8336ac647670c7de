// What the crew tapped and the server has not yet confirmed, per dispatch. A step is shown done
// only after a 2xx; until then it is "sending", and after a failure "not sent" with a retry.
import { signal } from '@preact/signals'
import { ApiFailure } from '../api/client'
import type { DispatchStatus } from '../../shared/enums'

/** A request that hangs this long is reported as not sent (it may still land; then it clears). */
const SEND_TIMEOUT_MS = 20_000

export type StepKind = 'acknowledged' | 'declined' | 'en_route' | 'on_site' | 'link' | 'completed'

export interface Pending {
  dispatchId: number
  step: StepKind
  /** The dispatch status when tapped: once the dispatch moves on, the entry no longer applies. */
  from: DispatchStatus
  state: 'sending' | 'failed'
  /** The server's error code, or 'network' when the request never got an answer. */
  error: string | null
  attempt: number
}

export interface Sent {
  step: StepKind
  at: number
}

export function createOutbox() {
  const pending = signal<ReadonlyMap<number, Pending>>(new Map())
  const sent = signal<ReadonlyMap<number, Sent>>(new Map())
  const runs = new Map<number, () => Promise<void>>()

  const put = (p: Pending) => (pending.value = new Map(pending.value).set(p.dispatchId, p))
  const drop = (dispatchId: number, attempt: number) => {
    if (pending.value.get(dispatchId)?.attempt !== attempt) return
    const next = new Map(pending.value)
    next.delete(dispatchId)
    pending.value = next
    runs.delete(dispatchId)
  }

  async function attempt(p: Pending, run: () => Promise<void>): Promise<void> {
    const mine = { ...p, state: 'sending' as const, error: null, attempt: p.attempt + 1 }
    put(mine)
    const isCurrent = () => pending.value.get(p.dispatchId)?.attempt === mine.attempt
    const timer = setTimeout(
      () => isCurrent() && put({ ...mine, state: 'failed', error: 'network' }),
      SEND_TIMEOUT_MS,
    )
    try {
      await run()
      drop(p.dispatchId, mine.attempt)
      sent.value = new Map(sent.value).set(p.dispatchId, { step: p.step, at: Date.now() })
    } catch (err) {
      const code = err instanceof ApiFailure ? (err.status === 0 ? 'network' : err.code) : 'network'
      if (isCurrent()) put({ ...mine, state: 'failed', error: code })
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    pending,
    sent,
    send(dispatchId: number, step: StepKind, from: DispatchStatus, run: () => Promise<void>): void {
      if (pending.value.get(dispatchId)?.state === 'sending') return
      runs.set(dispatchId, run)
      void attempt({ dispatchId, step, from, state: 'sending', error: null, attempt: 0 }, run)
    },
    retry(dispatchId: number): void {
      const p = pending.value.get(dispatchId)
      const run = runs.get(dispatchId)
      if (p && run && p.state === 'failed') void attempt(p, run)
    },
    dismiss(dispatchId: number): void {
      const p = pending.value.get(dispatchId)
      if (p) drop(dispatchId, p.attempt)
    },
  }
}

export type Outbox = ReturnType<typeof createOutbox>
