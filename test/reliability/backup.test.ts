// Backups: `npm run backup -- <file>` copies the database while the desk runs and takes writes,
// checks the copy, and a fresh desk started on the copy has every report acknowledged before the
// backup began, with its event log's hash chain intact.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { startDesk, type DeskProcess } from './desk-process'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Runs the backup command without blocking this process, so the writers keep writing. */
function backup(dbFile: string, target: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', target], {
      env: { ...process.env, DB_FILE: dbFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    proc.stdout.on('data', (d) => (out += d))
    proc.stderr.on('data', (d) => (out += d))
    const timer = setTimeout(() => proc.pid && process.kill(proc.pid, 'SIGKILL'), 30_000)
    proc.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
  })
}

const report = (writer: number, i: number) => ({
  kind: 'outage',
  severity: 'medium',
  title: `Mất tín hiệu truyền dẫn ${writer}-${i}`,
  description: 'Tuyến cáp quang bị đứt do thi công đường; đang chuyển sang tuyến viba dự phòng.',
  lat: 10.35 + i / 10_000,
  lng: 107.08 + writer / 100,
  radiusM: 0,
})

async function allIncidentIds(desk: DeskProcess, cookie: string): Promise<Set<number>> {
  const ids = new Set<number>()
  let after: number | null = 0
  while (after !== null) {
    const res = await desk.get(cookie, `/api/incidents?limit=500&after=${after}`)
    assert.is(res.status, 200)
    const page = (await res.json()) as { items: { id: number }[]; next: number | null }
    for (const i of page.items) ids.add(i.id)
    after = page.next
  }
  return ids
}

test('a backup taken under writes restores into a desk with every report acknowledged before it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'commsdesk-backup-'))
  const copy = join(dir, 'backups', 'desk-copy.db')
  let live: DeskProcess | null = null
  let restored: DeskProcess | null = null
  try {
    live = await startDesk(join(dir, 'desk.db'))
    const desk = live
    const vnpt = await desk.signIn('enterprise')
    const acked: { id: number; at: number }[] = []
    const refused: string[] = []
    let writing = true
    const writer = async (w: number) => {
      for (let i = 0; writing; i++) {
        const res = await desk.post(vnpt, '/api/incidents', report(w, i))
        const body = await res.text()
        if (res.status === 201) acked.push({ id: JSON.parse(body).id, at: performance.now() })
        else refused.push(`${res.status} ${body}`)
      }
    }
    const writers = [0, 1, 2, 3].map(writer)
    await sleep(800)

    const began = performance.now()
    const result = await backup(desk.dbFile, copy)
    const ended = performance.now()
    await sleep(200)
    writing = false
    await Promise.all(writers)

    assert.is(result.code, 0, result.out)
    assert.match(result.out, /integrity ok, foreign keys ok/)
    const head = /head seq (\d+), hash ([0-9a-f]{64})/.exec(result.out)
    assert.ok(head, result.out)
    assert.equal(refused, [], 'every write was acknowledged')
    const before = acked.filter((r) => r.at < began)
    const during = acked.filter((r) => r.at >= began && r.at <= ended)
    assert.ok(before.length >= 20, `reports acknowledged before the backup: ${before.length}`)
    assert.ok(during.length > 0, 'the desk kept acknowledging writes while the backup ran')

    // A second backup to the same file is refused rather than overwriting it.
    const again = await backup(desk.dbFile, copy)
    assert.is(again.code, 1, again.out)
    assert.match(again.out, /never overwrites/)

    await desk.stop()
    restored = await startDesk(copy)
    const coordinator = await restored.signIn('coordinator')
    const ids = await allIncidentIds(restored, coordinator)
    const missing = before.filter((r) => !ids.has(r.id)).map((r) => r.id)
    assert.equal(missing, [], `acknowledged before the backup and missing from it (of ${before.length})`)

    const admin = await restored.signIn('admin')
    const verify = (await (await restored.get(admin, '/api/audit/verify')).json()) as { ok: boolean; head: { seq: number } }
    assert.ok(verify.ok, 'the restored chain verifies')
    assert.ok(verify.head.seq >= Number(head![1]), 'the restored log goes on from the backup head')
  } finally {
    await live?.stop()
    await restored?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('the backup command names its usage and refuses a missing database', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'commsdesk-backup-'))
  try {
    const usage = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/backup.ts'], { stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      proc.stderr.on('data', (d) => (out += d))
      proc.on('exit', (code) => resolve({ code, out }))
    })
    assert.is(usage.code, 1)
    assert.match(usage.out, /Usage: npm run backup -- <file>/)
    const missing = await backup(join(dir, 'none.db'), join(dir, 'copy.db'))
    assert.is(missing.code, 1)
    assert.match(missing.out, /No database at/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
