// The bare fan-out ceiling: a plain ws server on node:http that serialises each message once and
// sends it to every socket in one loop, with messages shaped and sized like the hub's event frames.
import http from 'node:http'
import { WebSocketServer } from 'ws'
import { memory, nowUs, serveIpc } from './lib'

const server = http.createServer((_req, res) => res.writeHead(404).end())
const wss = new WebSocketServer({ server, perMessageDeflate: false })
wss.on('connection', (ws) => ws.on('error', () => {}))
const port = await new Promise<number>((resolve) =>
  server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => resolve((server.address() as { port: number }).port)),
)

/** Sends `count` messages at `rate` per second; answers with the publish time of each seq. */
function run({ rate, count, size, firstSeq }: { rate: number; count: number; size: number; firstSeq: number }) {
  return new Promise<{ published: [number, number][]; loopMaxMs: number }>((resolve) => {
    const published: [number, number][] = []
    const t0 = performance.now()
    let sent = 0
    let loopMaxMs = 0
    const tick = () => {
      while (sent < count && t0 + (sent * 1000) / rate <= performance.now()) {
        const seq = firstSeq + sent++
        const head = `{"type":"event","event":{"seq":${seq},"pad":"`
        const frame = head + 'x'.repeat(Math.max(0, size - head.length - 4)) + '"}}'
        const t = nowUs()
        for (const c of wss.clients) if (c.readyState === 1) c.send(frame)
        loopMaxMs = Math.max(loopMaxMs, (nowUs() - t) / 1000)
        published.push([seq, t])
      }
      if (sent < count) setTimeout(tick, Math.max(0, t0 + (sent * 1000) / rate - performance.now()))
      else resolve({ published, loopMaxMs })
    }
    tick()
  })
}

serveIpc({
  ready: () => ({ port }),
  memory: () => ({ ...memory(), sockets: wss.clients.size }),
  run,
})
process.on('SIGTERM', () => {
  for (const c of wss.clients) c.terminate()
  server.close()
  process.exit(0)
})
