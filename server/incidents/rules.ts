// The report rules of shared/intake-rules.ts, read against the database: the province is the box
// around its areas, "now" is the write's own time.
import type { Db } from '../../db/client'
import { reportRuleIssues, provinceBounds, type RuleContext } from '../../shared/intake-rules'
import { listAreas } from '../directory/areas'
import { DomainError } from '../errors'

export function reportRules(db: Db, now: number, onset = now): RuleContext {
  return { bounds: provinceBounds(listAreas(db)), now, onset }
}

/** A 400 naming each field that breaks a rule, and why. */
export function assertReportRules(
  input: { lat?: number; lng?: number; estimatedRestoreAt?: number | null },
  rules: RuleContext,
): void {
  const issues = reportRuleIssues(input, rules)
  if (issues.length === 0) return
  throw new DomainError(
    400,
    'invalid_input',
    'The report breaks a rule',
    issues.map((i) => ({ path: i.path, message: i.message, code: i.code })),
  )
}
