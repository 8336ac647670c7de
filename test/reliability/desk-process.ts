// The real server (npm start's entry) as a child process on a free loopback port, on a database
// file the test chooses, so a test can back it up or start a second desk on the copy. It stops only
// the process it started, by its PID; a test that fails still leaves nothing running.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { DEMO_PASSWORD } from '../../db/seed/demo'

const running = new Set<ChildProcess>()
process.on('exit', () => {
  for (const p of running) if (p.exitCode === null && p.pid) process.kill(p.pid, 'SIGKILL')
})

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

export interface DeskProcess {
  url: string
  dbFile: string
  /** Signs in over HTTP and returns the session cookie. */
  signIn(username: string): Promise<string>
  /** A JSON write with the cookie and our Origin, as the pages send it. */
  post(cookie: string, path: string, body: unknown): Promise<Response>
  get(cookie: string, path: string): Promise<Response>
  stop(): Promise<void>
}

export async function startDesk(dbFile: string): Promise<DeskProcess> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DB_FILE: dbFile, SEED: 'demo' }
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(proc)
  proc.on('exit', () => running.delete(proc))
  await new Promise<void>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${out}`)), 30_000)
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
      reject(new Error(`server exited with ${code}:\n${out}`))
    })
  })
  const post = (cookie: string, path: string, body: unknown) =>
    fetch(url + path, { method: 'POST', headers: { cookie, origin: url, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return {
    url,
    dbFile,
    post,
    get: (cookie, path) => fetch(url + path, { headers: { cookie } }),
    async signIn(username) {
      const res = await post('', '/api/auth/login', { username, password: DEMO_PASSWORD })
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
      return res.headers.getSetCookie()[0]!.split(';')[0]!
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || !proc.pid) return resolve()
        proc.once('exit', () => resolve())
        process.kill(proc.pid, 'SIGTERM')
        setTimeout(() => proc.exitCode === null && proc.pid && process.kill(proc.pid, 'SIGKILL'), 5000).unref()
      }),
  }
}
