// A board of the organisation's own things (crews, equipment): a table that grows an editor in
// place of a row, and an add button above it. The rows, cells and editor are the caller's.
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { t } from '../i18n/i18n'

export interface EditableTableProps<T extends { id: number }> {
  id: string
  title: string
  addLabel: string
  empty: string
  canAdd: boolean
  canEdit: boolean
  headers: string[]
  rows: T[]
  cells(row: T): ComponentChildren[]
  /** Buttons after Edit in the last cell. */
  actions?(row: T): ComponentChildren
  editor(row: T | null, done: () => void): ComponentChildren
}

export function EditableTable<T extends { id: number }>(p: EditableTableProps<T>) {
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<number | null>(null)
  const span = p.headers.length + 1
  return (
    <section class="board" aria-labelledby={`${p.id}-title`}>
      <div class="board-head">
        <h3 id={`${p.id}-title`}>{p.title}</h3>
        {p.canAdd && !adding && (
          <button type="button" onClick={() => setAdding(true)}>
            + {p.addLabel}
          </button>
        )}
      </div>
      {adding && p.editor(null, () => setAdding(false))}
      {p.rows.length === 0 ? (
        <p class="muted">{p.empty}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              {p.headers.map((h) => (
                <th key={h}>{h}</th>
              ))}
              <th>{t('report.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((row) =>
              editing === row.id ? (
                <tr key={row.id}>
                  <td colSpan={span}>{p.editor(row, () => setEditing(null))}</td>
                </tr>
              ) : (
                <tr key={row.id}>
                  {p.cells(row).map((cell, i) => (
                    <td key={i}>{cell}</td>
                  ))}
                  <td class="cell-actions">
                    {p.canEdit && (
                      <button type="button" onClick={() => setEditing(row.id)}>
                        {t('report.edit')}
                      </button>
                    )}
                    {p.actions?.(row)}
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
