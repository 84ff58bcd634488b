import { afterAll, beforeAll, expect, test } from 'vitest'
import { startCollector, type Collector } from '../../../src/cli/collector.js'
import { runNode, tagged, writeWovenModule } from '../helpers/processes.js'

/**
 * 1,000,000 errors through one woven method, in a child process with --expose-gc.
 * `sync`: one synchronous loop, so the capture queue overflows (drop-oldest, counted);
 * `batched`: 500 errors per macrotask, so nothing is dropped and aggregation does the work.
 * Either way the collector's counts plus the counted losses add up to exactly 1,000,000,
 * and the heap after GC stays within a fixed bound, sampled every 100,000 errors.
 */
const STORM_APP = `
import { ErrorMonitor, configure, flush, stats } from 'errorweave'

export class Parser {
  @ErrorMonitor
  parse(text: string) {
    const size = text.length
    if (size === 0) throw new TypeError('empty input')
    return size
  }
}

const TOTAL = 1_000_000
const mode = process.argv[2]
const gc = (globalThis as any).gc as () => void
const heap = () => { gc(); return process.memoryUsage().heapUsed }
const parser = new Parser()
const baseline = heap()
const samples: number[] = []
let caught = 0
const started = Date.now()
for (let done = 0; done < TOTAL; ) {
  const end = Math.min(TOTAL, done + (mode === 'sync' ? 100_000 : 500))
  for (let i = done; i < end; i++) {
    try { parser.parse('') } catch { caught++ }
  }
  done = end
  if (done % 100_000 === 0) samples.push(heap() - baseline)
  if (mode === 'batched') await new Promise((resolve) => setTimeout(resolve, 0))
}
const stormMs = Date.now() - started
const flushed = await flush(30_000)
console.log('STORM ' + JSON.stringify({ caught, stormMs, flushed, samples, rss: process.memoryUsage().rss, stats: stats() }))
`

let collector: Collector
let app: string

beforeAll(async () => {
  collector = await startCollector({ port: 0, apikey: 'storm-key', out: null, print: () => undefined })
  app = writeWovenModule('storm-app', STORM_APP, 'src/parser.ts')
})
afterAll(() => collector.close())

const MiB = 1024 * 1024

for (const mode of ['sync', 'batched'] as const) {
  test(`a storm of 1,000,000 errors (${mode}) stays within a fixed memory bound and every occurrence is accounted for`, async () => {
    collector.reports.length = 0
    const run = await runNode(app, {
      args: [mode],
      nodeArgs: ['--expose-gc'],
      env: { ERROR_MONITOR_SERVER_URL: `${collector.url}/report`, ERROR_MONITOR_APIKEY: 'storm-key' },
      guardMs: 90_000,
    })
    expect(run.hung).toBe(false)
    expect(run.code, run.stderr).toBe(0)
    const [result] = tagged<any>(run.stdout, 'STORM')
    expect(result.caught).toBe(1_000_000)
    expect(result.flushed).toBe(true)
    const counted = collector.reports.reduce((sum, report) => sum + (report.count as number), 0)
    const lost = collector.reports.reduce((sum, report) => sum + ((report.dropped as number | undefined) ?? 0), 0)
    expect(counted + lost).toBe(1_000_000)
    expect(result.stats.captured).toBe(1_000_000)
    expect(result.stats.dropped).toBe(lost)
    if (mode === 'batched') expect(lost).toBe(0)
    // Aggregated: a handful of reports, not a million.
    expect(collector.reports.length).toBeLessThan(100)
    expect(new Set(collector.reports.map((report) => report.fingerprint)).size).toBe(1)
    // Fixed bound: the retained heap never grows past a few MiB, and does not grow with the count.
    expect(Math.max(...result.samples)).toBeLessThan(8 * MiB)
    expect(result.samples.at(-1) - result.samples[0]).toBeLessThan(2 * MiB)
    console.log(
      `${mode} storm: ${result.stormMs} ms for 1e6 errors, ${collector.reports.length} reports, counts ${counted}, dropped ${lost}, ` +
        `heap after GC vs before: ${result.samples.map((bytes: number) => (bytes / MiB).toFixed(2)).join(' / ')} MiB, rss ${(result.rss / MiB).toFixed(0)} MiB`,
    )
  })
}
