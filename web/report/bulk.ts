// Models of the intake panel: the organisation's API tokens, and one CSV file on its way in
// (chosen → checked → imported), with the share uploaded for the progress bar.
import { signal } from '@preact/signals'
import type { CsvImportMode, CsvImportResult, CsvPreview, CsvRowError } from '../../shared/intake'
import type { ApiToken } from '../../shared/token'
import { ApiFailure } from '../api/client'
import { failureText } from '../common/failure'
import { t } from '../i18n/i18n'
import { createToken, importCsv, listTokens, previewCsv, revokeToken } from './bulkActions'

export function createTokenModel() {
  const model = {
    items: signal<ApiToken[]>([]),
    /** The secret of the token just created: shown once, dropped when the user says it is saved. */
    fresh: signal<{ name: string; token: string } | null>(null),
    busy: signal(false),
    error: signal<string | null>(null),

    async load(): Promise<void> {
      try {
        model.items.value = await listTokens()
      } catch (err) {
        model.error.value = failureText(err)
      }
    },

    async create(name: string): Promise<boolean> {
      model.busy.value = true
      model.error.value = null
      try {
        const created = await createToken(name)
        model.fresh.value = { name: created.name, token: created.token }
        await model.load()
        return true
      } catch (err) {
        model.error.value = err instanceof ApiFailure && err.status === 400 ? t('intake.nameRequired') : failureText(err)
        return false
      } finally {
        model.busy.value = false
      }
    },

    async revoke(id: number): Promise<void> {
      model.error.value = null
      try {
        await revokeToken(id)
      } catch (err) {
        model.error.value = failureText(err)
      }
      await model.load()
    },
  }
  return model
}
export type TokenModel = ReturnType<typeof createTokenModel>

export type CsvStage = 'idle' | 'checking' | 'previewed' | 'importing' | 'done' | 'failed'

export function createCsvModel() {
  let key = ''
  const model = {
    stage: signal<CsvStage>('idle'),
    /** 0–1 while uploading; null while the server works (an indeterminate bar). */
    progress: signal<number | null>(null),
    file: signal<File | null>(null),
    preview: signal<CsvPreview | null>(null),
    result: signal<CsvImportResult | null>(null),
    /** Row errors of a refused import, or of the file itself. */
    errors: signal<CsvRowError[]>([]),
    message: signal<string | null>(null),
    mode: signal<CsvImportMode>('all_or_nothing'),

    async choose(file: File | null): Promise<void> {
      model.file.value = file
      model.preview.value = null
      model.result.value = null
      model.errors.value = []
      model.message.value = null
      key = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`
      if (!file) {
        model.stage.value = 'idle'
        return
      }
      model.stage.value = 'checking'
      model.progress.value = 0
      try {
        model.preview.value = await previewCsv(file, (p) => (model.progress.value = p))
        model.stage.value = 'previewed'
      } catch (err) {
        model.fail(err)
      }
    },

    async import(): Promise<void> {
      const file = model.file.value
      if (!file) return
      model.stage.value = 'importing'
      model.progress.value = 0
      try {
        model.result.value = await importCsv(file, model.mode.value, key, (p) => (model.progress.value = p))
        model.stage.value = 'done'
      } catch (err) {
        model.fail(err)
      }
    },

    fail(err: unknown): void {
      model.stage.value = 'failed'
      const rows = err instanceof ApiFailure && Array.isArray(err.details) ? (err.details as CsvRowError[]) : []
      model.errors.value = rows.filter((r) => typeof r.row === 'number')
      model.message.value = failureText(err)
    },
  }
  return model
}
export type CsvModel = ReturnType<typeof createCsvModel>
