// Runs the real server (npm start's entry) as a child process on a free loopback port with its own
// database file, so browser tests drive exactly what a user gets. Stops only the process it started.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

export interface RunningServer {
  url: string
  port: number
  stop(): Promise<void>
  restart(): Promise<void>
  /** SIGKILLs the server process (by its PID) and waits for it to be gone; restart() brings it back. */
  kill9(): Promise<void>
}

export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'commsdesk-browser-'))
  const port = await freePort()
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DB_FILE: join(dir, 'desk.db'), SEED: 'demo', ...extraEnv }
  let child: ChildProcess | null = null

  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
      child = proc
      let out = ''
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000)
      const onData = (d: Buffer) => {
        out += d.toString()
        if (out.includes('listening on')) {
          clearTimeout(timer)
          resolve()
        }
      }
      proc.stdout!.on('data', onData)
      proc.stderr!.on('data', onData)
      proc.on('exit', (code) => {
        clearTimeout(timer)
        if (!out.includes('listening on')) reject(new Error(`server exited with ${code}:\n${out}`))
      })
    })

  const halt = () =>
    new Promise<void>((resolve) => {
      const proc = child as ChildProcess | null
      if (!proc || proc.exitCode !== null) return resolve()
      proc.once('exit', () => resolve())
      proc.kill('SIGTERM')
      setTimeout(() => proc.exitCode === null && proc.kill('SIGKILL'), 5000).unref()
    })

  await launch()
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    kill9: () =>
      new Promise<void>((resolve) => {
        const proc = child as ChildProcess | null
        child = null
        if (!proc || proc.exitCode !== null || proc.signalCode !== null || !proc.pid) return resolve()
        proc.once('exit', () => resolve())
        process.kill(proc.pid, 'SIGKILL')
      }),
    restart: async () => {
      await halt()
      await launch()
    },
    stop: async () => {
      await halt()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
