import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { scratchDirectory } from '../../helpers/weave.js'
import { runNode, tagged, warnings } from '../helpers/processes.js'
import { startServer } from '../helpers/servers.js'

const APP = `
import express from 'express'
import { errorHandler, requestContext } from 'errorweave/express'

const app = express()
app.use(requestContext())
app.get('/fail/:id', () => {
  throw new Error('boom')
})
app.use(errorHandler())
const server = app.listen(0, '127.0.0.1', async () => {
  const response = await fetch('http://127.0.0.1:' + server.address().port + '/fail/1')
  console.log('STATUS ' + response.status)
  server.close()
})
`

test('an app whose only errorweave import is a framework entry reads its settings from the environment and delivers before it exits', async () => {
  const collector = await startServer(() => ({ status: 200 }))
  try {
    const file = path.join(scratchDirectory('entry-only'), 'app.mjs')
    writeFileSync(file, APP)
    const run = await runNode(file, { cwd: path.dirname(file), env: { ERROR_MONITOR_SERVER_URL: `${collector.url}/reports`, ERROR_MONITOR_APIKEY: 'entry-only-key', NODE_ENV: 'production' } })
    expect(run).toMatchObject({ code: 0, hung: false })
    // Express's own default handler logs the error to stderr; errorweave adds nothing there.
    expect(warnings(run.stderr)).toStrictEqual([])
    expect(tagged(run.stdout, 'STATUS')).toStrictEqual([500])
    expect(collector.received).toHaveLength(1)
    const [{ headers, json }] = collector.received
    expect(headers['x-api-key']).toBe('entry-only-key')
    expect(json).toMatchObject({ mechanism: 'framework', message: 'Error: boom', request: { method: 'GET', route: '/fail/:id', params: { id: '1' }, clientIp: '127.0.0.1' } })
  } finally {
    await collector.close()
  }
})
