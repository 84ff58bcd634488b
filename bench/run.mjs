/**
 * `npm run bench` (after `npm run build`): runs the benchmarks and writes
 * bench/results.json and BENCHMARKS.md. `node bench/run.mjs size happy` runs only the
 * named sections and keeps the others' last results.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildBench } from './build/index.mjs'
import { collectorBench } from './collector/index.mjs'
import { errorPath } from './errors/index.mjs'
import { happyPath } from './happy/index.mjs'
import { importCost } from './imports/index.mjs'
import { honoBench } from './hono/index.mjs'
import { BENCH, ROOT } from './lib/paths.mjs'
import { renderMarkdown } from './lib/render.mjs'
import { RUNTIME_DIST } from './lib/runtime.mjs'
import { sizeBench } from './size/index.mjs'

const SECTIONS = { size: sizeBench, happy: happyPath, errors: errorPath, build: buildBench, imports: importCost, collector: collectorBench, hono: honoBench }
const RESULTS = path.join(BENCH, 'results.json')

const requested = process.argv.slice(2)
const unknown = requested.filter((name) => !(name in SECTIONS))
if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`)
const results = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : { sections: {} }

const log = (message) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`)
for (const name of requested.length ? requested : Object.keys(SECTIONS)) {
  const context = { date: new Date().toISOString(), node: process.version, machine: machine(), runtime: path.relative(ROOT, RUNTIME_DIST), loadBefore: os.loadavg()[0] }
  const started = performance.now()
  const data = await SECTIONS[name](log)
  results.sections[name] = { ...context, loadAfter: os.loadavg()[0], seconds: (performance.now() - started) / 1000, data }
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`)
  writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), renderMarkdown(results))
  log(`${name} done in ${results.sections[name].seconds.toFixed(0)} s`)
}

function machine() {
  const cpus = os.cpus()
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'} x${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.type()} ${os.release()}`
}
