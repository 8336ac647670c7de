// npm run bench: intake, fan-out, resume, snapshot and crew-page figures, each beside a bare
// ceiling measured in the same run (this host is shared and noisy: the ratios are what hold).
// Prints the tables and writes bench/results/latest.json. Loopback only; every step is bounded.
// env: BENCH_CYCLES (intake rotations, 3), BENCH_SECS (seconds per measurement, 4),
//      BENCH_FANOUT ("1000x20,5000x10": clients x events/s), BENCH_FANOUT_REPS (3)
import { execSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { runFanout, type FanoutStep } from './fanout'
import { CONNECTIONS, runIntake } from './intake'
import { BENCH_DIR, child, round } from './lib'
import { runSnapshot, SIZES } from './snapshot'
import { table } from './table'

const CYCLES = Number(process.env.BENCH_CYCLES ?? 3)
const SECS = Number(process.env.BENCH_SECS ?? 4)
const FANOUT: FanoutStep[] = (process.env.BENCH_FANOUT ?? '1000x20,5000x10').split(',').map((s) => {
  const [clients, rate] = s.split('x').map(Number)
  return { clients: clients!, rate: rate! }
})

const FANOUT_REPS = Number(process.env.BENCH_FANOUT_REPS ?? 3)

const yes = (ok: boolean) => (ok ? 'yes' : 'NO')
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ')

async function main() {
  const started = performance.now()
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    node: process.version,
    commit: execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim(),
    loadBefore: load(),
  }
  console.log(`CommsDesk bench: ${machine.cpus} CPUs, Node ${machine.node}, commit ${machine.commit}, load ${machine.loadBefore}`)
  const clients = await child('ws-clients.ts')

  console.log(`\nIntake: ${CYCLES} cycles × ${SECS} s per configuration, ${CONNECTIONS} connections`)
  const intake = await runIntake(clients, CYCLES, SECS)
  console.log(`\nFan-out: ${FANOUT.map((s) => `${s.clients} × ${s.rate}/s`).join(', ')}, ${SECS} s each, desk and bare in turn ${FANOUT_REPS} times`)
  const fanout = await runFanout(clients, FANOUT, SECS, FANOUT_REPS)
  console.log(`\nSnapshot, resume, crew page: ${SIZES.incidents} incidents, ${SIZES.sites} sites, ${SIZES.crews} crews`)
  const snap = await runSnapshot(clients)
  await clients.stop()

  const head = intake.rows.find((r) => r.headline)!
  console.log('\n## Intake: POST /api/incidents (median of cycles; ratio = req/s ÷ bare req/s of the same cycle)\n')
  console.log(
    table(
      ['configuration', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'server CPU', 'non-2xx'],
      intake.rows.map((r) => [r.name, Math.round(r.rps), r.p50, r.p99, round(r.ratio), round(r.serverCpu), r.non2xx + r.errors]),
    ),
  )
  console.log(
    `goal: durable intake ≥ 0.5× bare and p99 < 50 ms → ratio ${round(head.ratio)} (${yes(head.ratio >= 0.5)}), p99 ${head.p99} ms (${yes(head.p99 < 50)})`,
  )
  const ratio = (a: string, b: string) => {
    const x = intake.rows.find((r) => r.name.startsWith(a))
    const y = intake.rows.find((r) => r.name.startsWith(b))
    return x && y ? round(x.rps / y.rps) : NaN
  }
  console.log(
    `group commit: ${ratio('desk: FULL, group commit', 'desk: FULL, no grouping (')}× the ungrouped rate near sites, ` +
      `${ratio('desk: FULL, group commit, reports', 'desk: FULL, no grouping, reports')}× touching no site; ` +
      `durability: FULL grouped ÷ NORMAL = ${ratio('desk: FULL, group commit, reports', 'desk: NORMAL')}`,
  )

  console.log('\n## Fan-out: publish → receive over /api/live, against a bare ws server in the same run\n')
  console.log(
    table(
      ['clients × events/s', 'desk p50', 'desk p99', 'bare p50', 'bare p99', 'p99 ratio', 'desk slice max', 'bare loop max', 'desk loop delay max', 'KB/conn desk', 'delivered', 'goal', 'met'],
      fanout.steps.map(({ desk, bare, ratioP99 }) => {
        const goal = desk.clients <= 1000 ? 'p99 ≤ 2× bare, ≤ 50 ms' : 'p99 ≤ 250 ms'
        const met = desk.clients <= 1000 ? ratioP99 <= 2 && desk.p99 <= 50 : desk.p99 <= 250
        return [
          `${desk.clients} × ${desk.rate}`,
          round(desk.p50, 1),
          round(desk.p99, 1),
          round(bare.p50, 1),
          round(bare.p99, 1),
          round(ratioP99),
          round(desk.loopMaxMs, 1),
          round(bare.loopMaxMs, 1),
          round(desk.loopDelayMaxMs ?? NaN, 1),
          // RSS after a full GC can shrink while sockets connect: below zero means too small to see.
          desk.memPerConnKB < 0 ? '< 1' : round(desk.memPerConnKB, 1),
          `${round(desk.delivered * 100, 2)} %`,
          goal,
          yes(met && desk.delivered === 1),
        ]
      }),
    ),
  )
  const worstLoop = Math.max(...fanout.steps.map((s) => s.desk.loopMaxMs))
  const worstMem = Math.max(...fanout.steps.map((s) => s.desk.memPerConnKB))
  console.log(
    `goal: no broadcast holds the loop > 20 ms → longest slice ${round(worstLoop, 1)} ms (${yes(worstLoop <= 20)}); ≤ 20 KB per connection → ${round(worstMem, 1)} KB (${yes(worstMem <= 20)})`,
  )
  console.log('(ms; slice = the longest stretch one broadcast held the event loop; loop delay = what a 5 ms timer saw, any cause)')

  const s = snap.snapshot
  console.log('\n## Resume, snapshot, crew page\n')
  console.log(
    table(
      ['figure', 'value', 'bare / size', 'goal', 'met'],
      [
        [`resume: replay of ${snap.resume.missed} missed events to 'ready'`, `${round(snap.resume.ms, 0)} ms`, `${round(snap.resume.runs[0].bytes / 1e6, 2)} MB sent`, '< 1000 ms', yes(snap.resume.ms < 1000)],
        [`snapshot as coordinator (${s.coordinator.counts.incidents} incidents, ${s.coordinator.counts.sites} sites, ${s.coordinator.counts.crews} crews)`, `${round(s.coordinator.ms, 0)} ms`, `${kb(s.coordinator.bytes)} raw, ${kb(s.coordinator.gzipBytes)} gzip`, '< 200 ms', yes(s.coordinator.ms < 200)],
        [`snapshot as enterprise (${s.enterprise.counts.incidents} incidents)`, `${round(s.enterprise.ms, 0)} ms`, `${kb(s.enterprise.bytes)} raw, ${kb(s.enterprise.gzipBytes)} gzip`, '< 200 ms', yes(s.enterprise.ms < 200)],
        ['crew page first load (field.html + JS + CSS)', `${kb(snap.crewPage.gzipBytes)} gzip`, `${kb(snap.crewPage.bytes)} raw; served with encoding: ${snap.crewPage.servedEncoding}`, 'reported', '—'],
      ],
    ),
  )

  await (await import('./network')).runAndPrint() // site status and coverage: 5,000 sites, 20,000 elements
  machine.loadBefore += ` → after: ${load()}`
  const result = { at: new Date().toISOString(), seconds: round((performance.now() - started) / 1000, 1), machine, intake, fanout, snapshot: snap }
  mkdirSync(join(BENCH_DIR, 'results'), { recursive: true })
  writeFileSync(join(BENCH_DIR, 'results', 'latest.json'), JSON.stringify(result, null, 1))
  await (await import('./console')).runAndPrint(join(BENCH_DIR, 'results', 'latest.json')) // console in headless Chromium: first render, a burst of 100 reports
  console.log(`\nload ${machine.loadBefore}; ${result.seconds} s; written to bench/results/latest.json`)
}

const kb = (bytes: number) => `${round(bytes / 1024, 1)} KB`

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
