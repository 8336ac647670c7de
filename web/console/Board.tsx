import { RESOURCE_KINDS } from '../../shared/enums'
import { formatDuration } from '../common/format'
import { now } from '../common/now'
import { label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { CoverageTable } from './Coverage'
import type { ConsoleModel } from './model'

/** Every crew with its status and time in status; equipment by kind and status. */
export function Board({ desk, model }: { desk: Desk; model: ConsoleModel }) {
  const crews = desk.crews.all().sort((a, b) => a.status.localeCompare(b.status) || a.name.localeCompare(b.name, 'vi'))
  const resources = desk.resources.all()
  return (
    <aside class="panel board stale-dim" aria-label={t('board.crews')}>
      <CoverageTable model={model} />
      <h3>{t('board.crews')}</h3>
      <table class="board-table" data-testid="crew-board">
        <tbody>
          {crews.map((c) => (
            <tr key={c.id} data-crew={c.id}>
              <td>
                <span class={`dot crew-${c.status}`} />
              </td>
              <td class="grow">{c.name}</td>
              <td class="nowrap" data-testid="crew-status">{label('crewStatus', c.status)}</td>
              <td class="muted nowrap">{formatDuration(now.value - c.statusChangedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('board.resources')}</h3>
      <table class="board-table">
        <tbody>
          {RESOURCE_KINDS.map((k) => {
            const of = resources.filter((r) => r.kind === k)
            if (of.length === 0) return null
            const free = of.filter((r) => r.status === 'available').length
            return (
              <tr key={k}>
                <td class="grow">{label('resourceKind', k)}</td>
                <td class="nowrap">
                  <span class="st-ok">{free}</span> / {of.length} {label('resourceStatus', 'available').toLowerCase()}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </aside>
  )
}
