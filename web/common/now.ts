import { signal } from '@preact/signals'

/** A clock signal ticking once a second: counters and "ago" texts read it. */
export const now = signal(Date.now())
setInterval(() => (now.value = Date.now()), 1000)
