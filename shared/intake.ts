// Machine and bulk intake: the Idempotency-Key header, the batch of reports, and the CSV preview
// and import answers. CSV columns and the reasons a row is refused live in csv.ts.
import { z } from 'zod'
import { Id } from './common'
import { ApiError } from './errors'
import { Incident } from './incident'

export const IDEMPOTENCY_HEADER = 'Idempotency-Key'
export const REPLAYED_HEADER = 'Idempotent-Replayed'
/** Keys are kept at least this long; a key older than this is free again. */
export const IDEMPOTENCY_KEEP_MS = 7 * 86_400_000

/** 1–255 printable ASCII characters: a UUID or ULID fits, and so does an operator's own id. */
export const IdempotencyKey = z
  .string()
  .min(1, 'The Idempotency-Key is empty')
  .max(255, 'The Idempotency-Key is longer than 255 characters')
  .regex(/^[\x20-\x7e]*$/, 'The Idempotency-Key must be printable ASCII')
  .meta({ description: 'One key per logical create; retry with the same key and the same body' })

export const MAX_BATCH_ITEMS = 500

/** Each item is checked on its own against IncidentCreate, so one bad item sinks only itself. */
export const IncidentBatch = z
  .strictObject({
    items: z
      .array(z.unknown().meta({ description: 'an IncidentCreate' }))
      .min(1)
      .max(MAX_BATCH_ITEMS),
  })
  .meta({ id: 'IncidentBatch' })
export type IncidentBatch = z.infer<typeof IncidentBatch>

export const BatchItemResult = z
  .object({
    index: z.number().int().nonnegative(),
    /** 201 for a created incident; the error's HTTP status otherwise. */
    status: z.number().int(),
    incident: Incident.optional(),
    error: ApiError.optional(),
  })
  .meta({ id: 'BatchItemResult' })
export type BatchItemResult = z.infer<typeof BatchItemResult>

export const BatchResult = z
  .object({
    created: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    results: z.array(BatchItemResult),
  })
  .meta({ id: 'BatchResult' })
export type BatchResult = z.infer<typeof BatchResult>

export const CSV_IMPORT_MODES = ['valid_only', 'all_or_nothing'] as const
export type CsvImportMode = (typeof CSV_IMPORT_MODES)[number]

export const MAX_CSV_ROWS = 10_000
export const MAX_CSV_BYTES = 5 * 1024 * 1024

/** One refused cell or row: the spreadsheet row (the header is row 1), its column and the reason. */
export const CsvRowError = z
  .object({
    row: z.number().int().nonnegative(),
    column: z.string().nullable(),
    field: z.string().nullable(),
    path: z.array(z.union([z.string(), z.number()])),
    code: z.string(),
    message: z.string(),
  })
  .meta({ id: 'CsvRowError' })
export type CsvRowError = z.infer<typeof CsvRowError>

export const CsvPreviewRow = z.object({
  row: z.number().int().positive(),
  values: z.array(z.string()),
  errors: z.array(CsvRowError),
})
export type CsvPreviewRow = z.infer<typeof CsvPreviewRow>

export const CsvPreview = z
  .object({
    columns: z.array(z.object({ header: z.string(), field: z.string() })),
    total: z.number().int().nonnegative(),
    valid: z.number().int().nonnegative(),
    invalid: z.number().int().nonnegative(),
    /** The first rows and every refused row, up to a few hundred: enough to show and fix. */
    rows: z.array(CsvPreviewRow),
    errors: z.array(CsvRowError),
    truncated: z.boolean(),
  })
  .meta({ id: 'CsvPreview' })
export type CsvPreview = z.infer<typeof CsvPreview>

export const CsvImportQuery = z.object({ mode: z.enum(CSV_IMPORT_MODES) })

export const CsvImportResult = z
  .object({
    mode: z.enum(CSV_IMPORT_MODES),
    total: z.number().int().nonnegative(),
    imported: z.number().int().nonnegative(),
    invalid: z.number().int().nonnegative(),
    ids: z.array(Id),
    errors: z.array(CsvRowError),
  })
  .meta({ id: 'CsvImportResult' })
export type CsvImportResult = z.infer<typeof CsvImportResult>

export const LocaleQuery = z.object({ lang: z.enum(['vi', 'en']).optional() })
