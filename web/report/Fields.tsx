// Small labelled controls that show their error beside them and tie it to the input for readers.
import type { ComponentChildren } from 'preact'
import type { FieldErrors } from './issues'

interface Base {
  name: string
  label: string
  errors: FieldErrors
  hint?: string
  class?: string
}

const errId = (name: string) => `err-${name.replace(/\W/g, '-')}`

function Wrap({
  name,
  label,
  errors,
  hint,
  class: cls,
  children,
}: Base & { children: ComponentChildren }) {
  const error = errors[name]
  return (
    <label class={`fld ${cls ?? ''}`}>
      <span class="fld-label">{label}</span>
      {children}
      {hint && <span class="fld-hint">{hint}</span>}
      {error && (
        <span class="field-error" id={errId(name)}>
          {error}
        </span>
      )}
    </label>
  )
}

const a11y = (name: string, errors: FieldErrors) =>
  errors[name] ? { 'aria-invalid': true, 'aria-describedby': errId(name), class: 'invalid' } : {}

export function TextInput(
  p: Base & {
    value: string
    onInput: (v: string) => void
    type?: 'text' | 'tel' | 'datetime-local'
    inputMode?: 'decimal' | 'numeric' | 'tel'
  },
) {
  return (
    <Wrap {...p}>
      <input
        name={p.name}
        // Preact types each input type apart; these three take the same attributes here.
        type={(p.type ?? 'text') as 'text'}
        inputMode={p.inputMode}
        value={p.value}
        onInput={(e) => p.onInput(e.currentTarget.value)}
        {...a11y(p.name, p.errors)}
      />
    </Wrap>
  )
}

export function TextArea(p: Base & { value: string; onInput: (v: string) => void }) {
  return (
    <Wrap {...p}>
      <textarea
        name={p.name}
        rows={3}
        value={p.value}
        onInput={(e) => p.onInput(e.currentTarget.value)}
        {...a11y(p.name, p.errors)}
      />
    </Wrap>
  )
}

export function Select(
  p: Base & {
    value: string
    onChange: (v: string) => void
    options: readonly { value: string; label: string }[]
    placeholder?: string
  },
) {
  return (
    <Wrap {...p}>
      <select
        name={p.name}
        value={p.value}
        onChange={(e) => p.onChange(e.currentTarget.value)}
        {...a11y(p.name, p.errors)}
      >
        {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  )
}

export function Checks<T extends string>(p: {
  name: string
  label: string
  errors: FieldErrors
  options: readonly { value: T; label: string }[]
  value: readonly T[]
  onChange: (v: T[]) => void
}) {
  const toggle = (v: T, on: boolean) =>
    p.onChange(on ? [...p.value, v] : p.value.filter((x) => x !== v))
  return (
    <fieldset class="fld checks" aria-describedby={p.errors[p.name] ? errId(p.name) : undefined}>
      <legend class="fld-label">{p.label}</legend>
      <div class="check-row">
        {p.options.map((o) => (
          <label key={o.value} class="check">
            <input
              type="checkbox"
              data-testid={`${p.name}-${o.value}`}
              checked={p.value.includes(o.value)}
              onChange={(e) => toggle(o.value, e.currentTarget.checked)}
            />
            {o.label}
          </label>
        ))}
      </div>
      {p.errors[p.name] && (
        <span class="field-error" id={errId(p.name)}>
          {p.errors[p.name]}
        </span>
      )}
    </fieldset>
  )
}

/** What went wrong beyond the fields shown: network, permission, conflict, a field off screen. */
export function FormError({ errors, shown }: { errors: FieldErrors; shown: readonly string[] }) {
  const rest = Object.entries(errors).filter(([k]) => !shown.includes(k))
  if (rest.length === 0) return null
  return (
    <p class="error form-error" role="alert">
      {rest.map(([k, m]) => (k ? `${k}: ${m}` : m)).join(' · ')}
    </p>
  )
}

/** After a refused submit, takes the reader to the first field that needs fixing. */
export function focusFirstInvalid(form: HTMLFormElement): void {
  // After the re-render that marks the fields.
  setTimeout(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0)
}
