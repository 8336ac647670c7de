// What each kind of stored deadline does when it fires.
import type { DeadlineKind } from '../../shared/enums'
import { onAckDeadline, onCheckinDeadline, onProgressDeadline } from '../dispatch/escalation'
import { onUnassignedDeadline } from '../incidents/escalation'
import { onFinalReportDeadline } from '../incidents/ladder'
import { onRollcallPeriodDeadline } from '../rollcall/deadlines'
import type { DeadlineHandler } from './sweeper'

export const DEADLINE_HANDLERS: Partial<Record<DeadlineKind, DeadlineHandler>> = {
  dispatch_ack: onAckDeadline,
  dispatch_progress: onProgressDeadline,
  crew_checkin: onCheckinDeadline,
  incident_unassigned: onUnassignedDeadline,
  final_report: onFinalReportDeadline,
  rollcall_period: onRollcallPeriodDeadline,
}
