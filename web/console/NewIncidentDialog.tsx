// A coordinator takes a report by phone: the same form the enterprises use (checked with the same
// schema, with the preview of the sites it would put down or at risk), in a dialog on the console.
import { useMemo } from 'preact/hooks'
import '../common/incident-form.css'
import { t } from '../i18n/i18n'
import { IncidentForm } from '../report/IncidentForm'
import { createIncidentForm } from '../report/incidentForm'
import type { Desk } from '../state/desk'
import type { ConsoleModel } from './model'

export function NewIncidentDialog({ desk, model }: { desk: Desk; model: ConsoleModel }) {
  const form = useMemo(() => createIncidentForm(desk, null), [desk])
  const close = () => (model.creating.value = false)
  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && close()}>
      <div
        class="modal new-incident"
        role="dialog"
        aria-modal="true"
        aria-label={t('report.newReport')}
        data-testid="new-incident-dialog"
        onKeyDown={(e) => e.key === 'Escape' && close()}
      >
        <IncidentForm
          desk={desk}
          form={form}
          onCancel={close}
          onSaved={(incident) => {
            close()
            model.select(incident.id)
          }}
        />
      </div>
    </div>
  )
}
