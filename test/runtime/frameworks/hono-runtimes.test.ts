import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { build } from 'esbuild'
import { expect, test } from 'vitest'
import { scratchDirectory } from '../../helpers/weave.js'
import { tagged } from '../helpers/processes.js'

/** errorweave/hono runs where Hono runs: nothing Node-only in it, and a real server on Bun. */

test('a worker bundle of errorweave/hono imports no Node built-in and none of the Node runtime', async () => {
  const directory = scratchDirectory('hono-bundle')
  const entry = path.join(directory, 'worker.mjs')
  writeFileSync(entry, `import errorweave from 'errorweave/hono'\nimport { setTag } from 'errorweave'\nglobalThis.kept = [errorweave, setTag]\n`)
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, platform: 'neutral', mainFields: ['module', 'main'], format: 'esm', write: false, logLevel: 'silent' })
  const code = result.outputFiles[0].text
  expect(code).not.toMatch(/from\s*"node:|require\(/)
  for (const nodeOnly of ['beforeExit', 'ERROR_MONITOR_SERVER_URL']) expect(code).not.toContain(nodeOnly)
})

const BUN_APP = `
import { Hono } from 'hono'
import errorweave from 'errorweave/hono'
import { configure, flush, setTag } from 'errorweave'

configure({ transports: [(report) => console.log('REPORT ' + JSON.stringify(report))] })
const app = new Hono()
app.use(errorweave({ trustProxy: 1, user: (c) => ({ id: c.req.header('x-user') }) }))
app.post('/orders/:id', async (c) => {
  const body = await c.req.json()
  setTag('runtime', 'bun')
  await new Promise((resolve) => setTimeout(resolve, 1))
  throw new Error('refused ' + body.item)
})
app.onError((error, c) => c.text('failed', 500))
const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (request, server) => app.fetch(request, server) })
const response = await fetch('http://127.0.0.1:' + server.port + '/orders/42?x=1', {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-user': 'user01', 'x-forwarded-for': '203.0.113.7' },
  body: JSON.stringify({ item: 'desk', token: 't0ps3cr3t' }),
})
console.log('STATUS ' + JSON.stringify(response.status))
await flush()
server.stop(true)
`

test('on Bun: the request, its user and tag, and the client IP from Bun.serve', () => {
  const directory = scratchDirectory('hono-bun')
  const file = path.join(directory, 'app.mjs')
  writeFileSync(file, BUN_APP)
  const bun = createRequire(import.meta.url).resolve('bun/bin/bun.exe')
  const run = spawnSync(bun, [file], { cwd: directory, encoding: 'utf8', timeout: 60_000 })
  expect(run.stderr).toBe('')
  expect(tagged(run.stdout, 'STATUS')).toStrictEqual([500])
  const [report, ...others] = tagged<Record<string, any>>(run.stdout, 'REPORT')
  expect(others).toStrictEqual([])
  expect(report).toMatchObject({ mechanism: 'framework', user: { id: 'user01' }, tags: { runtime: 'bun' } })
  expect(report.request).toMatchObject({ method: 'POST', route: '/orders/:id', params: { id: '42' }, query: { x: '1' }, body: { item: 'desk', token: '[masked]' }, clientIp: '203.0.113.7' })
})
