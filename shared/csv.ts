// The CSV of incident reports: its columns (Vietnamese or English headers), how a cell becomes a
// value of IncidentCreate, and why a row is refused, said in Vietnamese or English. Pure: the server
// parses the file, the browser may reuse the same words.
import type { Locale } from './enums'
import { fold } from './text'

export interface CsvColumn {
  /** The IncidentCreate field, dotted for impact counts. */
  field: string
  en: string
  vi: string
  type: 'text' | 'word' | 'words' | 'number' | 'time' | 'boolean'
  required?: boolean
}

export const CSV_COLUMNS: readonly CsvColumn[] = [
  { field: 'kind', en: 'kind', vi: 'loại sự cố', type: 'word', required: true },
  { field: 'cause', en: 'cause', vi: 'nguyên nhân', type: 'word' },
  { field: 'severity', en: 'severity', vi: 'mức độ', type: 'word', required: true },
  { field: 'title', en: 'title', vi: 'tiêu đề', type: 'text', required: true },
  { field: 'description', en: 'description', vi: 'mô tả', type: 'text' },
  { field: 'services', en: 'services', vi: 'dịch vụ bị ảnh hưởng', type: 'words' },
  { field: 'lat', en: 'lat', vi: 'vĩ độ', type: 'number', required: true },
  { field: 'lng', en: 'lng', vi: 'kinh độ', type: 'number', required: true },
  { field: 'radiusM', en: 'radius_m', vi: 'bán kính (m)', type: 'number' },
  { field: 'estimatedRestoreAt', en: 'estimated_restore_at', vi: 'dự kiến khôi phục', type: 'time' },
  { field: 'impact.cellSitesDownPower', en: 'cell_sites_down_power', vi: 'trạm mất điện', type: 'number' },
  { field: 'impact.cellSitesDownTransmission', en: 'cell_sites_down_transmission', vi: 'trạm mất truyền dẫn', type: 'number' },
  { field: 'impact.cellSitesDownDamage', en: 'cell_sites_down_damage', vi: 'trạm hư hỏng', type: 'number' },
  { field: 'impact.generatorsDeployed', en: 'generators_deployed', vi: 'máy phát điện đã triển khai', type: 'number' },
  { field: 'impact.usersAffected', en: 'users_affected', vi: 'thuê bao bị ảnh hưởng', type: 'number' },
  { field: 'drill', en: 'drill', vi: 'diễn tập', type: 'boolean' },
]

const byHeader = new Map<string, CsvColumn>()
for (const c of CSV_COLUMNS) for (const h of [c.en, c.vi]) byHeader.set(fold(h.normalize('NFC')), c)

/** The column a header names, in either language, ignoring case, accents and the spaces around. */
export function columnFor(header: string): CsvColumn | undefined {
  return byHeader.get(fold(header.replace(/^\uFEFF/, '').normalize('NFC').trim()))
}

export const CSV_REASONS = [
  'required',
  'not_number',
  'not_integer',
  'too_small',
  'too_big',
  'too_long',
  'too_short',
  'too_many',
  'pick_one',
  'broken_text',
  'control_char',
  'one_line',
  'bad_time',
  'bad_boolean',
  'outside_province',
  'too_far_future',
  'before_onset',
  'unknown_column',
  'missing_column',
  'duplicate_column',
  'cell_count',
  'no_rows',
  'too_many_rows',
  'not_utf8',
  'bad_csv',
  'forbidden',
  'invalid',
] as const
export type CsvReason = (typeof CSV_REASONS)[number]

