// The organisation's crews, live: status and since when, add, edit, available / off duty.
import { useMemo } from 'preact/hooks'
import type { Crew } from '../../shared/crew'
import { CREW_MANUAL_STATUSES, CREW_SKILLS } from '../../shared/enums'
import { can } from '../../shared/permissions'
import { formatTime } from '../common/format'
import { label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { setCrewStatus } from './actions'
import { createCrewForm } from './entityForms'
import { Checks, focusFirstInvalid, FormError, TextInput } from './Fields'
import { EditableTable } from './EditableTable'
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
  return (
    <EditableTable
      id="crews"
      title={t('board.crews')}
      addLabel={t('report.addCrew')}
      empty={t('report.noCrews')}
      canAdd={!!role && can(role, 'crew.create')}
      canEdit={!!role && can(role, 'crew.update')}
      headers={[t('report.crewName'), t('report.phone'), t('report.members'), t('report.skills'), t('field.crewStatus')]}
      rows={myCrews(desk)}
      cells={(c) => [
        c.name,
        c.phone ?? '—',
        c.members,
        c.skills.map((s) => label('skill', s)).join(', ') || '—',
        <>
          <span class={`chip cst-${c.status}`}>{label('crewStatus', c.status)}</span>{' '}
          <span class="muted small">{t('report.since', { t: formatTime(c.statusChangedAt) })}</span>
        </>,
      ]}
      actions={(c) =>
        role &&
        can(role, 'crew.status') && (
          <StatusButtons
            section="crewStatus"
            current={c.status}
            choices={CREW_MANUAL_STATUSES}
            locked={ON_DISPATCH.has(c.status) ? t('report.followsDispatch') : null}
            set={(s) => setCrewStatus(desk, c.id, s)}
          />
        )
      }
      editor={(c, done) => <CrewEditor desk={desk} crew={c} done={done} />}
    />
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
