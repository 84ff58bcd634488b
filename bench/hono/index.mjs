/**
 * hono, a real project (project.mjs): cold Vite 8 library builds of its package entries,
 * plain, woven (`monitorAll`; 10% of files annotated) and with two peers that rewrite
 * every function at build time (Datadog's live debugger, istanbul coverage), all
 * interleaved in the same rounds; transform throughput on its sources; the gzip bytes
 * the weave adds per woven function, part by part (bytes.mjs).
 */
import path from 'node:path'
import { runJson } from '../lib/child.mjs'
import { BENCH, ROOT } from '../lib/paths.mjs'
import { coldBuilds } from '../build/index.mjs'
import { roundsFor } from '../lib/stats.mjs'
import { honoBytes } from './bytes.mjs'
import { HONO_VERSION, honoProject, sourceFiles } from './project.mjs'

const ROUNDS = roundsFor('BENCH_HONO_ROUNDS', 8, 3)

export async function honoBench(log) {
  log(`hono ${HONO_VERSION}: fetching and preparing`)
  const whole = honoProject(path.join(ROOT, '.tmp', 'bench-hono'))
  const annotated = honoProject(path.join(ROOT, '.tmp', 'bench-hono-annotated'), { annotated: true })
  const modes = {
    plain: [whole, 'plain'],
    monitorAll: [whole, 'all'],
    annotated: [annotated, 'annotated'],
    datadog: [whole, 'datadog'],
    istanbul: [whole, 'istanbul'],
  }
  log('hono: Vite library builds')
  const builds = await coldBuilds('vite-lib', modes, ROUNDS)
  log('hono: transform throughput')
  const throughputScript = path.join(BENCH, 'build', 'throughput.mjs')
  const throughput = {
    monitorAll: await runJson(throughputScript, [whole, 'all'], { cwd: ROOT }),
    annotated: await runJson(throughputScript, [annotated, 'annotated'], { cwd: ROOT }),
  }
  log('hono: bytes per woven function')
  const bytes = await honoBytes({ monitorAll: [whole, { monitorAll: true }], annotated: [annotated, {}] })
  return { version: HONO_VERSION, files: sourceFiles(whole).length, rounds: ROUNDS, builds, throughput, bytes }
}
