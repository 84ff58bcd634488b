/**
 * hono, a real project (project.mjs): cold Vite 8 library builds of its package entries,
 * plain, woven (`monitorAll`; 10% of files annotated), the floors of floor-plugins.mjs and
 * two peers that rewrite every function at build time (Datadog's live debugger, istanbul
 * coverage), all interleaved in the same rounds; transform throughput on its sources. Both
 * on this Node and on Node 24 where .tmp/node24 has it.
 * Then the gzip bytes the weave adds per woven function, part by part (bytes.mjs).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { runJson } from '../lib/child.mjs'
import { BENCH, NODE24, ROOT } from '../lib/paths.mjs'
import { coldBuilds } from '../build/index.mjs'
import { writeReplay } from '../build/floor-plugins.mjs'
import { roundsFor } from '../lib/stats.mjs'
import { honoBytes } from './bytes.mjs'
import { HONO_VERSION, honoProject, sourceFiles } from './project.mjs'

const ROUNDS = roundsFor('BENCH_HONO_ROUNDS', 8, 3)

export async function honoBench(log) {
  log(`hono ${HONO_VERSION}: fetching and preparing`)
  const whole = honoProject(path.join(ROOT, '.tmp', 'bench-hono'))
  const annotated = honoProject(path.join(ROOT, '.tmp', 'bench-hono-annotated'), { annotated: true })
  const sourcesOf = (dir) => sourceFiles(dir).map((name) => path.join(dir, 'src', name))
  await writeReplay(whole, 'all', sourcesOf(whole))
  await writeReplay(annotated, 'annotated', sourcesOf(annotated))
  const modes = {
    plain: [whole, 'plain'],
    monitorAll: [whole, 'all'],
    annotated: [annotated, 'annotated'],
    replayAll: [whole, 'replay-all'],
    parseAll: [whole, 'parse-all'],
    replayAnnotated: [annotated, 'replay-annotated'],
    parseAnnotated: [annotated, 'parse-annotated'],
    datadog: [whole, 'datadog'],
    istanbul: [whole, 'istanbul'],
  }
  const nodes = [process.execPath, ...(existsSync(NODE24) ? [NODE24] : [])]
  if (nodes.length === 1) log(`Node 24 not found at ${NODE24}: run \`npm i --prefix .tmp/node24 node@24\``)
  const throughputScript = path.join(BENCH, 'build', 'throughput.mjs')
  const runs = []
  for (const node of nodes) {
    const version = node === process.execPath ? process.version : (await runJson(path.join(BENCH, 'lib', 'node-version.mjs'), [], { node })).version
    log(`hono: Vite library builds on Node ${version}`)
    const builds = await coldBuilds('vite-lib', modes, ROUNDS, { node })
    log(`hono: transform throughput on Node ${version}`)
    const throughput = {
      monitorAll: await runJson(throughputScript, [whole, 'all'], { cwd: ROOT, node }),
      annotated: await runJson(throughputScript, [annotated, 'annotated'], { cwd: ROOT, node }),
    }
    runs.push({ node: version, builds, throughput })
  }
  log('hono: bytes per woven function')
  const bytes = await honoBytes({ monitorAll: [whole, { monitorAll: true }], annotated: [annotated, {}] })
  return { version: HONO_VERSION, files: sourceFiles(whole).length, rounds: ROUNDS, runs, bytes }
}
