// Reports from a CSV file: the template, a file picked, a preview naming each refused row, the
// import (all rows or none, or only the valid ones) with a progress bar, and the result.
import { useMemo } from 'preact/hooks'
import { CSV_COLUMNS } from '../../shared/csv'
import type { CsvImportMode, CsvPreview, CsvRowError } from '../../shared/intake'
import { locale, t } from '../i18n/i18n'
import { createCsvModel, type CsvModel } from './bulk'
import { exportUrl, templateUrl } from './bulkActions'

export function CsvImport() {
  const model = useMemo(createCsvModel, [])
  const stage = model.stage.value
  const busy = stage === 'checking' || stage === 'importing'
  const required = CSV_COLUMNS.filter((c) => c.required).map((c) => (locale.value === 'vi' ? c.vi : c.en))
  return (
    <section class="board intake-csv" aria-labelledby="csv-title">
      <div class="board-head">
        <h3 id="csv-title">{t('intake.csvTitle')}</h3>
        <span class="csv-links">
          <a href={templateUrl(locale.value)} download>
            {t('intake.template')}
          </a>
          <a href={exportUrl(locale.value)} download>
            {t('intake.export')}
          </a>
        </span>
      </div>
      <p class="muted small">{t('intake.columnsHint', { columns: required.join(', ') })}</p>
      <label class="fld">
        <span class="fld-label">{t('intake.chooseFile')}</span>
        <input
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => void model.choose(e.currentTarget.files?.[0] ?? null)}
        />
        <span class="fld-hint">{t('intake.fileHint')}</span>
      </label>
      {busy && <Progress model={model} />}
      {model.preview.value && stage !== 'done' && <Preview model={model} preview={model.preview.value} />}
      {stage === 'done' && model.result.value && (
        <p class="notice" role="status">
          {t('intake.imported', { n: model.result.value.imported })}
          {model.result.value.invalid > 0 && <> · {t('intake.skipped', { n: model.result.value.invalid })}</>}
        </p>
      )}
      {stage === 'failed' && (
        <div role="alert">
          <p class="form-error">{model.message.value}</p>
          {model.errors.value.length > 0 && <ErrorList errors={model.errors.value} />}
        </div>
      )}
    </section>
  )
}

function Progress({ model }: { model: CsvModel }) {
  const share = model.progress.value
  const text =
    share !== null && share < 1
      ? t('intake.uploading', { percent: Math.round(share * 100) })
      : model.stage.value === 'importing'
        ? t('intake.importing')
        : t('intake.checking')
  return (
    <div class="csv-progress">
      {/* No value: an indeterminate bar while the server reads or writes. */}
      {share !== null && share < 1 ? <progress max={1} value={share} aria-label={text} /> : <progress aria-label={text} />}
      <span class="small">{text}</span>
    </div>
  )
}

function Preview({ model, preview }: { model: CsvModel; preview: CsvPreview }) {
  const stage = model.stage.value
  const importable = model.mode.value === 'valid_only' ? preview.valid : preview.invalid === 0 ? preview.total : 0
  return (
    <div class="csv-preview">
      <p>
        <strong>{t('intake.previewSummary', { total: preview.total, valid: preview.valid, invalid: preview.invalid })}</strong>
      </p>
      <div class="csv-table-wrap">
        <table class="table csv-table">
          <thead>
            <tr>
              <th>{t('intake.row')}</th>
              {preview.columns.map((c) => (
                <th key={c.header}>{c.header}</th>
              ))}
              <th>{t('intake.errors')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.row} class={r.errors.length ? 'csv-bad' : ''}>
                <td class="num">{r.row}</td>
                {preview.columns.map((c, i) => (
                  <td key={c.header} class={r.errors.some((e) => e.column === c.header) ? 'csv-bad-cell' : ''}>
                    {r.values[i] ?? ''}
                  </td>
                ))}
                <td>{r.errors.length ? r.errors.map((e) => errorLine(e)).join('; ') : t('intake.noErrors')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.truncated && <p class="muted small">{t('intake.moreErrors')}</p>}
      <fieldset class="csv-mode" disabled={stage === 'importing'}>
        <legend>{t('intake.mode')}</legend>
        {MODES.map((m) => (
          <label key={m} class="check">
            <input type="radio" name="csv-mode" value={m} checked={model.mode.value === m} onChange={() => (model.mode.value = m)} />
            {m === 'all_or_nothing' ? t('intake.modeAll') : t('intake.modeValid')}
          </label>
        ))}
      </fieldset>
      <div class="form-actions">
        <button type="button" class="primary" disabled={stage !== 'previewed' || importable === 0} onClick={() => void model.import()}>
          {t('intake.import', { n: importable })}
        </button>
      </div>
    </div>
  )
}

// The safe choice first: it is the default.
const MODES: readonly CsvImportMode[] = ['all_or_nothing', 'valid_only']

const errorLine = (e: CsvRowError) => (e.column ? `${e.column}: ${e.message}` : e.message)

function ErrorList({ errors }: { errors: CsvRowError[] }) {
  return (
    <ul class="csv-errors">
      {errors.slice(0, 200).map((e, i) => (
        <li key={i}>
          {e.row > 0 && <span class="num">{t('intake.rowN', { n: e.row })}</span>} {errorLine(e)}
        </li>
      ))}
    </ul>
  )
}
