import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { z } from 'zod'
import type { Locale } from '../../shared/enums'
import { BatchResult, CsvImportQuery, CsvImportResult, CsvPreview, IncidentBatch, LocaleQuery } from '../../shared/intake'
import type { Deps } from '../context'
import { DomainError } from '../errors'
import { requireActor } from '../http/guard'
import { digest, reply, requestKey } from '../http/idempotency'
import { errors, idempotencyMismatch, IdempotencyHeaders, jsonBody, newRouter, ok } from '../http/openapi'
import { INTAKE } from './paths'
import { templateCsv } from './csv'
import { exportCsv, importCsv, previewCsv, reportBatch } from './service'

const tags = ['Intake']

const csvBody = {
  content: { 'text/csv': { schema: z.string().meta({ description: 'UTF-8, with or without BOM; "," or ";"; CRLF or LF' }) } },
  required: true,
} as const

const csvFile = (description: string) => ({
  200: { description, content: { 'text/csv': { schema: z.string() } } },
  ...errors,
})

/** Row errors in the reader's language: ?lang=, else the first language the request asks for. */
function localeOf(c: Context, lang: Locale | undefined): Locale {
  if (lang) return lang
  return /^\s*en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'vi'
}

async function csvBytes(c: Context): Promise<Uint8Array> {
  if (!/^text\/csv\b/i.test(c.req.header('content-type') ?? '')) {
    throw new DomainError(415, 'unsupported_media_type', 'Send the file as Content-Type: text/csv')
  }
  return new Uint8Array(await c.req.arrayBuffer())
}

function download(c: Context, name: string, body: string): Response {
  c.header('Content-Type', 'text/csv; charset=utf-8')
  c.header('Content-Disposition', `attachment; filename="${name}"`)
  c.header('Cache-Control', 'no-store')
  return c.body(body, 200)
}

export function intakeRoutes(deps: Deps) {
  const r = newRouter()
  r.openapi(
    createRoute({
      method: 'post',
      path: INTAKE.batch,
      tags,
      description:
        'Up to 500 reports in one request: one result per item, a bad item does not sink the others. ' +
        'Accepts an API token and an Idempotency-Key (for the whole batch).',
      request: { headers: IdempotencyHeaders, body: jsonBody(IncidentBatch) },
      responses: { ...ok(BatchResult), 422: idempotencyMismatch },
    }),
    async (c) => {
      const batch = c.req.valid('json')
      return reply(c, await reportBatch(deps, requireActor(c), batch, requestKey(c, `POST ${INTAKE.batch}`, batch)))
    },
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: INTAKE.csvPreview,
      tags,
      description: 'Checks a CSV file row by row and writes nothing. Row errors are in Vietnamese or English (?lang=).',
      request: { query: LocaleQuery, body: csvBody },
      responses: ok(CsvPreview),
    }),
    async (c) => {
      const actor = requireActor(c)
      const bytes = await csvBytes(c)
      return c.json(previewCsv(deps, actor, bytes, localeOf(c, c.req.valid('query').lang)), 200)
    },
  )
  r.openapi(
    createRoute({
      method: 'post',
      path: INTAKE.csvImport,
      tags,
      description:
        'Imports a CSV file in one write: every valid row (mode=valid_only), or all rows or none (mode=all_or_nothing; ' +
        'a refused row makes it a 400 naming each row). Accepts an API token and an Idempotency-Key.',
      request: { headers: IdempotencyHeaders, query: CsvImportQuery.extend(LocaleQuery.shape), body: csvBody },
      responses: { ...ok(CsvImportResult), 422: idempotencyMismatch },
    }),
    async (c) => {
      const actor = requireActor(c)
      const { mode, lang } = c.req.valid('query')
      const bytes = await csvBytes(c)
      const key = requestKey(c, `POST ${INTAKE.csvImport}`, { mode, file: digest(bytes) })
      return reply(c, await importCsv(deps, actor, bytes, mode, key, localeOf(c, lang)))
    },
  )
  r.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/csv/template',
      tags,
      request: { query: LocaleQuery },
      responses: csvFile('The CSV template: the headers in Vietnamese (or ?lang=en), UTF-8 with BOM'),
    }),
    (c) => {
      requireActor(c)
      const locale = localeOf(c, c.req.valid('query').lang)
      return download(c, locale === 'vi' ? 'mau-bao-cao-su-co.csv' : 'incident-report-template.csv', templateCsv(locale)) as never
    },
  )
  r.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/export.csv',
      tags,
      request: { query: LocaleQuery },
      responses: csvFile('The reports the caller may read, for Excel: UTF-8 with BOM, formulas escaped'),
    }),
    (c) => {
      const actor = requireActor(c)
      const csv = exportCsv(deps, actor, localeOf(c, c.req.valid('query').lang))
      const day = new Date(deps.clock.now() + 7 * 3_600_000).toISOString().slice(0, 10)
      return download(c, `incidents-${day}.csv`, csv) as never
    },
  )
  return r
}
