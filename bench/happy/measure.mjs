/**
 * Child process, run once per Node version: `node measure.mjs <dir>`. Times every case
 * of the four compiled variants in <dir>, then the hand-written shapes of shapes.mjs.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { measureCases } from '../lib/cases.mjs'
import { reply } from '../lib/child.mjs'
import { roundsFor } from '../lib/stats.mjs'

const VARIANTS = ['plain', 'woven', 'fallback', 'guard']
const settings = {
  rounds: roundsFor('BENCH_ROUNDS', 151, 31),
  sampleMs: Number(process.env.BENCH_SAMPLE_MS ?? 2),
  warmupMs: 150,
}

const dir = process.argv[2]
const load = async (name) => import(pathToFileURL(path.join(dir, `${name}.mjs`)).href)
const modules = {}
for (const variant of VARIANTS) modules[variant] = (await load(variant)).drivers
const cases = Object.fromEntries(
  Object.keys(modules.plain).map((name) => [name, Object.fromEntries(VARIANTS.map((v) => [v, modules[v][name]]))]),
)
reply({
  node: process.version,
  v8: process.versions.v8,
  ...settings,
  cases: await measureCases(cases, settings),
  shapes: await measureCases((await load('shapes')).shapes, settings),
})
