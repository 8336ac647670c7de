// What every part of the bench shares: the child processes it starts (ended by PID, never by
// name), a request/reply channel over IPC, memory after GC, percentiles and CPU ticks.
import { fork, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url))
export const ROOT = join(BENCH_DIR, '..')

/** CLOCK_MONOTONIC in µs: the same clock in every process of this machine. */
export const nowUs = () => Number(process.hrtime.bigint() / 1000n)
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const owned = new Set<ChildProcess>()
process.on('exit', () => {
  for (const p of owned) if (p.exitCode === null && p.pid) process.kill(p.pid, 'SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130))

export interface Child {
  proc: ChildProcess
  ask<T = any>(cmd: string, args?: Record<string, unknown>): Promise<T>
  stop(): Promise<void>
}

/** Forks a bench script (TypeScript through tsx) that answers commands with serveIpc. */
export async function child(file: string, env: Record<string, string> = {}): Promise<Child> {
  const proc = fork(join(BENCH_DIR, file), [], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=2048'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  owned.add(proc)
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>()
  let next = 0
  proc.on('message', (m: any) => {
    const w = waiting.get(m.id)
    if (!w) return
    waiting.delete(m.id)
    if (m.error) w.reject(new Error(`${file}: ${m.error}`))
    else w.resolve(m.result)
  })
  proc.on('exit', (code) => {
    owned.delete(proc)
    for (const w of waiting.values()) w.reject(new Error(`${file} exited with ${code}`))
    waiting.clear()
  })
  const c: Child = {
    proc,
    ask: (cmd, args = {}) =>
      new Promise((resolve, reject) => {
        const id = ++next
        waiting.set(id, { resolve, reject })
        proc.send({ id, cmd, args })
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || !proc.pid) return resolve()
        proc.once('exit', () => resolve())
        proc.kill('SIGTERM')
        setTimeout(() => proc.exitCode === null && proc.kill('SIGKILL'), 5000).unref()
      }),
  }
  await c.ask('ready')
  return c
}

type Handler = (args: any) => unknown
/** The child's side of child(): each command gets one reply, a result or an error. */
export function serveIpc(handlers: Record<string, Handler>): void {
  process.on('message', async (m: any) => {
    try {
      const handler = handlers[m.cmd]
      if (!handler) throw new Error(`unknown command ${m.cmd}`)
      process.send!({ id: m.id, result: (await handler(m.args)) ?? null })
    } catch (err) {
      process.send!({ id: m.id, error: String((err as Error)?.stack ?? err) })
    }
  })
  process.on('disconnect', () => process.exit(0))
}

/** Heap and RSS after two full collections, so per-connection figures are not garbage. */
export function memory() {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  gc?.()
  const m = process.memoryUsage()
  return { rss: m.rss, heapUsed: m.heapUsed }
}

/** utime + stime of a process in seconds, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) / 100
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export const round = (x: number, digits = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x)
