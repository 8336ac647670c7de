import { signal } from '@preact/signals'

/**
 * Rows by id behind one version signal: an event upserts in place (no copy of 5,000 rows) and
 * bumps the version, which is what components and computeds subscribe to.
 */
export function collection<T extends { id: number }>() {
  const map = new Map<number, T>()
  const version = signal(0)
  return {
    version,
    get(id: number | null | undefined): T | undefined {
      void version.value
      return id == null ? undefined : map.get(id)
    },
    all(): T[] {
      void version.value
      return [...map.values()]
    },
    upsert(...rows: T[]): void {
      for (const r of rows) map.set(r.id, r)
      if (rows.length) version.value++
    },
    replace(rows: T[]): void {
      map.clear()
      for (const r of rows) map.set(r.id, r)
      version.value++
    },
  }
}
export type Collection<T extends { id: number }> = ReturnType<typeof collection<T>>
