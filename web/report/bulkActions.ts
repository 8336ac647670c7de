// The bulk intake panel's calls: API tokens through the JSON client, CSV files through XHR, which
// alone reports upload progress. Row errors come back in the page's language.
import type { z } from 'zod'
import { ApiError } from '../../shared/errors'
import { CsvImportResult, CsvPreview, type CsvImportMode } from '../../shared/intake'
import { ApiToken, ApiTokenCreated } from '../../shared/token'
import { api, ApiFailure } from '../api/client'
import { locale } from '../i18n/i18n'

export const listTokens = () => api(ApiToken.array(), 'GET', '/tokens')
export const createToken = (name: string) => api(ApiTokenCreated, 'POST', '/tokens', { name })
export const revokeToken = (id: number) => api(ApiToken, 'POST', `/tokens/${id}/revoke`, {})

export const templateUrl = (lang: string) => `/api/incidents/csv/template?lang=${lang}`
export const exportUrl = (lang: string) => `/api/incidents/export.csv?lang=${lang}`

type Progress = (share: number | null) => void

/** Sends the file as text/csv; onProgress gets the uploaded share (0–1), then null while the server works. */
function sendCsv<T extends z.ZodType>(
  schema: T,
  path: string,
  file: Blob,
  onProgress: Progress,
  headers: Record<string, string> = {},
): Promise<z.infer<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api${path}`)
    xhr.setRequestHeader('content-type', 'text/csv')
    xhr.setRequestHeader('accept-language', locale.value)
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v)
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable ? e.loaded / e.total : null)
    xhr.upload.onload = () => onProgress(null)
    xhr.onerror = () => reject(new ApiFailure(0, 'network', 'Network error'))
    xhr.onload = () => {
      let json: unknown
      try {
        json = JSON.parse(xhr.responseText)
      } catch {
        return reject(new ApiFailure(xhr.status, xhr.status >= 500 ? 'internal' : 'network', 'Not JSON'))
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        const err = ApiError.safeParse(json)
        return reject(
          err.success
            ? new ApiFailure(xhr.status, err.data.code, err.data.message, err.data.details)
            : new ApiFailure(xhr.status, 'internal', `HTTP ${xhr.status}`),
        )
      }
      const parsed = schema.safeParse(json)
      if (parsed.success) resolve(parsed.data)
      else reject(new ApiFailure(xhr.status, 'internal', 'Unexpected answer'))
    }
    xhr.send(file)
  })
}

export const previewCsv = (file: Blob, onProgress: Progress) =>
  sendCsv(CsvPreview, '/incidents/csv/preview', file, onProgress)

/** One Idempotency-Key per chosen file: a double click or a retry cannot import it twice. */
export const importCsv = (file: Blob, mode: CsvImportMode, key: string, onProgress: Progress) =>
  sendCsv(CsvImportResult, `/incidents/csv/import?mode=${mode}`, file, onProgress, { 'idempotency-key': key })
