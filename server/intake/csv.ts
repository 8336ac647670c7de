// CSV files in and out. In: bytes → UTF-8 text (BOM or not, NFD → NFC) → records (CRLF or LF,
// "," or ";") → the columns the header names → per row, the IncidentCreate input or the reasons it
// is refused, in the reader's language. Out: a BOM for Excel, formulas escaped, numbers as numbers.
import { CsvError, parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { columnFor, columnOfPath, CSV_COLUMNS, csvMessage, reasonOf, rowInput, type CsvColumn, type CsvReason } from '../../shared/csv'
import type { Locale } from '../../shared/enums'
import { IncidentCreate } from '../../shared/incident'
import { MAX_CSV_ROWS, type CsvRowError } from '../../shared/intake'
import { reportRuleIssues, type RuleContext } from '../../shared/intake-rules'
import type { z } from 'zod'
import { DomainError } from '../errors'

export interface CsvFile {
  headers: string[]
  columns: CsvColumn[]
  rows: { row: number; cells: string[] }[]
  decimalComma: boolean
}

export interface CheckedRow {
  row: number
  cells: string[]
  input: z.output<typeof IncidentCreate> | null
  errors: CsvRowError[]
}

const fileError = (locale: Locale, reason: CsvReason, params: Record<string, string | number> = {}, column: string | null = null) => ({
  row: column === null ? 0 : 1,
  column,
  field: null,
  path: column === null ? [] : [column],
  code: reason,
  message: csvMessage(locale, reason, params),
})

const refuse = (errors: CsvRowError[]) =>
  new DomainError(400, 'invalid_input', errors.map((e) => e.message).join('; '), errors)

/** The file as rows of cells under known columns; a 400 naming what is wrong with the file itself. */
export function readCsv(bytes: Uint8Array, locale: Locale): CsvFile {
  let text: string
  try {
    // fatal: a file saved in another encoding is refused, not read as mojibake. The BOM is dropped.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw refuse([fileError(locale, 'not_utf8')])
  }
  text = text.replace(/^\uFEFF/, '').normalize('NFC')
  const delimiter = delimiterOf(text)
  let records: string[][]
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, max_record_size: 64 * 1024 }) as string[][]
  } catch (err) {
    const line = err instanceof CsvError ? ((err as CsvError & { lines?: number }).lines ?? 0) : 0
    const detail = err instanceof Error ? err.message.replace(/^Invalid [^:]*: /, '') : String(err)
    throw refuse([fileError(locale, 'bad_csv', { line, detail })])
  }
  const [header, ...data] = records
  if (!header || header.every((h) => h.trim() === '')) throw refuse([fileError(locale, 'no_rows')])
  const headers = header.map((h) => h.trim())
  const columns: CsvColumn[] = []
  const errors: CsvRowError[] = []
  headers.forEach((h) => {
    const col = columnFor(h)
    if (!col) errors.push(fileError(locale, 'unknown_column', { column: h }, h))
    else if (columns.includes(col)) errors.push(fileError(locale, 'duplicate_column', { column: h }, h))
    columns.push(col ?? { field: '', en: h, vi: h, type: 'text' })
  })
  for (const col of CSV_COLUMNS) {
    if (col.required && !columns.includes(col)) {
      const name = locale === 'vi' ? col.vi : col.en
      errors.push(fileError(locale, 'missing_column', { column: name }, name))
    }
  }
  if (errors.length > 0) throw refuse(errors)
  // Row numbers are the spreadsheet's: the header is row 1. Rows with nothing in them are skipped.
  const rows = data
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
  if (rows.length === 0) throw refuse([fileError(locale, 'no_rows')])
  if (rows.length > MAX_CSV_ROWS) throw refuse([fileError(locale, 'too_many_rows', { max: MAX_CSV_ROWS })])
  return { headers, columns, rows, decimalComma: delimiter === ';' }
}

/** "," unless the header line has more ";" (Excel with a Vietnamese list separator) or tabs. */
function delimiterOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/))
  const count = (ch: string) => first.split(ch).length - 1
  const [best] = [',', ';', '\t'].sort((a, b) => count(b) - count(a))
  return count(best!) > 0 ? best! : ','
}

/** Each row checked with the route's own schema, then the report rules. */
export function checkRows(file: CsvFile, rules: RuleContext, locale: Locale): CheckedRow[] {
  return file.rows.map(({ row, cells }) => {
    const errors: CsvRowError[] = []
    const where = (path: (string | number)[]) => ({ row, ...columnOfPath(path, file.columns, file.headers), path })
    const add = (path: (string | number)[], reason: CsvReason, params: Record<string, string | number> = {}) =>
      errors.push({ ...where(path), code: reason, message: csvMessage(locale, reason, params) })
    const extra = cells.slice(file.headers.length).some((c) => c.trim() !== '')
    if (extra || cells.length < file.headers.length) {
      errors.push({ row, column: null, field: null, path: [], code: 'cell_count', message: csvMessage(locale, 'cell_count', { n: cells.length, m: file.headers.length }) })
      return { row, cells, input: null, errors }
    }
    const { input, issues } = rowInput(cells, file.columns, file.decimalComma)
    for (const i of issues) add(i.path, i.code)
    const bad = new Set(issues.map((i) => i.path.join('.')))
    const parsed = IncidentCreate.safeParse(input)
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
        if (bad.has(path.join('.'))) continue
        bad.add(path.join('.'))
        const { reason, params } = reasonOf(i as never)
        add(path, reason, params)
      }
    }
    // The rules too, on whatever of the place and times is readable, so one pass shows every fault.
    const num = (k: string) => (typeof input[k] === 'number' && Number.isFinite(input[k]) && !bad.has(k) ? (input[k] as number) : undefined)
    const facts = { lat: num('lat'), lng: num('lng'), estimatedRestoreAt: num('estimatedRestoreAt') }
    for (const i of reportRuleIssues(facts, rules)) add(i.path, i.code, i.params)
    return { row, cells, input: errors.length === 0 && parsed.success ? parsed.data : null, errors }
  })
}

/** The template: the headers in the reader's language and nothing else, with a BOM for Excel. */
export function templateCsv(locale: Locale): string {
  return stringify([CSV_COLUMNS.map((c) => (locale === 'vi' ? c.vi : c.en))], { bom: true, record_delimiter: 'windows' })
}

export interface ExportColumn {
  en: string
  vi: string
}

/** Rows for a spreadsheet: strings are escaped against formulas, numbers stay numbers. */
export function toCsv(columns: readonly ExportColumn[], rows: readonly (string | number | null)[][], locale: Locale): string {
  return stringify([columns.map((c) => (locale === 'vi' ? c.vi : c.en)), ...rows.map((r) => r.map((v) => v ?? ''))], {
    bom: true,
    escape_formulas: true,
    record_delimiter: 'windows',
  })
}
