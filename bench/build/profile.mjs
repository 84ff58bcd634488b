import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { runJson } from '../lib/child.mjs'
import { BENCH, WORK } from '../lib/paths.mjs'

/** A module of ours, in tsc's tree or in the chunk the bundler entries are bundled into (scripts/bundle-entries.mjs). */
const ours = (file) => new RegExp(`(/${file.replaceAll('.', '\\.')}|/bundlers/chunks/chunk-\\w+\\.js)$`)

/** Frames whose inclusive time the table shows: [label, function name, file path pattern]. */
const FRAMES = [
  // unplugin and our Rollup-family entries take the hook as `transform: { filter, handler }`: V8 names it `handler`.
  ['plugin transform hook', 'handler', ours('bundlers/(rollup-)?plugin.js')],
  ['parse (oxc-parser)', 'parseFile', ours('text/parse.js')],
  ['analyze', 'analyze', ours('core/analyze.js')],
  ['splice + source map', 'emitText', ours('text/emit.js')],
  ['source map (built only when the build writes maps)', 'generateMap', /magic-string\/dist\/index\.mjs$/],
  ['CommonJS export scan on import (Node)', 'cjsPreparseModuleExports', /esm\/translators$/],
]

/** One cold build under the V8 CPU profiler; inclusive milliseconds of the frames above. */
export async function profileBuild(bundler, setting, dir) {
  const out = path.join(WORK, 'profiles', `${bundler}-${setting}`)
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const { ms } = await runJson(path.join(BENCH, 'build', 'one-build.mjs'), [bundler, setting, dir], { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${out}`] })
  const profile = JSON.parse(readFileSync(path.join(out, readdirSync(out)[0]), 'utf8'))
  return { bundler, setting, ms, frames: Object.fromEntries(FRAMES.map(([label, name, file]) => [label, inclusiveMs(profile, name, file)])) }
}

/** Time of the samples with a matching frame anywhere on their stack (each sample once). */
function inclusiveMs(profile, name, file) {
  const parent = new Map()
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const matches = (node) => node.callFrame.functionName === name && file.test(node.callFrame.url)
  const under = new Map()
  const isUnder = (id) => {
    if (!under.has(id)) {
      const up = parent.get(id)
      under.set(id, matches(nodes.get(id)) || (up !== undefined && isUnder(up)))
    }
    return under.get(id)
  }
  let micros = 0
  profile.samples.forEach((id, i) => {
    if (isUnder(id)) micros += profile.timeDeltas[i] ?? 0
  })
  return micros / 1000
}
