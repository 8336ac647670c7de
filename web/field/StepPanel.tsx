// The one big button for the next legal step, the decline pick list, and the honest state of the
// last tap: "sending", then either done (the dispatch moves on) or "not sent" with a retry.
import { useState } from 'preact/hooks'
import type { Dispatch } from '../../shared/dispatch'
import { DECLINE_REASONS } from '../../shared/enums'
import { formatTime } from '../common/format'
import { now } from '../common/now'
import { errorText, label, t, type Key } from '../i18n/i18n'
import type { Field } from './model'
import type { StepKind } from './outbox'

const STEP_LABEL: Record<StepKind, Key> = {
  acknowledged: 'field.accept',
  declined: 'field.decline',
  en_route: 'field.enRoute',
  on_site: 'field.onSite',
  link: 'field.linkUp',
  completed: 'field.complete',
}

export const stepLabel = (s: StepKind) => t(STEP_LABEL[s])

export function StepPanel({ field, dispatch: d }: { field: Field; dispatch: Dispatch }) {
  const [picking, setPicking] = useState(false)
  const step = field.nextStep(d)
  const held = field.outbox.pending.value.get(d.id)
  // A tap applies only while the dispatch still stands where it was tapped.
  const pending =
    held &&
    held.from === d.status &&
    (held.step === step || (held.step === 'declined' && d.status === 'sent'))
      ? held
      : null
  const sent = field.outbox.sent.value.get(d.id)
  if (!step) return null

  if (pending?.state === 'sending') {
    return (
      <div class="step" aria-live="polite">
        <button type="button" class="big sending" disabled>
          <span class="spinner" aria-hidden="true" />
          {t('field.sending')}
          <small>{stepLabel(pending.step)}</small>
        </button>
      </div>
    )
  }

  if (pending?.state === 'failed') {
    const reason = pending.error === 'network' ? null : errorText(pending.error ?? 'internal')
    return (
      <div class="step" aria-live="assertive">
        <p class="not-sent" role="alert">
          {reason ? t('field.failedCode', { reason }) : t('field.failed')}
          <br />
          <strong>{stepLabel(pending.step)}</strong>
        </p>
        <button type="button" class="big primary" onClick={() => field.outbox.retry(d.id)}>
          {t('app.retry')}
        </button>
        <button type="button" class="secondary" onClick={() => field.outbox.dismiss(d.id)}>
          {t('app.close')}
        </button>
      </div>
    )
  }

  if (picking && d.status === 'sent') {
    return (
      <div class="step" role="group" aria-label={t('field.declineWhy')}>
        <p class="step-title">{t('field.declineWhy')}</p>
        {DECLINE_REASONS.map((r) => (
          <button
            key={r}
            type="button"
            class="secondary reason"
            onClick={() => {
              setPicking(false)
              field.decline(d, r)
            }}
          >
            {label('declineReason', r)}
          </button>
        ))}
        <button type="button" class="link cancel" onClick={() => setPicking(false)}>
          {t('app.cancel')}
        </button>
      </div>
    )
  }

  const checkin = field.checkins.value.get(d.id)
  return (
    <div class="step">
      {(field.needsCheckin(d, now.value) || checkin) && (
        <div class="checkin" role="alert" data-testid="checkin-prompt">
          <p>{checkin === 'failed' ? t('field.failed') : t('escalation.checkinPrompt')}</p>
          <button type="button" class="big" disabled={checkin === 'sending'} onClick={() => void field.checkIn(d)}>
            {checkin === 'sending' ? t('field.sending') : t('escalation.checkinButton')}
          </button>
        </div>
      )}
      {sent && (
        <p class="sent-ok" role="status">
          {t('field.sentStep', { step: stepLabel(sent.step), t: formatTime(sent.at) })}
        </p>
      )}
      <button type="button" class={`big primary step-${step}`} onClick={() => field.take(d, step)}>
        {stepLabel(step)}
      </button>
      {d.status === 'sent' && (
        <button type="button" class="secondary" onClick={() => setPicking(true)}>
          {t('field.decline')}
        </button>
      )}
    </div>
  )
}
