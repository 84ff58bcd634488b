/**
 * Error path: the cost per error of a throw through a woven function with capture on,
 * against a bare throw/catch; and a storm of errors: time and peak memory.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { runJson } from '../lib/child.mjs'
import { BENCH, WORK } from '../lib/paths.mjs'
import { installRuntime } from '../lib/runtime.mjs'
import { interleave, summarize } from '../lib/stats.mjs'
import { transpile, weave, withoutDecorators } from '../lib/variants.mjs'

const STORM_ERRORS = 1_000_000
const DISTINCT_ERRORS = 100_000
const DISTINCT_ROUNDS = Number(process.env.BENCH_DISTINCT_ROUNDS ?? 7)

export async function errorPath(log) {
  const dir = path.join(WORK, 'errors')
  mkdirSync(dir, { recursive: true })
  installRuntime(dir)
  const file = 'bench/errors/cases.ts'
  const source = readFileSync(path.join(BENCH, 'errors', 'cases.ts'), 'utf8')
  writeFileSync(path.join(dir, 'plain.mjs'), transpile(withoutDecorators(source), file))
  writeFileSync(path.join(dir, 'woven.mjs'), transpile(weave(source, file).code, file))
  // The measuring scripts configure the very runtime instance the woven module imports.
  writeFileSync(path.join(dir, 'runtime.mjs'), "export { configure, flush, stats } from 'errorweave'\n")

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
  log('distinct-error storm, collector down')
  const distinct = await distinctStorm(dir)
  return { perError, storms, distinct }
}

/**
 * 100,000 distinct errors in ticks against a collector that is down: CPU time, plain
 * and woven in interleaved rounds; the ratio is per round.
 */
export async function distinctStorm(dir) {
  const port = await closedPort()
  const woven = []
  const { times, ratios } = await interleave(['plain', 'woven'], DISTINCT_ROUNDS, async (variant) => {
    const result = await runJson(path.join(BENCH, 'errors', 'distinct-storm.mjs'), [dir, variant, String(DISTINCT_ERRORS), String(port)])
    if (variant === 'woven') woven.push(result)
    return result.cpuMs
  })
  const { reports, lost } = woven[0]
  return { errors: DISTINCT_ERRORS, cpuMs: { plain: summarize(times.plain), woven: summarize(times.woven) }, ratio: summarize(ratios.woven), reports, lost }
}

function closedPort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}
