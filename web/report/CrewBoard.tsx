// The organisation's crews, live: status and since when, add, edit, available / off duty.
import { useMemo, useState } from 'preact/hooks'
import type { Crew } from '../../shared/crew'
import { CREW_MANUAL_STATUSES, CREW_SKILLS } from '../../shared/enums'
import { can } from '../../shared/permissions'
import { formatTime } from '../common/format'
import { label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { setCrewStatus } from './actions'
import { createCrewForm } from './entityForms'
import { Checks, focusFirstInvalid, FormError, TextInput } from './Fields'
import { StatusButtons } from './StatusButtons'

const ON_DISPATCH = new Set(['dispatched', 'en_route', 'on_site'])

export function myCrews(desk: Desk): Crew[] {
  const org = desk.me.value?.organizationId
  return desk.crews
    .all()
    .filter((c) => c.organizationId === org)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
}

export function CrewBoard({ desk }: { desk: Desk }) {
  const role = desk.me.value?.role
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<number | null>(null)
  const crews = myCrews(desk)
  return (
    <section class="board" aria-labelledby="crews-title">
      <div class="board-head">
        <h3 id="crews-title">{t('board.crews')}</h3>
        {role && can(role, 'crew.create') && !adding && (
          <button type="button" onClick={() => setAdding(true)}>
            + {t('report.addCrew')}
          </button>
        )}
      </div>
      {adding && <CrewEditor desk={desk} crew={null} done={() => setAdding(false)} />}
      {crews.length === 0 ? (
        <p class="muted">{t('report.noCrews')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th>{t('report.crewName')}</th>
              <th>{t('report.phone')}</th>
              <th>{t('report.members')}</th>
              <th>{t('report.skills')}</th>
              <th>{t('field.crewStatus')}</th>
              <th>{t('report.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {crews.map((c) =>
              editing === c.id ? (
                <tr key={c.id}>
                  <td colSpan={6}>
                    <CrewEditor desk={desk} crew={c} done={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>{c.phone ?? '—'}</td>
                  <td>{c.members}</td>
                  <td>{c.skills.map((s) => label('skill', s)).join(', ') || '—'}</td>
                  <td>
                    <span class={`chip cst-${c.status}`}>{label('crewStatus', c.status)}</span>{' '}
                    <span class="muted small">
                      {t('report.since', { t: formatTime(c.statusChangedAt) })}
                    </span>
                  </td>
                  <td class="cell-actions">
                    {role && can(role, 'crew.update') && (
                      <button type="button" onClick={() => setEditing(c.id)}>
                        {t('report.edit')}
                      </button>
                    )}
                    {role && can(role, 'crew.status') && (
                      <StatusButtons
                        section="crewStatus"
                        current={c.status}
                        choices={CREW_MANUAL_STATUSES}
                        locked={ON_DISPATCH.has(c.status) ? t('report.followsDispatch') : null}
                        set={(s) => setCrewStatus(desk, c.id, s)}
                      />
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  )
}

function CrewEditor({ desk, crew, done }: { desk: Desk; crew: Crew | null; done: () => void }) {
  const form = useMemo(() => createCrewForm(desk, crew), [desk, crew?.id])
  const v = form.values.value
  const errors = form.errors.value
  return (
    <form
      class="editor"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault()
        const el = e.currentTarget
        if (!(await form.submit())) focusFirstInvalid(el)
        else if (crew) done()
      }}
    >
      <h4>{crew ? t('report.editCrew', { name: crew.name }) : t('report.addCrew')}</h4>
      <div class="grid3">
        <TextInput
          name="name"
          label={t('report.crewName')}
          errors={errors}
          value={v.name}
          onInput={(name) => form.set({ name })}
        />
        <TextInput
          name="phone"
          type="tel"
          inputMode="tel"
          label={t('report.phone')}
          errors={errors}
          value={v.phone}
          onInput={(phone) => form.set({ phone })}
        />
        <TextInput
          name="members"
          inputMode="numeric"
          label={t('report.members')}
          errors={errors}
          value={v.members}
          onInput={(members) => form.set({ members })}
        />
      </div>
      <Checks
        name="skills"
        label={t('report.skills')}
        errors={errors}
        value={v.skills}
        onChange={(skills) => form.set({ skills })}
        options={CREW_SKILLS.map((s) => ({ value: s, label: label('skill', s) }))}
      />
      <FormError errors={errors} shown={['name', 'phone', 'members', 'skills']} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={form.busy.value}>
          {form.busy.value ? t('report.sending') : crew ? t('app.save') : t('report.addCrew')}
        </button>
        <button type="button" onClick={done}>
          {crew ? t('app.cancel') : t('app.close')}
        </button>
        {form.notice.value && (
          <span class="notice" role="status">
            {form.notice.value}
          </span>
        )}
      </div>
    </form>
  )
}