const MESSAGES: Record<Locale, Record<CsvReason, string>> = {
  vi: {
    required: 'Bắt buộc phải có',
    not_number: 'Phải là số',
    not_integer: 'Phải là số nguyên',
    too_small: 'Tối thiểu là {min}',
    too_big: 'Tối đa là {max}',
    too_long: 'Quá dài (tối đa {max} ký tự)',
    too_short: 'Quá ngắn (tối thiểu {min} ký tự)',
    too_many: 'Chọn tối đa {max}',
    pick_one: 'Giá trị không hợp lệ; dùng một trong: {values}',
    broken_text: 'Có ký tự Unicode bị lỗi',
    control_char: 'Có ký tự điều khiển (ví dụ NUL)',
    one_line: 'Chỉ viết trên một dòng',
    bad_time: 'Thời điểm không hợp lệ; dùng 2026-05-23 14:30 hoặc 23/05/2026 14:30 (giờ Việt Nam)',
    bad_boolean: 'Dùng có/không',
    outside_province: 'Tọa độ nằm ngoài địa bàn tỉnh (cách ranh giới hơn {km} km)',
    too_far_future: 'Thời điểm quá xa trong tương lai (tối đa {days} ngày tới)',
    before_onset: 'Thời điểm khôi phục sớm hơn thời điểm xảy ra sự cố',
    unknown_column: 'Cột không được hỗ trợ: “{column}”',
    missing_column: 'Thiếu cột bắt buộc: “{column}”',
    duplicate_column: 'Cột bị lặp: “{column}”',
    cell_count: 'Dòng có {n} ô, dòng tiêu đề có {m} ô',
    no_rows: 'Tệp không có dòng dữ liệu nào',
    too_many_rows: 'Tệp có quá nhiều dòng (tối đa {max})',
    not_utf8: 'Tệp không phải UTF-8; hãy lưu lại dưới dạng “CSV UTF-8”',
    bad_csv: 'Tệp CSV bị lỗi ở dòng {line}: {detail}',
    forbidden: 'Không được phép báo cáo cho đơn vị này',
    invalid: 'Giá trị không hợp lệ',
  },
  en: {
    required: 'Required',
    not_number: 'Must be a number',
    not_integer: 'Must be a whole number',
    too_small: 'At least {min}',
    too_big: 'At most {max}',
    too_long: 'Too long (at most {max} characters)',
    too_short: 'Too short (at least {min} characters)',
    too_many: 'Choose at most {max}',
    pick_one: 'Not a valid value; use one of: {values}',
    broken_text: 'Contains a broken Unicode character',
    control_char: 'Contains a control character (such as NUL)',
    one_line: 'Keep it on one line',
    bad_time: 'Not a valid time; use 2026-05-23 14:30 or 23/05/2026 14:30 (Vietnam time)',
    bad_boolean: 'Use yes/no',
    outside_province: 'The coordinates are outside the province (more than {km} km beyond its areas)',
    too_far_future: 'Too far in the future (at most {days} days ahead)',
    before_onset: 'Restoration is before the onset of the incident',
    unknown_column: 'Unknown column: “{column}”',
    missing_column: 'Missing required column: “{column}”',
    duplicate_column: 'Column given twice: “{column}”',
    cell_count: 'The row has {n} cells; the header has {m}',
    no_rows: 'The file has no data rows',
    too_many_rows: 'The file has too many rows (at most {max})',
    not_utf8: 'The file is not UTF-8; save it again as “CSV UTF-8”',
    bad_csv: 'The CSV is broken at line {line}: {detail}',
    forbidden: 'You may not report for this organisation',
    invalid: 'Not a valid value',
  },
}

export function csvMessage(locale: Locale, reason: CsvReason, params: Record<string, string | number> = {}): string {
  return MESSAGES[locale][reason].replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? `{${p}}`))
}

/** A zod issue (or one of ours) as a reason and its numbers. */
export interface IssueLike {
  code: string
  message: string
  input?: unknown
  expected?: string
  origin?: string
  minimum?: number | bigint
  maximum?: number | bigint
  values?: readonly unknown[]
}

// The English messages shared/common.ts gives its own refinements.
const CUSTOM: Record<string, CsvReason> = {
  'Text has a broken Unicode character': 'broken_text',
  'Text has a control character': 'control_char',
  'Must be one line': 'one_line',
}

export function reasonOf(i: IssueLike): { reason: CsvReason; params: Record<string, string | number> } {
  const min = i.minimum === undefined ? '' : Number(i.minimum)
  const max = i.maximum === undefined ? '' : Number(i.maximum)
  switch (i.code) {
    case 'invalid_type':
      if (i.input === undefined || i.input === null) return { reason: 'required', params: {} }
      return { reason: i.expected === 'int' ? 'not_integer' : i.expected === 'number' ? 'not_number' : 'invalid', params: {} }
    case 'too_small':
      if (i.origin === 'string') return min === 1 ? { reason: 'required', params: {} } : { reason: 'too_short', params: { min } }
      return { reason: 'too_small', params: { min } }
    case 'too_big':
      if (i.origin === 'string') return { reason: 'too_long', params: { max } }
      return { reason: i.origin === 'array' ? 'too_many' : 'too_big', params: { max } }
    case 'invalid_value':
      return { reason: 'pick_one', params: { values: (i.values ?? []).join(', ') } }
    case 'custom':
      return { reason: CUSTOM[i.message] ?? 'invalid', params: {} }
  }
  // One of ours (a cell that is not a number, a time, a yes/no).
  return { reason: (CSV_REASONS as readonly string[]).includes(i.code) ? (i.code as CsvReason) : 'invalid', params: {} }
}

