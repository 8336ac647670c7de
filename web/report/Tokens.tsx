// The organisation's API tokens: create one (its secret shown once), see when each was last used,
// revoke one at once.
import { useEffect, useMemo, useState } from 'preact/hooks'
import { can } from '../../shared/permissions'
import { formatDateTime } from '../common/format'
import { t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { useLatestSeq } from '../state/liveEvents'
import { createTokenModel, type TokenModel } from './bulk'

export function Tokens({ desk }: { desk: Desk }) {
  const model = useMemo(createTokenModel, [])
  // Tokens are not in the desk's snapshot: read them here, and again when a colleague changes one.
  const tokenSeq = useLatestSeq(desk, (e) => e.entityType === 'token')
  useEffect(() => void model.load(), [model, tokenSeq])
  const role = desk.me.value?.role
  const mayWrite = !!role && can(role, 'token.write')
  return (
    <section class="board intake-tokens" aria-labelledby="tokens-title">
      <div class="board-head">
        <h3 id="tokens-title">{t('intake.tokensTitle')}</h3>
      </div>
      <p class="muted small">{t('intake.tokensHint')}</p>
      {mayWrite && <NewToken model={model} />}
      {model.fresh.value && <FreshToken model={model} />}
      {model.error.value && (
        <p class="form-error" role="alert">
          {model.error.value}
        </p>
      )}
      <TokenTable model={model} mayWrite={mayWrite} />
    </section>
  )
}

function NewToken({ model }: { model: TokenModel }) {
  const [name, setName] = useState('')
  const submit = async (e: Event) => {
    e.preventDefault()
    if (await model.create(name)) setName('')
  }
  return (
    <form class="token-new" onSubmit={submit}>
      <label class="fld">
        <span class="fld-label">{t('intake.tokenName')}</span>
        <input name="token-name" value={name} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary" disabled={model.busy.value || name.trim() === ''}>
        {t('intake.createToken')}
      </button>
    </form>
  )
}

function FreshToken({ model }: { model: TokenModel }) {
  const fresh = model.fresh.value!
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(fresh.token)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  return (
    <div class="token-fresh" role="status">
      <p>
        <strong>{fresh.name}</strong> — {t('intake.tokenOnce')}
      </p>
      <code class="token-secret">{fresh.token}</code>
      <div class="form-actions">
        <button type="button" onClick={copy}>
          {copied ? t('intake.copied') : t('intake.copy')}
        </button>
        <button type="button" onClick={() => (model.fresh.value = null)}>
          {t('intake.saved')}
        </button>
      </div>
    </div>
  )
}

function TokenTable({ model, mayWrite }: { model: TokenModel; mayWrite: boolean }) {
  const items = model.items.value
  if (items.length === 0) return <p class="muted">{t('intake.noTokens')}</p>
  return (
    <table class="table">
      <thead>
        <tr>
          <th>{t('intake.name')}</th>
          <th>{t('intake.prefix')}</th>
          <th>{t('intake.createdAt')}</th>
          <th>{t('intake.lastUsed')}</th>
          <th>{t('intake.status')}</th>
          {mayWrite && <th>{t('report.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((tok) => (
          <tr key={tok.id} class={tok.revokedAt ? 'muted' : ''}>
            <td>{tok.name}</td>
            <td>
              <code>{tok.prefix}…</code>
            </td>
            <td>{formatDateTime(tok.createdAt)}</td>
            <td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t('intake.never')}</td>
            <td>
              {tok.revokedAt ? t('intake.revokedAt', { t: formatDateTime(tok.revokedAt) }) : t('intake.active')}
            </td>
            {mayWrite && (
              <td class="cell-actions">
                {!tok.revokedAt && (
                  <button
                    type="button"
                    onClick={() => {
                      if (confirm(t('intake.confirmRevoke', { name: tok.name }))) void model.revoke(tok.id)
                    }}
                  >
                    {t('intake.revoke')}
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
