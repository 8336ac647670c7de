// The shape of the code base: import direction, and catalogues that say the same things.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { en } from '../../web/i18n/en'
import { vi } from '../../web/i18n/vi'

const ROOT = resolve(import.meta.dirname, '../..')

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) return files(path)
    return /\.(ts|tsx)$/.test(name) ? [path] : []
  })
}

/** Relative imports of a file, as folders of the repo: 'shared', 'db', 'server', 'web'. */
function importedFolders(file: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8')
  const specs = [...source.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map((m) => m[1]!)
  return specs.map((s) => relative(ROOT, resolve(join(ROOT, file, '..'), s)).split('/')[0]!)
}

const ALLOWED: Record<string, string[]> = {
  shared: ['shared'],
  db: ['db', 'shared'],
  server: ['server', 'shared', 'db'],
  web: ['web', 'shared'],
}

test('imports go one way: web → shared; server → shared, db; db → shared', () => {
  const wrong: string[] = []
  let seen = 0
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    for (const file of files(folder)) {
      for (const target of importedFolders(file)) {
        seen++
        if (!allowed.includes(target)) wrong.push(`${file} → ${target}`)
      }
    }
  }
  assert.ok(seen > 500, `the scan reads the imports (${seen})`)
  assert.equal(wrong, [])
})

test('shared/ imports nothing but zod and itself', () => {
  const bad = files('shared').filter((f) =>
    [...readFileSync(join(ROOT, f), 'utf8').matchAll(/from\s+['"]([^.'"][^'"]*)['"]/g)].some((m) => m[1] !== 'zod'),
  )
  assert.equal(bad, [])
})

test('the Vietnamese and English catalogues have the same keys, and no empty string', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
  assert.equal(keys(en).sort(), keys(vi).sort())
  const empty = (o: object): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? empty(v).map((e) => `${k}.${e}`) : v === '' ? [k] : []))
  assert.equal([...empty(vi), ...empty(en)], [])
})

test.run()
