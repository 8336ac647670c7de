// Bulk intake: a batch of reports from an enterprise system, and CSV files (preview, import,
// export). Every report still goes through writeReport, the one place an incident is created;
// a bulk write recomputes the sites it touches once, at its end.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import { areas, dispatches, incidents, organizations } from '../../db/schema'
import { formatCsvTime } from '../../shared/csv'
import type { Locale } from '../../shared/enums'
import { IncidentCreate } from '../../shared/incident'
import type {
  BatchItemResult,
  BatchResult,
  CsvImportMode,
  CsvImportResult,
  CsvPreview,
  CsvRowError,
  IncidentBatch,
} from '../../shared/intake'
import { authorize } from '../auth/authorize'
import type { Actor, Deps } from '../context'
import { DomainError } from '../errors'
import { errorBody, issuesOf } from '../http/errors'
import { reporterOf, writeReport, type Reporter } from '../incidents/service'
import { reportRules } from '../incidents/rules'
import { listAreas } from '../directory/areas'
import { recomputeSites } from '../sites/status'
import type { WriteScope } from '../writer'
import { checkRows, readCsv, toCsv, type CheckedRow } from './csv'
import { once, type Answer, type RequestKey } from './idempotency'

/** The sites a bulk of reports touches, recomputed once when the bulk is written. */
class SiteSink {
  private ids = { live: new Set<number>(), drill: new Set<number>() }

  add(siteIds: number[], drill: boolean): void {
    const into = drill ? this.ids.drill : this.ids.live
    for (const id of siteIds) into.add(id)
  }

  flush(w: WriteScope): void {
    const { live, drill } = this.ids
    if (live.size) w.later(() => recomputeSites(w, live, false))
    if (drill.size) w.later(() => recomputeSites(w, drill, true))
  }
}

/**
 * Runs one item inside its own savepoint, so a refused item leaves nothing behind. An item that
 * fails after its event was appended cannot be undone alone: the whole write fails instead.
 */
function item<T>(w: WriteScope, fn: () => T): T {
  const sqlite = w.db.$client
  const events = w.events.length
  sqlite.exec('SAVEPOINT item')
  try {
    const value = fn()
    sqlite.exec('RELEASE item')
    return value
  } catch (err) {
    if (w.events.length !== events) throw err
    sqlite.exec('ROLLBACK TO item')
    sqlite.exec('RELEASE item')
    throw err
  }
}

const refusal = (err: unknown) => {
  if (err instanceof DomainError) return { status: err.status, error: errorBody(err.code, err.message, err.details) }
  throw err
}

/** Up to 500 reports in one request and one write; each item stands or falls alone. */
export function reportBatch(
  deps: Deps,
  actor: Actor,
  batch: z.output<typeof IncidentBatch>,
  key: RequestKey | null,
): Promise<Answer<BatchResult>> {
  authorize(actor, 'incident.create')
  const parsed = batch.items.map((raw) => IncidentCreate.safeParse(raw))
  return deps.writer.run(actor.userId, (w) =>
    once(w, actor.organizationId, key, 200, () => {
      const rules = reportRules(w.db, w.now)
      const areas = listAreas(w.db)
      const sites = new SiteSink()
      const results = parsed.map((p, index): BatchItemResult => {
        if (!p.success) {
          return { index, status: 400, error: errorBody('invalid_input', 'The item is not valid', issuesOf(p.error)) }
        }
        try {
          const reporter = reporterOf(actor, p.data.organizationId)
          const incident = item(w, () => writeReport(w, deps, actor, reporter, p.data, { source: 'api', rules, areas, sites }))
          return { index, status: 201, incident }
        } catch (err) {
          return { index, ...refusal(err) }
        }
      })
      sites.flush(w)
      const created = results.filter((r) => r.status === 201).length
      return { created, failed: results.length - created, results }
    }),
  )
}

const PREVIEW_ROWS = 20
const MAX_LISTED_ERRORS = 1000
const MAX_PREVIEW_ERROR_ROWS = 300

/** The file checked row by row, nothing written: the first rows and every refused one. */
export function previewCsv(deps: Deps, actor: Actor, bytes: Uint8Array, locale: Locale): CsvPreview {
  authorize(actor, 'incident.create')
  const file = readCsv(bytes, locale)
  const checked = checkRows(file, reportRules(deps.db, deps.clock.now()), locale)
  const refused = checked.filter((r) => r.errors.length > 0)
  const shown = new Set([...checked.slice(0, PREVIEW_ROWS), ...refused.slice(0, MAX_PREVIEW_ERROR_ROWS)])
  const errors = refused.flatMap((r) => r.errors)
  return {
    columns: file.headers.map((header, i) => ({ header, field: file.columns[i]!.field })),
    total: checked.length,
    valid: checked.length - refused.length,
    invalid: refused.length,
    rows: checked.filter((r) => shown.has(r)).map((r) => ({ row: r.row, values: r.cells, errors: r.errors })),
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    truncated: refused.length > MAX_PREVIEW_ERROR_ROWS || errors.length > MAX_LISTED_ERRORS,
  }
}

/**
 * Imports a file in one write: every valid row (valid_only), or every row or none
 * (all_or_nothing, where one refused row refuses the file with a 400 naming each row).
 */
export function importCsv(
  deps: Deps,
  actor: Actor,
  bytes: Uint8Array,
  mode: CsvImportMode,
  key: RequestKey | null,
  locale: Locale,
): Promise<Answer<CsvImportResult>> {
  const reporter = reporterOf(actor, null)
  const file = readCsv(bytes, locale)
  const checked = checkRows(file, reportRules(deps.db, deps.clock.now()), locale)
  const refused = checked.flatMap((r) => r.errors)
  if (mode === 'all_or_nothing' && refused.length > 0) throw rowsRefused(checked, refused, locale)
  return deps.writer.run(actor.userId, (w) =>
    once(w, actor.organizationId, key, 200, () => writeRows(w, deps, actor, reporter, checked, mode)),
  )
}