// Vietnam keeps UTC+7 all year.
const VN_OFFSET_MS = 7 * 3_600_000

/**
 * A time cell: ISO 8601 with an offset, or a local Vietnam time written 2026-05-23 14:30 or
 * 23/05/2026 14:30 (seconds optional). Undefined when unreadable.
 */
export function parseCsvTime(cell: string): number | undefined {
  const s = cell.trim()
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
    const t = Date.parse(s)
    return Number.isFinite(t) ? t : undefined
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s)
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s)
  const parts = iso
    ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]]
    : vn
      ? [vn[3], vn[2], vn[1], vn[4], vn[5], vn[6]]
      : null
  if (!parts) return undefined
  const [y, mo, d, h, mi, sec] = parts.map((p) => Number(p ?? 0)) as [number, number, number, number, number, number]
  const utc = Date.UTC(y, mo - 1, d, h, mi, sec)
  const back = new Date(utc)
  // Date.UTC rolls 31/02 over into March: a date that does not come back unchanged does not exist.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return undefined
  return utc - VN_OFFSET_MS
}

/** A time for a spreadsheet: 2026-05-23 14:30 in Vietnam time. */
export function formatCsvTime(ms: number | null): string {
  if (ms === null) return ''
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

const YES = new Set(['1', 'true', 'yes', 'y', 'x', 'co'])
const NO = new Set(['0', 'false', 'no', 'n', 'khong'])

export interface CellIssue {
  path: (string | number)[]
  code: CsvReason
  message: string
}

/**
 * One data row as the object IncidentCreate parses. Empty cells are left out, so defaults apply
 * and required fields say so. decimalComma reads 10,5 as 10.5 (files saved with ";" by Excel).
 */
export function rowInput(
  cells: readonly string[],
  columns: readonly CsvColumn[],
  decimalComma: boolean,
): { input: Record<string, unknown>; issues: CellIssue[] } {
  const input: Record<string, unknown> = {}
  const issues: CellIssue[] = []
  columns.forEach((col, i) => {
    const raw = cells[i] ?? ''
    const cell = raw.trim()
    if (cell === '') return
    const path = col.field.split('.')
    let value: unknown
    switch (col.type) {
      case 'text':
        value = raw
        break
      case 'word':
        value = cell.toLowerCase()
        break
      case 'words':
        value = cell.toLowerCase().split(/[\s,;|]+/).filter(Boolean)
        break
      case 'number': {
        const n = decimalComma && /^-?\d+,\d+$/.test(cell) ? cell.replace(',', '.') : cell
        value = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(n) ? Number(n) : undefined
        if (value === undefined) issues.push({ path, code: 'not_number', message: 'Must be a number' })
        break
      }
      case 'time':
        value = parseCsvTime(cell)
        if (value === undefined) issues.push({ path, code: 'bad_time', message: 'Not a valid time' })
        break
      case 'boolean': {
        const f = fold(cell)
        value = YES.has(f) ? true : NO.has(f) ? false : undefined
        if (value === undefined) issues.push({ path, code: 'bad_boolean', message: 'Use yes/no' })
        break
      }
    }
    if (value === undefined) return
    if (path.length === 2) {
      const group = (input[path[0]!] ??= {}) as Record<string, unknown>
      group[path[1]!] = value
    } else {
      input[col.field] = value
    }
  })
  return { input, issues }
}

/** The header of the column a path belongs to, in the file's own words. */
export function columnOfPath(path: readonly (string | number)[], columns: readonly CsvColumn[], headers: readonly string[]) {
  const field = path[0] === 'impact' && typeof path[1] === 'string' ? `impact.${path[1]}` : String(path[0] ?? '')
  const i = columns.findIndex((c) => c.field === field)
  return { field: field || null, column: i >= 0 ? (headers[i] ?? null) : null }
}
