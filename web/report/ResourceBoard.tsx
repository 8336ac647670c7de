// The organisation's vehicles and equipment, live: which crew carries each, add, edit,
// available / maintenance.
import { useMemo } from 'preact/hooks'
import { RESOURCE_KINDS, RESOURCE_MANUAL_STATUSES } from '../../shared/enums'
import { can } from '../../shared/permissions'
import type { Resource } from '../../shared/resource'
import { formatTime } from '../common/format'
import { label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import { setResourceStatus } from './actions'
import { myCrews } from './CrewBoard'
import { createResourceForm } from './entityForms'
import { focusFirstInvalid, FormError, Select, TextInput } from './Fields'
import { EditableTable } from './EditableTable'
import { StatusButtons } from './StatusButtons'

export function ResourceBoard({ desk }: { desk: Desk }) {
  const role = desk.me.value?.role
  const org = desk.me.value?.organizationId
  const rows = desk.resources
    .all()
    .filter((r) => r.organizationId === org)
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'vi'))
  return (
    <EditableTable
      id="resources"
      title={t('board.resources')}
      addLabel={t('report.addResource')}
      empty={t('report.noResources')}
      canAdd={!!role && can(role, 'resource.create')}
      canEdit={!!role && can(role, 'resource.update')}
      headers={[t('report.resourceName'), t('report.resourceKind'), t('report.carriedBy'), t('report.capacity'), t('incident.status')]}
      rows={rows}
      cells={(r) => [
        r.name,
        label('resourceKind', r.kind),
        desk.crews.get(r.crewId)?.name ?? t('report.noCrew'),
        r.capacity ?? '—',
        <>
          <span class={`chip rst-${r.status}`}>{label('resourceStatus', r.status)}</span>{' '}
          <span class="muted small">{t('report.since', { t: formatTime(r.statusChangedAt) })}</span>
        </>,
      ]}
      actions={(r) =>
        role &&
        can(role, 'resource.status') && (
          <StatusButtons
            section="resourceStatus"
            current={r.status}
            choices={RESOURCE_MANUAL_STATUSES}
            locked={r.status === 'assigned' ? t('report.followsDispatch') : null}
            set={(s) => setResourceStatus(desk, r.id, s)}
          />
        )
      }
      editor={(r, done) => <ResourceEditor desk={desk} resource={r} done={done} />}
    />
  )
}

function ResourceEditor({
  desk,
  resource,
  done,
}: {
  desk: Desk
  resource: Resource | null
  done: () => void
}) {
  const form = useMemo(() => createResourceForm(desk, resource), [desk, resource?.id])
  const v = form.values.value
  const errors = form.errors.value
  const crews = myCrews(desk).map((c) => ({ value: String(c.id), label: c.name }))
  return (
    <form
      class="editor"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault()
        const el = e.currentTarget
        if (!(await form.submit())) focusFirstInvalid(el)
        else if (resource) done()
      }}
    >
      <h4>
        {resource ? t('report.editResource', { name: resource.name }) : t('report.addResource')}
      </h4>
      <div class="grid2">
        {!resource && (
          <Select
            name="kind"
            label={t('report.resourceKind')}
            errors={errors}
            value={v.kind}
            onChange={(kind) => form.set({ kind })}
            options={RESOURCE_KINDS.map((k) => ({ value: k, label: label('resourceKind', k) }))}
            placeholder={t('report.choose')}
          />
        )}
        <TextInput
          name="name"
          label={t('report.resourceName')}
          errors={errors}
          value={v.name}
          onInput={(name) => form.set({ name })}
        />
        <Select
          name="crewId"
          label={t('report.carriedBy')}
          errors={errors}
          value={v.crewId}
          onChange={(crewId) => form.set({ crewId })}
          options={crews}
          placeholder={t('report.noCrew')}
        />
        <TextInput
          name="capacity"
          label={t('report.capacity')}
          errors={errors}
          value={v.capacity}
          onInput={(capacity) => form.set({ capacity })}
        />
      </div>
      <FormError errors={errors} shown={['kind', 'name', 'crewId', 'capacity']} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={form.busy.value}>
          {form.busy.value
            ? t('report.sending')
            : resource
              ? t('app.save')
              : t('report.addResource')}
        </button>
        <button type="button" onClick={done}>
          {resource ? t('app.cancel') : t('app.close')}
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
