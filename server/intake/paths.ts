// The intake endpoints, named once: the routes register them, the guard lets API tokens in only
// here and lets the CSV ones carry text/csv, and the body limit is raised for the bulk ones.
export const INTAKE = {
  report: '/incidents',
  batch: '/incidents/batch',
  csvPreview: '/incidents/csv/preview',
  csvImport: '/incidents/csv/import',
} as const

const api = (p: string) => `/api${p}`

/** POST paths where an API token is accepted (and nothing else is). */
export const TOKEN_PATHS: ReadonlySet<string> = new Set(Object.values(INTAKE).map(api))
/** POST paths whose body is a CSV file. */
export const CSV_PATHS: ReadonlySet<string> = new Set([INTAKE.csvPreview, INTAKE.csvImport].map(api))
/** POST paths that take up to 5 MiB instead of 64 KiB. */
export const BULK_PATHS: ReadonlySet<string> = new Set([INTAKE.batch, INTAKE.csvPreview, INTAKE.csvImport].map(api))

export const acceptsApiToken = (method: string, path: string) => method === 'POST' && TOKEN_PATHS.has(path)
