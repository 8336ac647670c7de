import { effect, untracked } from '@preact/signals'
import { useRef } from 'preact/hooks'
import type { DeskEvent } from '../../shared/events'
import type { Desk } from './desk'

/**
 * Calls fn once for every live event, in order, batch by batch. fn runs untracked: the signals it
 * reads do not re-run the watcher, so no event is handled twice.
 */
export function onLiveEvent(desk: Desk, fn: (e: DeskEvent) => void): () => void {
  let handled = 0
  return effect(() => {
    const events = desk.liveEvents.value
    untracked(() => {
      for (const e of events) {
        if (e.seq <= handled) continue
        handled = e.seq
        fn(e)
      }
    })
  })
}

/** The seq of the newest live event that matches: a dependency that moves only when one arrives. */
export function useLatestSeq(desk: Desk, match: (e: DeskEvent) => boolean): number {
  const latest = useRef(0)
  for (const e of desk.liveEvents.value) if (e.seq > latest.current && match(e)) latest.current = e.seq
  return latest.current
}
