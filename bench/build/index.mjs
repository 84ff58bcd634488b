/**
 * Build: cold production builds of a generated 500-file TypeScript project with Vite,
 * Rolldown, esbuild and webpack, without the plugin, with it (10% of functions
 * annotated, spread or clustered) and with `monitorAll`, first with no weave kept and
 * then rebuilt over the previous build's weave cache; the floors of floor-plugins.mjs;
 * plus transform throughput.
 */
import { readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { runJson } from '../lib/child.mjs'
import { BENCH, ROOT } from '../lib/paths.mjs'
import { interleave, median, roundsFor, summarize } from '../lib/stats.mjs'
import { writeReplay } from './floor-plugins.mjs'
import { generateProject } from './generate.mjs'
import { profileBuild } from './profile.mjs'

const BUNDLERS = ['vite', 'rolldown', 'esbuild', 'webpack']
const FILES = 500
const ROUNDS = roundsFor('BENCH_BUILD_ROUNDS', 8, 3)
const ONE_BUILD = path.join(BENCH, 'build', 'one-build.mjs')
/** Where the plugin keeps its weave between builds run from ROOT. */
const WEAVE_CACHE = path.join(ROOT, 'node_modules', '.cache', 'errorweave', 'weave')

export async function buildBench(log) {
  const spread = generateProject(path.join(ROOT, '.tmp', 'bench-project'), { files: FILES })
  const clustered = generateProject(path.join(ROOT, '.tmp', 'bench-project-clustered'), { files: FILES, layout: 'clustered' })
  const sourcesOf = (dir) => readdirSync(path.join(dir, 'src')).map((name) => path.join(dir, 'src', name))
  await writeReplay(spread, 'annotated', sourcesOf(spread))
  await writeReplay(spread, 'all', sourcesOf(spread))
  await writeReplay(clustered, 'annotated', sourcesOf(clustered))
  /** Mode name -> the project, the setting one-build.mjs takes, and whether a build before it leaves its weave. */
  const modes = {
    plain: [spread, 'plain'],
    annotated: [spread, 'annotated'],
    clustered: [clustered, 'annotated'],
    monitorAll: [spread, 'all'],
    annotatedRebuild: [spread, 'annotated', 'rebuild'],
    monitorAllRebuild: [spread, 'all', 'rebuild'],
    hookFloor: [spread, 'hook'],
    replayAnnotated: [spread, 'replay-annotated'],
    parseAnnotated: [spread, 'parse-annotated'],
    parseClustered: [clustered, 'parse-annotated'],
    replayMonitorAll: [spread, 'replay-all'],
  }

  const bundlers = {}
  for (const bundler of BUNDLERS) {
    log(`build: ${bundler}`)
    bundlers[bundler] = await coldBuilds(bundler, modes, ROUNDS)
  }

  log('build: transform throughput')
  // One per distinct weave: the rebuilds and floors weave the same files the same way.
  const throughput = {}
  for (const mode of ['annotated', 'clustered', 'monitorAll']) {
    const [dir, setting] = modes[mode]
    throughput[mode] = await runJson(path.join(BENCH, 'build', 'throughput.mjs'), [dir, setting])
  }

  log('build: where the time goes')
  rmSync(WEAVE_CACHE, { recursive: true, force: true })
  const profiles = [await profileBuild('vite', 'plain', spread), await profileBuild('vite', 'annotated', spread)]
  const load = path.join(BENCH, 'build', 'load-typescript.mjs')
  const { times } = await interleave(['import', 'require', 'parser'], 3, async (how) => (await runJson(load, [how], { cwd: ROOT })).ms)
  const typescriptLoadMs = { import: median(times.import), require: median(times.require), parser: median(times.parser) }
  return { files: FILES, rounds: ROUNDS, bundlers, throughput, profiles, typescriptLoadMs }
}

/**
 * Interleaved rounds of cold builds, one fresh process each, with no weave cache (a
 * rebuild mode builds once before, to leave its cache). `modes`: name -> [projectDir,
 * one-build.mjs mode, 'rebuild'?]; the first is the baseline. Per mode: the median ms and
 * the ratio against the baseline's build in the same round, or why it failed. `node`:
 * the Node that runs the builds (default: this one).
 */
export async function coldBuilds(bundler, modes, rounds, { node } = {}) {
  const failures = {}
  const build = async (mode) => {
    // A mode that failed once is not built again: its row says why.
    if (failures[mode]) return NaN
    const [dir, setting, rebuild] = modes[mode]
    try {
      rmSync(WEAVE_CACHE, { recursive: true, force: true })
      if (rebuild) await runJson(ONE_BUILD, [bundler, setting, dir], { cwd: ROOT, node })
      return (await runJson(ONE_BUILD, [bundler, setting, dir], { cwd: ROOT, node })).ms
    } catch (error) {
      failures[mode] = firstLines(error.message)
      return NaN
    }
  }
  const names = Object.keys(modes)
  const { times, ratios } = await interleave(names, rounds, build)
  return Object.fromEntries(
    names.map((mode, i) => [mode, failures[mode] ? { failed: failures[mode] } : { ms: median(times[mode]), ...(i === 0 ? {} : { ratio: summarize(ratios[mode]) }) }]),
  )
}

/** The lines of a failed build's output that say why (no stack, no colours). */
function firstLines(message) {
  return message
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /failed|error|expected/i.test(line) && !line.startsWith('at ') && !/triggerUncaught|exited with|new Error|reject\(/.test(line))
    .slice(0, 3)
    .join(' | ')
    .slice(0, 300)
}
