// The crew page's model: its dispatches (active first), what each one needs next, the duty phone,
// and the outbox of taps not yet confirmed. Components render it; the actions do the writing.
import { computed, signal } from '@preact/signals'
import type { Position } from '../../shared/common'
import type { Dispatch } from '../../shared/dispatch'
import { ACTIVE_DISPATCH_STATUSES, isOneOf, type DeclineReason } from '../../shared/enums'
import { nextCrewStep } from '../../shared/transitions'
import type { Desk } from '../state/desk'
import { bringLinkUp, checkInDispatch, loadConfig, sendPosition, stepDispatch } from './actions'
import { createOutbox, type StepKind } from './outbox'
import { getFix, quickFix } from './position'

const SHARE_KEY = 'commsdesk.field.sharePosition'
const PHONE_KEY = 'commsdesk.field.dutyPhone'
/** While a dispatch is active, the crew's position goes to the desk this often. */
export const POSITION_EVERY_MS = 3 * 60_000

const isActive = (d: Dispatch) => isOneOf(ACTIVE_DISPATCH_STATUSES, d.status)

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}
function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value)
  } catch {}
}

export function createField(desk: Desk) {
  const outbox = createOutbox()
  const dutyPhone = signal(stored(PHONE_KEY) ?? '')
  const checkinMs = signal(45 * 60_000)
  /** The state of the last "still working" tap, per dispatch. */
  const checkins = signal<ReadonlyMap<number, 'sending' | 'failed'>>(new Map())
  const sharePosition = signal(stored(SHARE_KEY) !== '0')

  const crew = computed(() => desk.crews.get(desk.me.value?.crewId))
  const mine = computed(() => {
    const crewId = desk.me.value?.crewId
    return desk.dispatches
      .all()
      .filter((d) => d.crewId === crewId)
      .sort((a, b) => Number(isActive(b)) - Number(isActive(a)) || b.createdAt - a.createdAt)
  })
  const active = computed(() => mine.value.filter(isActive))
  const earlier = computed(() => mine.value.filter((d) => !isActive(d)))

  /** The one step the big button offers, or null when the dispatch is over. */
  function nextStep(d: Dispatch): Exclude<StepKind, 'declined'> | null {
    const next = nextCrewStep(d.status)
    if (next === 'completed' && d.siteId !== null && !linkUp(d)) return 'link'
    return next === 'acknowledged' ||
      next === 'en_route' ||
      next === 'on_site' ||
      next === 'completed'
      ? next
      : null
  }

  const linkUp = (d: Dispatch) =>
    desk.links.all().find((l) => l.dispatchId === d.id && l.status === 'up')
  const carried = (d: Dispatch) => d.resourceIds.flatMap((id) => desk.resources.get(id) ?? [])

  function late(p: Position): void {
    const crewId = desk.me.value?.crewId
    if (crewId) sendPosition(desk, crewId, p).catch(() => undefined)
  }

  async function positionForStep(): Promise<Position | undefined> {
    return sharePosition.value ? ((await quickFix(late)) ?? undefined) : undefined
  }

  return {
    outbox,
    dutyPhone,
    sharePosition,
    crew,
    active,
    earlier,
    nextStep,
    linkUp,
    carried,
    checkins,

    /** On site past the check-in time with no word from the crew: the phone asks. */
    needsCheckin(d: Dispatch, now: number): boolean {
      if (d.status !== 'on_site') return false
      const last = Math.max(d.statusChangedAt, d.updatedAt, crew.value?.positionAt ?? 0)
      return now - desk.clockSkew.value - last > checkinMs.value
    },

    async checkIn(d: Dispatch): Promise<void> {
      const set = (state: 'sending' | 'failed' | null) => {
        const next = new Map(checkins.value)
        if (state) next.set(d.id, state)
        else next.delete(d.id)
        checkins.value = next
      }
      set('sending')
      try {
        await checkInDispatch(desk, d, await positionForStep())
        set(null)
      } catch {
        set('failed')
      }
    },

    async loadConfig(): Promise<void> {
      const config = await loadConfig().catch(() => null)
      if (config) checkinMs.value = config.checkinMinutes * 60_000
      if (config?.dutyPhone) {
        dutyPhone.value = config.dutyPhone
        store(PHONE_KEY, config.dutyPhone)
      }
    },

    setSharePosition(on: boolean): void {
      sharePosition.value = on
      store(SHARE_KEY, on ? '1' : '0')
    },

    take(d: Dispatch, step: Exclude<StepKind, 'declined'>): void {
      outbox.send(d.id, step, d.status, async () => {
        if (step !== 'link') return stepDispatch(desk, d, step, await positionForStep())
        // A link carries no position of its own: the fix follows on its own when it comes.
        if (sharePosition.value) void getFix().then((p) => p && late(p))
        await bringLinkUp(desk, d, carried(d))
      })
    },

    decline(d: Dispatch, reason: DeclineReason): void {
      outbox.send(d.id, 'declined', d.status, () =>
        stepDispatch(desk, d, 'declined', undefined, reason),
      )
    },

    /** One fix every few minutes while a dispatch is active and the crew agreed to share. */
    trackWhileActive(): () => void {
      const timer = setInterval(async () => {
        const crewId = desk.me.value?.crewId
        if (!sharePosition.value || !crewId || active.value.length === 0) return
        const p = await getFix()
        if (p) await sendPosition(desk, crewId, p).catch(() => undefined)
      }, POSITION_EVERY_MS)
      return () => clearInterval(timer)
    },
  }
}

export type Field = ReturnType<typeof createField>
