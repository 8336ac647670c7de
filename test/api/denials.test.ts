import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { headSeq, testDesk } from '../helpers'

test('a refused action appends no event but is kept in the audit of denials', async () => {
  const desk = await testDesk()
  const [observer, admin, coordinator] = await Promise.all([desk.as('observer'), desk.as('admin'), desk.as('coordinator')])
  const seq = headSeq(desk.deps)
  const res = await observer.post('/api/incidents', { kind: 'outage', severity: 'low', title: 'Thử', lat: 10.4, lng: 107.1 })
  assert.is(res.status, 403)
  await desk.deps.writer.drain()
  assert.is(headSeq(desk.deps), seq, 'no event')
  const denials = (await admin.get('/api/audit/denials')).body
  assert.is(denials[0].code, 'forbidden')
  assert.is(denials[0].method, 'POST')
  assert.is(denials[0].path, '/api/incidents')
  assert.is(denials[0].role, 'observer')
  assert.is((await coordinator.get('/api/audit/denials')).status, 403, 'only admins read it')
  assert.throws(() => desk.deps.db.$client.prepare('DELETE FROM access_denials').run(), /append-only/)
})

test.run()
