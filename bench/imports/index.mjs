/**
 * Import cost: what importing the runtime adds to a fresh Node process (test runners
 * start one per test file). CPU time (user + system, from the process's start: wall time
 * on a shared machine is mostly other processes) of `node --input-type=module -e
 * <script>` per variant, interleaved rounds, against a bare one in the same round. node:http and
 * node:https load when the first report leaves; `eager HTTP` shows what they cost
 * when loaded up front, as the runtime did before.
 */
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { WORK } from '../lib/paths.mjs'
import { installRuntime } from '../lib/runtime.mjs'
import { interleave, summarize } from '../lib/stats.mjs'

const ROUNDS = Number(process.env.BENCH_IMPORT_ROUNDS ?? 40)
/** An empty module table in the compact form the build writes: [file, calls, functions]. */
const TABLE = JSON.stringify(JSON.stringify([3, 'src/a.ts', [], [], 0]))

export const IMPORT_VARIANTS = {
  bare: '0',
  import: "await import('errorweave')",
  firstWovenModule: `(await import('errorweave')).table(${TABLE})`,
  eagerHttp: "await Promise.all([import('errorweave'), import('node:http'), import('node:https')])",
}

export async function importCost(log) {
  const dir = path.join(WORK, 'imports')
  mkdirSync(dir, { recursive: true })
  installRuntime(dir)
  log(`import cost: ${ROUNDS} rounds of ${Object.keys(IMPORT_VARIANTS).length} fresh processes`)
  const variants = Object.keys(IMPORT_VARIANTS)
  const { times } = await interleave(variants, ROUNDS, (variant) => cpuMsOf(IMPORT_VARIANTS[variant], dir))
  const addedMs = (variant) => summarize(times[variant].map((ms, round) => ms - times.bare[round]))
  return {
    rounds: ROUNDS,
    node: process.version,
    ms: Object.fromEntries(variants.map((variant) => [variant, summarize(times[variant])])),
    addedMs: Object.fromEntries(variants.filter((variant) => variant !== 'bare').map((variant) => [variant, addedMs(variant)])),
  }
}

/** The CPU ms a fresh process spends running `script`, as it reports at its end. */
function cpuMsOf(script, cwd) {
  const report = ';const { user, system } = process.cpuUsage(); process.stdout.write(String((user + system) / 1000))'
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script + report], { cwd, stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(Number(stdout)) : reject(new Error(`${script} exited with ${code}`))))
  })
}
