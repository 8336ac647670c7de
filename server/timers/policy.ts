import type { Severity } from '../../shared/enums'
import type { Config } from '../config'

const MINUTE = 60_000

/** The escalation clock, from configuration. */
export function escalationPolicy(config: Config) {
  const [critical, high, medium, low] = config.ACK_MINUTES
  const ack: Record<Severity, number> = { critical: critical * MINUTE, high: high * MINUTE, medium: medium * MINUTE, low: low * MINUTE }
  return {
    ackMs: (severity: Severity) => ack[severity],
    progressMs: config.PROGRESS_MINUTES * MINUTE,
    unassignedMs: config.UNASSIGNED_MINUTES * MINUTE,
    checkinMs: config.CHECKIN_MINUTES * MINUTE,
  }
}
export type EscalationPolicy = ReturnType<typeof escalationPolicy>
