/**
 * Child process: a storm of errors in a fresh process, for its time and peak memory.
 * `node storm.mjs <dir> <plain|woven> <errors> <burst|ticks>`
 * - burst: every error in one synchronous loop; the queue cannot drain until the end.
 * - ticks: 1000 errors per macrotask, so the runtime builds and hands on reports
 *   between bursts (beforeSend drops them: nothing is sent).
 * The time includes the final flush, so the work deferred by capture is counted.
 * Run with --expose-gc: the retained heap is measured after a full collection.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { reply } from '../lib/child.mjs'

const PER_TICK = 1000
const SAMPLE_EVERY = 10_000

const [dir, variant, errorsArg, shape] = process.argv.slice(2)
const errors = Number(errorsArg)
const { throwMany } = await import(pathToFileURL(path.join(dir, `${variant}.mjs`)).href)
const runtime = await import(pathToFileURL(path.join(dir, 'runtime.mjs')).href)
let reports = 0
let occurrences = 0
runtime.configure({
  beforeSend: (report) => {
    reports++
    occurrences += report.count ?? 1
    return null
  },
})

globalThis.gc()
const heapBefore = process.memoryUsage().heapUsed
let peakHeap = heapBefore
const started = performance.now()
let thrown = 0
while (thrown < errors) {
  const chunk = Math.min(shape === 'ticks' ? PER_TICK : SAMPLE_EVERY, errors - thrown)
  thrown += throwMany(chunk)
  if (thrown % SAMPLE_EVERY === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
  if (shape === 'ticks') await new Promise((resolve) => setTimeout(resolve, 0))
}
const throwingMs = performance.now() - started
await runtime.flush()
const totalMs = performance.now() - started
globalThis.gc()
const retainedMB = (process.memoryUsage().heapUsed - heapBefore) / 1e6

reply({
  variant,
  shape,
  errors,
  throwingMs,
  totalMs,
  usPerError: (totalMs * 1000) / errors,
  peakHeapGrowthMB: (peakHeap - heapBefore) / 1e6,
  retainedMB,
  maxRssMB: process.resourceUsage().maxRSS / 1024,
  reports,
  occurrences,
})
