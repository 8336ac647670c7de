// Roll-calls on the console: open one, and watch each board live: per enterprise and period,
// filed on time, late, missing or not yet due; an enterprise's row opens to its areas.
import { Fragment } from 'preact'
import { useState } from 'preact/hooks'
import { can } from '../../shared/permissions'
import { tally } from '../../shared/rollcall-board'
import type { RollcallBoard, RollcallCell, RollcallPeriod } from '../../shared/rollcall'
import { ApiFailure } from '../api/client'
import { formatDateTime, formatTime } from '../common/format'
import { errorText, label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { closeRollcall } from './intakeActions'
import { intakeOf } from './intakeModel'
import { RollcallOpenForm } from './RollcallOpenForm'

const dayFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit' })

export function RollcallPanel({ desk }: { desk: Desk }) {
  const intake = intakeOf(desk)
  const role = desk.me.value?.role
  const mayManage = !!role && can(role, 'rollcall.manage')
  const [opening, setOpening] = useState(false)
  const boards = intake.boards.value
  return (
    <aside class="panel board stale-dim" aria-label={t('rollcall.title')} data-testid="rollcall-panel">
      <div class="side-head">
        <h3>{t('rollcall.title')}</h3>
        {mayManage && !opening && (
          <button type="button" onClick={() => setOpening(true)} data-testid="open-rollcall">
            + {t('rollcall.open')}
          </button>
        )}
      </div>
      {opening && <RollcallOpenForm desk={desk} done={() => setOpening(false)} />}
      {boards.length === 0 && !opening && <p class="muted">{t('rollcall.none')}</p>}
      {boards.map((b) => (
        <RollcallCard key={b.rollcall.id} desk={desk} board={b} mayManage={mayManage} />
      ))}
    </aside>
  )
}

function RollcallCard({ desk, board, mayManage }: { desk: Desk; board: RollcallBoard; mayManage: boolean }) {
  const intake = intakeOf(desk)
  const [open, setOpen] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const r = board.rollcall
  const now = intake.serverNow.value
  const next = board.periods.find((p) => p.dueAt > now)
  const head = (p: RollcallPeriod) => (r.cadence === 'daily' ? dayFormat.format(p.dueAt) : formatTime(p.dueAt))
  const cells = (org: number, index: number, area?: number) =>
    board.cells.filter((c) => c.organizationId === org && c.index === index && (area === undefined || c.areaId === area))
  const close = async () => {
    setError(null)
    try {
      await closeRollcall(r.id)
    } catch (e) {
      setError(e instanceof ApiFailure ? errorText(e.code) : t('errors.network'))
    }
  }
  return (
    <section class={`rollcall${r.closedAt !== null ? ' closed' : ''}`} data-rollcall={r.id}>
      <div class="side-head">
        <strong class="grow">{r.name}</strong>
        {mayManage && r.closedAt === null && (
          <button type="button" class="link" onClick={close}>
            {t('rollcall.close')}
          </button>
        )}
      </div>
      <div class="muted small">
        {r.cadence === 'daily'
          ? t('rollcall.daily', { t: `${String(Math.floor(r.dueMinute / 60)).padStart(2, '0')}:${String(r.dueMinute % 60).padStart(2, '0')}` })
          : t('rollcall.hourly', { m: String(r.dueMinute % 60).padStart(2, '0') })}
        {' · '}
        {r.closedAt !== null
          ? t('rollcall.closedAt', { t: formatDateTime(r.closedAt) })
          : next && t('rollcall.nextDue', { t: formatDateTime(next.dueAt) })}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {board.periods.length > 0 && (
        <table class="rc-table" data-testid="rollcall-board">
          <thead>
            <tr>
              <th>{t('rollcall.enterprise')}</th>
              {board.periods.map((p) => (
                <th key={p.index} title={formatDateTime(p.dueAt)}>
                  {head(p)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {r.organizationIds.map((org) => (
              <Fragment key={org}>
                <tr class="rc-org" onClick={() => setOpen(open === org ? null : org)} aria-expanded={open === org}>
                  <td class="rc-name">
                    {open === org ? '▾' : '▸'} {desk.organizations.get(org)?.name ?? `#${org}`}
                  </td>
                  {board.periods.map((p) => (
                    <td key={p.index}>
                      <Summary list={cells(org, p.index)} />
                    </td>
                  ))}
                </tr>
                {open === org &&
                  r.areaIds.map((area) => (
                    <tr key={`${org}-${area}`} class="rc-area">
                      <td class="rc-name">{desk.areas.get(area)?.name ?? `#${area}`}</td>
                      {board.periods.map((p) => {
                        const c = cells(org, p.index, area)[0]
                        return <td key={p.index}>{c && <One cell={c} />}</td>
                      })}
                    </tr>
                  ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {board.periods.length > 0 && <Legend />}
    </section>
  )
}

/** One enterprise in one period: the worst news first, as a number; the title says it all. */
function Summary({ list }: { list: RollcallCell[] }) {
  const n = tally(list)
  const title = [
    n.missing > 0 && t('rollcall.missingCount', { n: n.missing }),
    n.late > 0 && t('rollcall.lateCount', { n: n.late }),
    `${label('checkinState', 'on_time')} ${t('rollcall.onTime', { n: n.on_time, total: list.length })}`,
    n.pending > 0 && `${label('checkinState', 'pending')} ${n.pending}`,
  ]
    .filter(Boolean)
    .join(' · ')
  const [cls, text] =
    n.missing > 0
      ? ['rc-missing', String(n.missing)]
      : n.late > 0
        ? ['rc-late', String(n.late)]
        : n.on_time === 0
          ? ['rc-pending', '·']
          : [n.pending > 0 ? 'rc-partial' : 'rc-on_time', t('rollcall.onTime', { n: n.on_time, total: list.length })]
  return (
    <span class={`rc-pill ${cls}`} title={title} aria-label={title}>
      {text}
    </span>
  )
}

/** What the colours mean. */
function Legend() {
  return (
    <div class="rc-legend small muted">
      {(['on_time', 'late', 'missing', 'pending'] as const).map((s) => (
        <span key={s}>
          <span class={`rc-dot rc-${s}`} /> {label('checkinState', s)}
        </span>
      ))}
    </div>
  )
}

/** One area in one period: when it was filed, or that it is missing. */
function One({ cell }: { cell: RollcallCell }) {
  const text = cell.filedAt !== null ? formatTime(cell.filedAt) : cell.state === 'missing' ? '✗' : '·'
  return (
    <span class={`rc-pill rc-${cell.state}`} title={label('checkinState', cell.state)} data-state={cell.state}>
      {text}
    </span>
  )
}
