import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { runNode, tagged, writeWovenModule } from '../helpers/processes.js'
import { startServer, type Received, type TestServer } from '../helpers/servers.js'

/**
 * An 85 s collector outage under a steady stream of errors, with every occurrence
 * accounted for: the reports the collector accepted (each Idempotency-Key once) sum
 * their `count`s and `dropped`s to exactly what the app captured, and delivery resumes
 * within 30 s of the collector's return. The runtime's own clock runs 10x faster
 * (helpers/fast-clock.mjs, preloaded into the child), so 85 s of backoff, breaker and
 * windows take 8.5 s; the other delivery tests run the production clock.
 */
const SCALE = 10
const OUTAGE_MS = 85_000 / SCALE
const RUN_MS = 120_000 / SCALE

const APP = `
import { ErrorMonitor, stats } from 'errorweave'
class Feed {
  @ErrorMonitor
  pull(source: string) {
    throw new Error('feed ' + source + ' unavailable')
  }
}
const feed = new Feed()
const sources = Array.from({ length: 52 }, (_, i) => String.fromCharCode(97 + (i % 26)) + (i < 26 ? 'x' : 'y'))
let occurrences = 0
const until = Date.now() + Number(process.env.TEST_RUN_MS)
const timer = setInterval(() => {
  for (let i = 0; i < 2; i++) {
    try { feed.pull(sources[occurrences % sources.length]) } catch {}
    occurrences++
  }
  if (Date.now() >= until) {
    clearInterval(timer)
    console.log('APP ' + JSON.stringify({ occurrences }))
  }
}, 10)
process.on('exit', () => console.log('STATS ' + JSON.stringify(stats())))
`

let app: string
let collector: TestServer
const accepted: Received[] = []
let healthyAt = Infinity

beforeAll(async () => {
  app = writeWovenModule('outage-app', APP, 'src/feed.ts')
  collector = await startServer((request) => {
    if (Date.now() < healthyAt) return { status: 503 }
    accepted.push(request)
    return { status: 202 }
  })
})
afterAll(() => collector.close())

test('an 85 s outage: every occurrence is counted, and delivery resumes within 30 s of the return', async () => {
  healthyAt = Date.now() + OUTAGE_MS
  const run = await runNode(app, {
    env: { ERROR_MONITOR_SERVER_URL: `${collector.url}/report`, TEST_TIME_SCALE: String(SCALE), ERROR_MONITOR_EXIT_TIMEOUT_MS: '100000', TEST_RUN_MS: String(RUN_MS) },
    nodeArgs: ['--import', pathToFileURL(path.join(__dirname, '../helpers/fast-clock.mjs')).href],
    guardMs: 60_000,
  })
  expect(run.code, run.stderr).toBe(0)
  const [{ occurrences }] = tagged<{ occurrences: number }>(run.stdout, 'APP')
  const [stats] = tagged<any>(run.stdout, 'STATS')
  expect(stats.captured).toBe(occurrences)
  // Each report once (a retry the collector already stored carries the same key).
  const byKey = new Map(accepted.map((request) => [request.headers['idempotency-key'], request.json]))
  let counted = 0
  for (const report of byKey.values()) counted += report.count + (report.dropped ?? 0)
  expect(counted).toBe(occurrences)
  // Plenty was lost to the outage, and said so.
  expect([...byKey.values()].some((report) => report.dropped > 0)).toBe(true)
  // The breaker probes within 30 s of the return (3 s at this scale; a second of slack for a loaded machine).
  expect(accepted[0].at - healthyAt).toBeLessThan(30_000 / SCALE + 1000)
  console.log(`85 s outage at 1/${SCALE} time: ${occurrences} occurrences, ${byKey.size} reports accepted, first ${accepted[0].at - healthyAt} ms after the return`)
}, 90_000)
