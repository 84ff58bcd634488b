import { afterAll, beforeAll, expect, test } from 'vitest'
import { runNode, tagged, warnings, writeWovenModule } from '../helpers/processes.js'
import { startServer, type TestServer } from '../helpers/servers.js'

/**
 * A woven app that raises TEST_N distinct errors (letters, so none aggregate), then
 * flushes once per entry of TEST_FLUSHES (ms), printing each result.
 */
const APP = `
import { ErrorMonitor, flush, stats } from 'errorweave'
class Importer {
  @ErrorMonitor
  row(code: string) {
    throw new Error('bad row ' + code)
  }
}
const importer = new Importer()
const code = (index: number) => String.fromCharCode(97 + (index % 26)) + String.fromCharCode(97 + Math.floor(index / 26) % 26) + String.fromCharCode(97 + Math.floor(index / 676))
for (let index = 0; index < Number(process.env.TEST_N); index++) {
  try { importer.row(code(index)) } catch {}
}
for (const ms of (process.env.TEST_FLUSHES ?? '').split(',').filter(Boolean)) {
  console.log('FLUSH ' + JSON.stringify({ ms: Number(ms), done: await flush(Number(ms)), stats: stats().server }))
}
`
let app: string
const servers: TestServer[] = []
beforeAll(() => {
  app = writeWovenModule('resilience-app', APP, 'src/importer.ts')
})
afterAll(async () => {
  for (const server of servers) await server.close()
})

test('circuit breaker: after 5 failures in a row delivery pauses, then a trial request resumes it', async () => {
  let healthy = false
  const collector = await startServer(() => (healthy ? { status: 202 } : { status: 503, headers: { 'retry-after': '0' } }))
  servers.push(collector)
  const running = runNode(app, { env: { ERROR_MONITOR_SERVER_URL: `${collector.url}/report`, TEST_N: '10', TEST_FLUSHES: '1500,15000' } })
  // 503 with "Retry-After: 0" invites instant retries: only the breaker holds them back.
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  while (collector.received.length < 5) await sleep(20)
  await sleep(500)
  const duringPause = collector.received.length
  healthy = true
  const run = await running
  expect(run.code, run.stderr).toBe(0)
  expect(duringPause).toBe(5)
  const [first, second] = tagged<any>(run.stdout, 'FLUSH')
  expect(first).toMatchObject({ done: false, stats: { delivered: 0, failed: 0, queued: 10 } })
  expect(second).toMatchObject({ done: true, stats: { delivered: 10, failed: 0, queued: 0 } })
  expect(warnings(run.stderr)).toStrictEqual(['errorweave: server-url: 5 deliveries failed in a row; pausing (circuit breaker open)'])
  // 5 failures, then exactly the 10 reports (the trial was the first of them).
  expect(collector.received.length).toBe(15)
})

test('a full delivery queue: reports beyond it are counted as lost without being built, and the next delivered report tells how many', async () => {
  let first = true
  const collector = await startServer(() => {
    if (!first) return { status: 202 }
    first = false
    return { status: 503, headers: { 'retry-after': '1' } }
  })
  servers.push(collector)
  const run = await runNode(app, { env: { ERROR_MONITOR_SERVER_URL: `${collector.url}/report`, TEST_N: '150', TEST_FLUSHES: '20000' } })
  expect(run.code, run.stderr).toBe(0)
  const accepted = collector.received.slice(1).map((request) => request.json)
  const lost = accepted.reduce((sum, report) => sum + (report.dropped ?? 0), 0)
  expect(accepted).toHaveLength(100)
  expect(lost).toBe(50)
  expect(accepted.length + lost).toBe(150)
  expect(tagged<any>(run.stdout, 'FLUSH')[0]).toMatchObject({ done: true, stats: { delivered: 100, failed: 50, queued: 0 } })
})
