// The network elements an incident names, with their kind and the effect it has on them. Each is
// fetched once per page (an incident names few) and kept for the next incident that names it.
import { useEffect, useState } from 'preact/hooks'
import { Element, type IncidentElement } from '../../shared/element'
import { api } from '../api/client'
import { label, t } from '../i18n/i18n'

const cache = new Map<number, Promise<Element | null>>()
const fetchElement = (id: number) => {
  let p = cache.get(id)
  if (!p) {
    // A failure is not kept, so the next opening tries again.
    p = api(Element, 'GET', `/elements/${id}`).catch(() => {
      cache.delete(id)
      return null
    })
    cache.set(id, p)
  }
  return p
}

export function IncidentElements({ named }: { named: readonly IncidentElement[] }) {
  const [found, setFound] = useState<Map<number, Element>>(new Map())
  const ids = named.map((n) => n.elementId).join(',')
  useEffect(() => {
    let live = true
    void Promise.all(named.map((n) => fetchElement(n.elementId))).then((rows) => {
      if (live) setFound(new Map(rows.filter((e): e is Element => e !== null).map((e) => [e.id, e])))
    })
    return () => {
      live = false
    }
  }, [ids])
  if (named.length === 0) return null
  return (
    <>
      <h3>{t('network.namedElements')}</h3>
      <ul class="site-list" data-testid="incident-elements">
        {named.map((n) => {
          const e = found.get(n.elementId)
          return (
            <li key={n.elementId}>
              {e ? e.name : `#${n.elementId}`}
              {e && <span class="muted"> · {label('elementKind', e.kind)}</span>}
              <span class="muted"> · </span>
              <strong class={n.effect === 'down' ? 'st-down' : 'st-at_risk'}>{label('elementState', n.effect)}</strong>
            </li>
          )
        })}
      </ul>
    </>
  )
}
