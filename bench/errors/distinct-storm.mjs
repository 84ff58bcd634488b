/**
 * Child process: a storm of distinct errors (no two aggregate) in ticks of 1000, with
 * the collector down (a closed port on 127.0.0.1), so the delivery queue is full after
 * its first 100 reports. Measures the process's CPU time (user + system) from the first
 * throw until the runtime has taken every capture off its queue, for plain and woven.
 * `node distinct-storm.mjs <dir> <plain|woven> <errors> <port>`
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { reply } from '../lib/child.mjs'

const PER_TICK = 1000
const [dir, variant, errorsArg, port] = process.argv.slice(2)
const errors = Number(errorsArg)
const { throwDistinct } = await import(pathToFileURL(path.join(dir, `${variant}.mjs`)).href)
const runtime = await import(pathToFileURL(path.join(dir, 'runtime.mjs')).href)
// Loaded by the first report that leaves, once per process: loaded here in both builds, so
// the figure is the storm's own cost.
await Promise.all([import('node:http'), import('node:https')])
// Nothing spooled or delivered at exit: only the storm itself is measured.
runtime.configure({ serverUrl: `http://127.0.0.1:${port}/report`, spoolDir: 'off', exitTimeoutMs: 0 })

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0))
const before = process.cpuUsage()
let thrown = 0
while (thrown < errors) {
  thrown += throwDistinct(thrown, Math.min(PER_TICK, errors - thrown))
  await macrotask()
}
// The last tick's captures are drained on the next macrotask.
await macrotask()
const cpu = process.cpuUsage(before)
const stats = runtime.stats()
reply({ variant, errors, cpuMs: (cpu.user + cpu.system) / 1000, captured: stats.captured, reports: stats.reports, lost: stats.server?.failed ?? 0 })
// The collector stays down: what is queued is not waited for.
process.exit(0)
