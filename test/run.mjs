// Runs every uvu suite under test/ in one process per file group and prints one closing line
// "N passed, N failed" that CI reads. Usage: node test/run.mjs [pattern]
import { spawnSync } from 'node:child_process'

const pattern = process.argv[2] ?? '\\.test\\.ts$'
const res = spawnSync(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', pattern], {
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
  env: { ...process.env, FORCE_COLOR: '0' },
})
process.stdout.write(res.stdout)
const num = (label) => Number(res.stdout.match(new RegExp(`${label}:\\s+(\\d+)`))?.[1] ?? 0)
const total = num('Total')
const passed = num('Passed')
const failed = total - passed - num('Skipped')
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(res.status === 0 && total > 0 ? 0 : 1)
