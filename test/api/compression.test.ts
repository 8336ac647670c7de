import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { testDesk } from '../helpers'

test('large answers go gzipped to clients that accept it, and decode to the same JSON', async () => {
  const desk = await testDesk()
  const coordinator = await desk.as('coordinator')
  const plain = await coordinator.get('/api/snapshot')
  const zipped = await desk.app.request('/api/snapshot', { headers: { cookie: coordinator.cookie!, 'accept-encoding': 'gzip' } })
  assert.is(zipped.status, 200)
  assert.is(zipped.headers.get('content-encoding'), 'gzip')
  const text = await new Response(zipped.body!.pipeThrough(new DecompressionStream('gzip'))).text()
  assert.equal(JSON.parse(text).seq, plain.body.seq)
  assert.is(plain.headers.get('content-encoding'), null, 'no gzip for a client that did not ask')
})

test.run()
