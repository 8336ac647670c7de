// The right column when no incident is open: crews and equipment, roll-calls, assistance
// requests and final reports owed, as tabs; each tab counts what needs the coordinator.
import { t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { AssistancePanel } from './AssistancePanel'
import { Board } from './Board'
import { FinalReportsPanel } from './FinalReportsPanel'
import { intakeOf, type SideTab } from './intakeModel'
import type { ConsoleModel } from './model'
import { RollcallPanel } from './RollcallPanel'
import './side.css'

export function SidePanel({ desk, model }: { desk: Desk; model: ConsoleModel }) {
  const intake = intakeOf(desk)
  const tab = intake.tab.value
  const tabs: [SideTab, string, number][] = [
    ['forces', t('rollcall.forces'), 0],
    ['rollcall', t('rollcall.tab'), intake.missingNow.value],
    ['assistance', t('assistance.tab'), intake.pendingAssistance.value],
    ['final', t('ladder.tab'), intake.overdueFinal.value],
  ]
  return (
    <div class="side">
      <div class="side-tabs" role="tablist">
        {tabs.map(([key, text, count]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            class={tab === key ? 'active' : ''}
            data-testid={`tab-${key}`}
            onClick={() => (intake.tab.value = key)}
          >
            {text}
            {count > 0 && <span class="tab-count">{count}</span>}
          </button>
        ))}
      </div>
      {tab === 'forces' && <Board desk={desk} model={model} />}
      {tab === 'rollcall' && <RollcallPanel desk={desk} />}
      {tab === 'assistance' && <AssistancePanel desk={desk} model={model} />}
      {tab === 'final' && <FinalReportsPanel desk={desk} model={model} />}
    </div>
  )
}
