// Bulk intake on the report page: CSV files in and out, and API tokens for the organisation's own
// systems (only for those the permission table lets manage tokens).
import './bulk.css'
import { can } from '../../shared/permissions'
import { t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { CsvImport } from './CsvImport'
import { Tokens } from './Tokens'

export function BulkIntake({ desk }: { desk: Desk }) {
  const role = desk.me.value?.role
  if (!role || !can(role, 'incident.create')) return null
  return (
    <section class="panel" aria-labelledby="intake-title">
      <h2 id="intake-title">{t('intake.title')}</h2>
      <div class="boards intake">
        <CsvImport />
        {can(role, 'token.read') && <Tokens desk={desk} />}
      </div>
    </section>
  )
}
