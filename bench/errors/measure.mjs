/**
 * Child process: the cost of one error, per error, in interleaved rounds:
 * a bare throw/catch (plain build), a throw through the woven function with capture
 * disabled (the rethrow alone) and with capture enabled (the catch block queues the
 * error; building and sending happen later, off the failing call).
 * Between samples the queue is flushed (not timed), so no sample overflows it.
 * `node measure.mjs <dir>`
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { measureCases } from '../lib/cases.mjs'
import { reply } from '../lib/child.mjs'
import { interleave, roundsFor, summarize, timeMs } from '../lib/stats.mjs'
import { parts } from './parts.mjs'

const ERRORS_PER_SAMPLE = 500
const ROUNDS = roundsFor('BENCH_ERROR_ROUNDS', 151, 31)

const dir = process.argv[2]
const load = async (name) => import(pathToFileURL(path.join(dir, `${name}.mjs`)).href)
const [plain, woven, runtime] = await Promise.all([load('plain'), load('woven'), load('runtime')])
let delivered = 0
runtime.configure({
  beforeSend: (report) => {
    delivered += report.count ?? 1
    return null
  },
})

const variants = {
  bare: () => plain.throwMany(ERRORS_PER_SAMPLE),
  rethrow: () => {
    runtime.configure({ enabled: false })
    try {
      return woven.throwMany(ERRORS_PER_SAMPLE)
    } finally {
      runtime.configure({ enabled: true })
    }
  },
  capture: () => woven.throwMany(ERRORS_PER_SAMPLE),
}
const names = Object.keys(variants)
const drainMs = []
for (let i = 0; i < 20; i++) for (const name of names) await sample(name)
delivered = 0
drainMs.length = 0
const { times, ratios } = await interleave(names, ROUNDS, (name) => sample(name))
if (delivered !== ROUNDS * ERRORS_PER_SAMPLE) throw new Error(`expected ${ROUNDS * ERRORS_PER_SAMPLE} reports, got ${delivered}`)

reply({
  errorsPerSample: ERRORS_PER_SAMPLE,
  rounds: ROUNDS,
  // The fastest sample: on a shared machine, the least disturbed estimate of the cost.
  usPerError: Object.fromEntries(names.map((n) => [n, (Math.min(...times[n]) * 1000) / ERRORS_PER_SAMPLE])),
  ratio: { rethrow: summarize(ratios.rethrow), capture: summarize(ratios.capture) },
  laterUsPerError: (Math.min(...drainMs) * 1000) / ERRORS_PER_SAMPLE,
  parts: await measureCases(parts, { rounds: ROUNDS, sampleMs: 2, warmupMs: 100 }),
})

/** One timed sample; then, untimed, the queued reports are built and handed on. */
async function sample(name) {
  const ms = await timeMs(variants[name])
  if (name === 'capture') drainMs.push(await timeMs(() => runtime.flush()))
  return ms
}