function rowsRefused(checked: CheckedRow[], errors: CsvRowError[], locale: Locale): DomainError {
  const rows = checked.filter((r) => r.errors.length > 0).length
  const message =
    locale === 'vi'
      ? `${rows} dòng có lỗi; chưa nhập dòng nào`
      : `${rows} row${rows === 1 ? ' has' : 's have'} errors; nothing was imported`
  return new DomainError(400, 'invalid_input', message, errors.slice(0, MAX_LISTED_ERRORS))
}

function writeRows(
  w: WriteScope,
  deps: Deps,
  actor: Actor,
  reporter: Reporter,
  checked: CheckedRow[],
  mode: CsvImportMode,
): CsvImportResult {
  const rules = reportRules(w.db, w.now)
  const areas = listAreas(w.db)
  const sites = new SiteSink()
  const ids: number[] = []
  const errors: CsvRowError[] = checked.flatMap((r) => r.errors)
  let invalid = checked.filter((r) => !r.input).length
  for (const r of checked) {
    if (!r.input) continue
    const input = r.input
    const write = () => writeReport(w, deps, actor, reporter, input, { source: 'csv', rules, areas, sites })
    if (mode === 'all_or_nothing') {
      // Checked before the write: a refusal now (the clock moved past a limit) refuses the file.
      ids.push(write().id)
      continue
    }
    try {
      ids.push(item(w, write).id)
    } catch (err) {
      const { error } = refusal(err)
      invalid += 1
      errors.push({ row: r.row, column: null, field: null, path: [], code: error.code, message: error.message })
    }
  }
  sites.flush(w)
  return { mode, total: checked.length, imported: ids.length, invalid, ids, errors: errors.slice(0, MAX_LISTED_ERRORS) }
}

const EXPORT_COLUMNS = [
  { en: 'id', vi: 'số' },
  { en: 'reported_at', vi: 'thời điểm báo cáo' },
  { en: 'status', vi: 'trạng thái' },
  { en: 'source', vi: 'nguồn' },
  { en: 'organization', vi: 'đơn vị báo cáo' },
  { en: 'area', vi: 'địa bàn' },
  { en: 'kind', vi: 'loại sự cố' },
  { en: 'cause', vi: 'nguyên nhân' },
  { en: 'severity', vi: 'mức độ' },
  { en: 'title', vi: 'tiêu đề' },
  { en: 'description', vi: 'mô tả' },
  { en: 'services', vi: 'dịch vụ bị ảnh hưởng' },
  { en: 'lat', vi: 'vĩ độ' },
  { en: 'lng', vi: 'kinh độ' },
  { en: 'radius_m', vi: 'bán kính (m)' },
  { en: 'estimated_restore_at', vi: 'dự kiến khôi phục' },
  { en: 'restored_at', vi: 'thời điểm khôi phục' },
  { en: 'cell_sites_down_power', vi: 'trạm mất điện' },
  { en: 'cell_sites_down_transmission', vi: 'trạm mất truyền dẫn' },
  { en: 'cell_sites_down_damage', vi: 'trạm hư hỏng' },
  { en: 'generators_deployed', vi: 'máy phát điện đã triển khai' },
  { en: 'users_affected', vi: 'thuê bao bị ảnh hưởng' },
  { en: 'drill', vi: 'diễn tập' },
] as const

/** The reports the actor may read, as a spreadsheet; times in Vietnam time. */
export function exportCsv(deps: Deps, actor: Actor, locale: Locale): string {
  const scope = authorize(actor, 'incident.read')
  const where: SQL[] = []
  if (scope === 'org') where.push(eq(incidents.organizationId, actor.organizationId))
  if (scope === 'crew') {
    where.push(
      inArray(
        incidents.id,
        deps.db.select({ id: dispatches.incidentId }).from(dispatches).where(eq(dispatches.crewId, actor.crewId ?? -1)),
      ),
    )
  }
  const rows = deps.db
    .select()
    .from(incidents)
    .where(where.length ? and(...where) : sql`1`)
    .orderBy(asc(incidents.id))
    .all()
  const orgNames = new Map(deps.db.select({ id: organizations.id, name: organizations.name }).from(organizations).all().map((o) => [o.id, o.name]))
  const areaNames = new Map(deps.db.select({ id: areas.id, name: areas.name }).from(areas).all().map((a) => [a.id, a.name]))
  const yes = locale === 'vi' ? 'có' : 'yes'
  const no = locale === 'vi' ? 'không' : 'no'
  return toCsv(
    EXPORT_COLUMNS,
    rows.map((r) => [
      r.id,
      formatCsvTime(r.createdAt),
      r.status,
      r.source,
      r.organizationId === null ? '' : (orgNames.get(r.organizationId) ?? ''),
      r.areaId === null ? '' : (areaNames.get(r.areaId) ?? ''),
      r.kind,
      r.cause,
      r.severity,
      r.title,
      r.description,
      r.services.join(', '),
      r.lat,
      r.lng,
      r.radiusM,
      formatCsvTime(r.estimatedRestoreAt),
      formatCsvTime(r.restoredAt),
      r.impact.cellSitesDownPower ?? null,
      r.impact.cellSitesDownTransmission ?? null,
      r.impact.cellSitesDownDamage ?? null,
      r.impact.generatorsDeployed ?? null,
      r.impact.usersAffected ?? null,
      r.drill ? yes : no,
    ]),
    locale,
  )
}
