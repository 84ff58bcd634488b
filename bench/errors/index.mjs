/**
 * Error path: the cost per error of a throw through a woven function with capture on,
 * against a bare throw/catch; and a storm of errors: time and peak memory.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runJson } from '../lib/child.mjs'
import { BENCH, WORK } from '../lib/paths.mjs'
import { installRuntime } from '../lib/runtime.mjs'
import { transpile, weave, withoutDecorators } from '../lib/variants.mjs'

const STORM_ERRORS = 1_000_000

export async function errorPath(log) {
  const dir = path.join(WORK, 'errors')
  mkdirSync(dir, { recursive: true })
  installRuntime(dir)
  const file = 'bench/errors/cases.ts'
  const source = readFileSync(path.join(BENCH, 'errors', 'cases.ts'), 'utf8')
  writeFileSync(path.join(dir, 'plain.mjs'), transpile(withoutDecorators(source), file))
  writeFileSync(path.join(dir, 'woven.mjs'), transpile(weave(source, file).code, file))
  // The measuring scripts configure the very runtime instance the woven module imports.
  writeFileSync(path.join(dir, 'runtime.mjs'), "export { configure, flush } from 'errorweave'\n")

  log('error path: per error')
  const perError = await runJson(path.join(BENCH, 'errors', 'measure.mjs'), [dir])
  const storms = []
  for (const shape of ['burst', 'ticks']) {
    for (const variant of ['plain', 'woven']) {
      for (const errors of [STORM_ERRORS / 10, STORM_ERRORS]) {
        log(`error storm: ${variant}, ${errors} errors, ${shape}`)
        storms.push(await runJson(path.join(BENCH, 'errors', 'storm.mjs'), [dir, variant, String(errors), shape], { nodeArgs: ['--expose-gc'] }))
      }
    }
  }
  return { perError, storms }
}
