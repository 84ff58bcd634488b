/**
 * Happy path: the hot functions of cases.ts, plain vs woven by the plugin vs the runtime
 * decorator fallback vs a live-debugger guard, on Node 20 (this process's) and Node 24.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runJson } from '../lib/child.mjs'
import { BENCH, NODE24, WORK } from '../lib/paths.mjs'
import { installRuntime } from '../lib/runtime.mjs'
import { variantsOf } from '../lib/variants.mjs'

export async function happyPath(log) {
  const dir = path.join(WORK, 'happy')
  mkdirSync(dir, { recursive: true })
  installRuntime(dir)
  for (const file of ['probes.mjs', 'shapes.mjs']) copyFileSync(path.join(BENCH, 'happy', file), path.join(dir, file))
  const source = readFileSync(path.join(BENCH, 'happy', 'cases.ts'), 'utf8')
  const { functions, ...modules } = variantsOf(source, 'bench/happy/cases.ts', './probes.mjs')
  for (const [variant, code] of Object.entries(modules)) writeFileSync(path.join(dir, `${variant}.mjs`), code)

  const nodes = [process.execPath]
  if (existsSync(NODE24)) nodes.push(NODE24)
  else log(`Node 24 not found at ${NODE24}: run \`npm i --prefix .tmp/node24 node@24\``)
  const runs = []
  for (const node of nodes) {
    log(`happy path on ${node}`)
    runs.push(await runJson(path.join(BENCH, 'happy', 'measure.mjs'), [dir], { node }))
  }
  return { wovenFunctions: functions, runs }
}
