import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { distanceM, formatDistance } from '../../shared/geo'
import { ApiFailure } from '../api/client'
import { errorText, label, t } from '../i18n/i18n'
import type { Desk } from '../state/desk'
import type { Reason, Recommendation, Recommendations } from '../../shared/recommendation'
import { loadRecommendations, sendDispatch } from './actions'
import type { ConsoleModel } from './model'

/** Crews by distance to the incident, busy ones shown but not selectable; keyboard first. */
export function DispatchDialog({ desk, model, incidentId }: { desk: Desk; model: ConsoleModel; incidentId: number }) {
  const incident = desk.incidents.get(incidentId)
  const close = () => (model.dispatchFor.value = null)
  const crews = useMemo(() => {
    if (!incident) return []
    return desk.crews
      .all()
      .map((c) => ({ crew: c, dist: c.lat === null || c.lng === null ? Infinity : distanceM(incident, { lat: c.lat, lng: c.lng! }) }))
      .sort((a, b) => Number(b.crew.status === 'available') - Number(a.crew.status === 'available') || a.dist - b.dist)
  }, [incident, desk.crews.version.value])
  const sites = useMemo(() => {
    if (!incident) return []
    return desk.sites
      .all()
      .map((s) => ({ site: s, dist: distanceM(incident, s) }))
      .filter((x) => x.dist <= Math.max(incident.radiusM * 2, 3000))
      .sort((a, b) => Number(b.site.status === 'down') - Number(a.site.status === 'down') || a.dist - b.dist)
      .slice(0, 30)
  }, [incident, desk.sites.version.value])

  const firstFree = crews.findIndex((c) => c.crew.status === 'available')
  const [cursor, setCursor] = useState(Math.max(0, firstFree))
  const [resourceIds, setResourceIds] = useState<number[]>([])
  const [siteId, setSiteId] = useState<number | null>(sites[0]?.site.id ?? null)
  const [task, setTask] = useState(t('dispatch.taskDefault'))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const listRef = useRef<HTMLUListElement>(null)
  const chosen = crews[cursor]?.crew
  const [recs, setRecs] = useState<Recommendations | null>(null)
  const touched = useRef(false)

  // Suggestions for this incident and target site, ranked by the server.
  useEffect(() => {
    let live = true
    loadRecommendations(incidentId, siteId)
      .then((r) => {
        if (!live) return
        // The first answer moves the choice to the best suggestion, unless the user already chose.
        if (!recs && !touched.current && r.items[0]) pick(r.items[0])
        setRecs(r)
      })
      .catch(() => live && setRecs(null))
    return () => {
      live = false
    }
  }, [incidentId, siteId, desk.crews.version.value])

  // The crew's own available equipment comes along by default.
  useEffect(() => {
    if (!chosen) return
    setResourceIds(desk.resources.all().filter((r) => r.crewId === chosen.id && r.status === 'available').map((r) => r.id))
  }, [chosen?.id])

  useEffect(() => {
    listRef.current?.focus()
  }, [])

  if (!incident) return null
  const pick = (rec: Recommendation) => {
    const at = crews.findIndex((c) => c.crew.id === rec.crewId)
    if (at >= 0) setCursor(at)
    if (rec.resourceId !== null) setTimeout(() => setResourceIds([rec.resourceId!]))
  }
  const sendSuggestion = (rec: Recommendation) =>
    send(rec.crewId, rec.resourceId === null ? [] : [rec.resourceId])
  const submit = () => chosen && chosen.status === 'available' && send(chosen.id, resourceIds)
  const send = async (crewId: number, resources: number[]) => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      await sendDispatch({ incidentId, crewId, resourceIds: resources, siteId, task })
      close()
    } catch (e) {
      setError(e instanceof ApiFailure ? errorText(e.code) : t('errors.network'))
    } finally {
      setBusy(false)
    }
  }
  const move = (delta: number) => {
    touched.current = true
    let i = cursor
    do i = Math.min(crews.length - 1, Math.max(0, i + delta))
    while (crews[i] && crews[i]!.crew.status !== 'available' && i > 0 && i < crews.length - 1)
    setCursor(i)
  }
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close()
    else if (e.key === 'ArrowDown') (move(1), e.preventDefault())
    else if (e.key === 'ArrowUp') (move(-1), e.preventDefault())
    else if (e.key === 'Enter' && (e.target as HTMLElement).tagName !== 'TEXTAREA') (e.preventDefault(), submit())
  }
  const available = desk.resources.all().filter((r) => r.status === 'available')

  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && close()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label={t('dispatch.title')} onKeyDown={onKey} data-testid="dispatch-dialog">
        <h2>
          {t('dispatch.title')} — #{incident.id} {incident.title}
        </h2>
        <p class="muted small">{t('dispatch.hint')}</p>
        <section class="recs" aria-label={t('rec.title')} data-testid="recommendations">
          <h3>
            {t('rec.title')}
            {recs?.neededKinds.length ? <span class="muted small"> · {recs.neededKinds.map((k) => label('resourceKind', k)).join(' / ')}</span> : null}
          </h3>
          {recs && recs.items.length === 0 && <p class="muted">{t('rec.none')}</p>}
          <ol class="rec-list">
            {recs?.items.map((rec) => {
              const crew = desk.crews.get(rec.crewId)
              return (
                <li key={rec.crewId} data-rec={rec.crewId} class={chosen?.id === rec.crewId ? 'chosen' : ''}>
                  <span class="rec-rank">{rec.rank}</span>
                  <div class="grow">
                    <strong>{crew?.name ?? `#${rec.crewId}`}</strong>
                    <span class="muted small"> · {desk.organizations.get(crew?.organizationId)?.name ?? ''}</span>
                    <div class="small">{rec.reasons.map(reasonText).join(' · ')}</div>
                  </div>
                  <button type="button" onClick={() => pick(rec)}>
                    {t('rec.choose')}
                  </button>
                  {rec.rank === 1 && (
                    <button type="button" class="primary" disabled={busy || !task.trim()} onClick={() => sendSuggestion(rec)} data-testid="send-suggestion">
                      {t('rec.sendTop')}
                    </button>
                  )}
                </li>
              )
            })}
          </ol>
        </section>
        <div class="dialog-grid">
          <div>
            <h3>{t('dispatch.crew')}</h3>
            <ul class="crew-pick" tabIndex={0} ref={listRef} role="listbox" aria-label={t('dispatch.crew')}>
              {crews.map(({ crew, dist }, i) => {
                const free = crew.status === 'available'
                return (
                  <li
                    key={crew.id}
                    role="option"
                    aria-selected={i === cursor}
                    aria-disabled={!free}
                    data-crew={crew.id}
                    class={`${i === cursor ? 'cursor' : ''}${free ? '' : ' busy'}`}
                    onClick={() => {
                      touched.current = true
                      if (free) setCursor(i)
                    }}
                  >
                    <span class={`dot crew-${crew.status}`} />
                    <span class="grow">{crew.name}</span>
                    <span class="muted small">{dist === Infinity ? '—' : t('dispatch.distance', { d: formatDistance(dist) })}</span>
                    <span class="small">{free ? label('crewStatus', crew.status) : `${label('crewStatus', crew.status)} · ${t('dispatch.busy')}`}</span>
                  </li>
                )
              })}
            </ul>
          </div>
          <div class="dialog-side">
            <label>
              {t('dispatch.site')}
              <select value={siteId ?? ''} onChange={(e) => setSiteId(e.currentTarget.value ? Number(e.currentTarget.value) : null)}>
                <option value="">{t('dispatch.noSite')}</option>
                {sites.map(({ site, dist }) => (
                  <option value={site.id}>
                    {site.name} · {label('siteStatus', site.status)} · {formatDistance(dist)}
                  </option>
                ))}
              </select>
            </label>
            <fieldset class="resource-pick">
              <legend>{t('dispatch.resources')}</legend>
              {available
                .sort((a, b) => Number(b.crewId === chosen?.id) - Number(a.crewId === chosen?.id))
                .slice(0, 40)
                .map((r) => (
                  <label class="check" key={r.id}>
                    <input
                      type="checkbox"
                      data-testid={`resource-${r.id}`}
                      checked={resourceIds.includes(r.id)}
                      onChange={(e) =>
                        setResourceIds(e.currentTarget.checked ? [...resourceIds, r.id] : resourceIds.filter((x) => x !== r.id))
                      }
                    />
                    {r.name} <span class="muted small">({label('resourceKind', r.kind)})</span>
                  </label>
                ))}
            </fieldset>
            <label>
              {t('dispatch.task')}
              <textarea rows={2} value={task} onInput={(e) => setTask(e.currentTarget.value)} maxLength={1000} />
            </label>
          </div>
        </div>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="modal-actions">
          <button type="button" onClick={close}>
            {t('app.cancel')} (Esc)
          </button>
          <button type="button" class="primary" disabled={!chosen || chosen.status !== 'available' || busy || !task.trim()} onClick={submit} data-testid="send-dispatch">
            {t('dispatch.send')} (Enter)
          </button>
        </div>
      </div>
    </div>
  )
}

/** A reason in the user's language: resource kinds and skills are labelled, numbers kept. */
function reasonText(r: Reason): string {
  const p = { ...r.params }
  if (typeof p.kind === 'string') p.kind = label('resourceKind', p.kind).toLowerCase()
  return t(`rec.${r.code}`, p)
}
