// The organisation's vehicles and equipment, live: which crew carries each, add, edit,
// available / maintenance.
import { useMemo, useState } from 'preact/hooks'
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
import { StatusButtons } from './StatusButtons'

export function ResourceBoard({ desk }: { desk: Desk }) {
  const role = desk.me.value?.role
  const org = desk.me.value?.organizationId
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<number | null>(null)
  const rows = desk.resources
    .all()
    .filter((r) => r.organizationId === org)
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'vi'))
  return (
    <section class="board" aria-labelledby="resources-title">
      <div class="board-head">
        <h3 id="resources-title">{t('board.resources')}</h3>
        {role && can(role, 'resource.create') && !adding && (
          <button type="button" onClick={() => setAdding(true)}>
            + {t('report.addResource')}
          </button>
        )}
      </div>
      {adding && <ResourceEditor desk={desk} resource={null} done={() => setAdding(false)} />}
      {rows.length === 0 ? (
        <p class="muted">{t('report.noResources')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th>{t('report.resourceName')}</th>
              <th>{t('report.resourceKind')}</th>
              <th>{t('report.carriedBy')}</th>
              <th>{t('report.capacity')}</th>
              <th>{t('incident.status')}</th>
              <th>{t('report.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) =>
              editing === r.id ? (
                <tr key={r.id}>
                  <td colSpan={6}>
                    <ResourceEditor desk={desk} resource={r} done={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={r.id}>
                  <td>{r.name}</td>
                  <td>{label('resourceKind', r.kind)}</td>
                  <td>{desk.crews.get(r.crewId)?.name ?? t('report.noCrew')}</td>
                  <td>{r.capacity ?? '—'}</td>
                  <td>
                    <span class={`chip rst-${r.status}`}>{label('resourceStatus', r.status)}</span>{' '}
                    <span class="muted small">
                      {t('report.since', { t: formatTime(r.statusChangedAt) })}
                    </span>
                  </td>
                  <td class="cell-actions">
                    {role && can(role, 'resource.update') && (
                      <button type="button" onClick={() => setEditing(r.id)}>
                        {t('report.edit')}
                      </button>
                    )}
                    {role && can(role, 'resource.status') && (
                      <StatusButtons
                        section="resourceStatus"
                        current={r.status}
                        choices={RESOURCE_MANUAL_STATUSES}
                        locked={r.status === 'assigned' ? t('report.followsDispatch') : null}
                        set={(s) => setResourceStatus(desk, r.id, s)}
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
