// Coverage by area: the table in the board and the map legend of the choropleth. Both read the
// console model's coverage, derived from the live sites, so they move with every event.
import { troubleShare } from '../../shared/coverage'
import { label, t } from '../i18n/i18n'
import { COVERAGE_CLASSES, coverageClass } from '../map/coverage'
import type { ConsoleModel } from './model'
import './coverage.css'

const COLUMNS = ['down', 'at_risk', 'on_backup'] as const

export function CoverageTable({ model }: { model: ConsoleModel }) {
  const rows = model.coverage.value.filter((r) => r.level !== 'commune')
  return (
    <section aria-labelledby="coverage-title">
      <h3 id="coverage-title">{t('network.coverage')}</h3>
      <table class="board-table coverage-table" data-testid="coverage-table">
        <thead>
          <tr>
            <th class="grow" scope="col">{t('network.area')}</th>
            <th scope="col" title={t('network.total')}>
              {t('network.total')}
            </th>
            {COLUMNS.map((s) => (
              <th key={s} scope="col" title={label('siteStatus', s)} aria-label={label('siteStatus', s)}>
                <span class={`sw st-bg-${s}`} />
              </th>
            ))}
            <th scope="col" title={t('network.pollingNoServiceLong')}>
              {t('network.pollingNoService')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const c = coverageClass(troubleShare(r))
            return (
              <tr key={r.areaId} data-area={r.areaId} class={r.level === 'province' ? 'coverage-province' : undefined}>
                <th scope="row" class="grow">
                  <span class="coverage-swatch" style={{ background: c.colour }} />
                  {r.level === 'province' ? t('network.province') : r.name}
                </th>
                <td>{r.total}</td>
                <td class={r.down ? 'st-down' : 'muted'}>{r.down}</td>
                <td class={r.atRisk ? 'st-at_risk' : 'muted'}>{r.atRisk}</td>
                <td class={r.onBackup ? 'st-on_backup' : 'muted'}>{r.onBackup}</td>
                <td class={r.pollingNoService ? 'st-down' : 'muted'} data-testid="polling-no-service">
                  {r.pollingNoService}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}

/** The choropleth's classes, for the map legend. */
export function CoverageLegend() {
  const pct = (x: number) => `${Math.round(x * 100)}%`
  return (
    <div class="coverage-legend">
      <strong>{t('network.legend')}</strong>
      {COVERAGE_CLASSES.map((c, i) => {
        const from = i === 0 ? 0 : COVERAGE_CLASSES[i - 1]!.max
        const text = i === 0 ? '0%' : `${pct(from)}–${pct(c.max)}`
        return (
          <div key={c.max}>
            <span class="sw" style={{ background: c.colour, opacity: Math.min(1, c.opacity * 2 + 0.2) }} />
            {text}
          </div>
        )
      })}
    </div>
  )
}
