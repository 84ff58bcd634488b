// npm run demo: builds the playground shop with Vite (errorweave/vite) and with tspc
// (tsconfig plugin errorweave/transformer), runs both builds against a local collector
// (@errorweave/collector on 127.0.0.1) and prints every report that arrives over the wire.
// It exits non-zero when a build fails or the two builds disagree on a report. Then it
// prints the dashboard's URL and keeps the collector running until Ctrl-C (--no-wait: it
// ends at once, as CI runs it).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { build } from 'vite'
import { startCollector } from '../dist/cli/collector.js'
import { formatReport } from './print-report.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const DEMO_APIKEY = 'playground-demo-key'

const builds = [
  { name: 'vite', title: 'Vite SSR build with errorweave/vite', entry: '.out/vite/main.js', build: buildWithVite },
  { name: 'tsc', title: 'tspc (ts-patch) with the tsconfig plugin errorweave/transformer', entry: '.out/tsc/main.js', build: buildWithTspc },
]

async function buildWithVite() {
  await build({ configFile: path.join(here, 'vite.config.ts') })
}

function buildWithTspc() {
  const tspc = createRequire(import.meta.url).resolve('ts-patch/bin/tspc.js')
  const result = spawnSync(process.execPath, [tspc, '-p', 'tsconfig.json'], { cwd: here, stdio: 'inherit' })
  if (result.status !== 0) throw new Error(`tspc exited with ${result.status}`)
}

/**
 * Runs a built shop with the collector as its server (the runtime reads the standard
 * ERROR_MONITOR_* variables), then prints the reports the collector received.
 */
async function runShop(entry, collector) {
  const received = collector.reports.length
  const env = { ...process.env, ERROR_MONITOR_SERVER_URL: `${collector.url}/reports`, ERROR_MONITOR_APIKEY: DEMO_APIKEY }
  const shop = spawn(process.execPath, [entry], { cwd: here, env, stdio: ['ignore', 'inherit', 'inherit'] })
  const code = await new Promise((resolve) => shop.once('close', resolve))
  if (code !== 0) throw new Error(`${entry} exited with ${code}`)
  const reports = collector.reports.slice(received)
  console.log(`\n  the collector at ${collector.url} received ${reports.length} reports:`)
  for (const report of reports) console.log(formatReport(report))
  return reports
}

/**
 * What both builds must agree on: all but the time, the stack, a caller read from the
 * stack, and `resolved` (the tsconfig entry names call targets with the type checker).
 */
function comparable(report) {
  const { timestamp, stack, caller, futureCallSites, ...rest } = report
  const sites = futureCallSites.map(({ resolved, ...site }) => site)
  return report.chain.length > 0 ? { ...rest, futureCallSites: sites, caller } : { ...rest, futureCallSites: sites }
}

/** The shop imports 'errorweave' as users do: link this package into its own node_modules. */
function linkPackage() {
  const link = path.join(here, '../node_modules/errorweave')
  if (!existsSync(link)) symlinkSync('..', link, 'dir')
}

async function main() {
  linkPackage()
  rmSync(path.join(here, '.out'), { recursive: true, force: true })
  const db = path.join(here, '.out', 'errorweave.db')
  const collector = await startCollector({ port: 0, apikey: DEMO_APIKEY, db, out: null, print: () => {} })
  const results = []
  try {
    for (const { name, title, entry, build: buildShop } of builds) {
      const started = performance.now()
      await buildShop()
      console.log(`\n=== ${name}: ${title} (built in ${Math.round(performance.now() - started)} ms)`)
      results.push({ name, reports: await runShop(entry, collector) })
    }
    check(results)
  } catch (error) {
    await collector.close()
    throw error
  }
  console.log(`\nThe dashboard: ${collector.url}/  (database ${path.relative(process.cwd(), db)})`)
  if (!process.argv.includes('--no-wait')) {
    console.log('The collector keeps running: press Ctrl-C to stop it.')
    await new Promise((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
  }
  await collector.close()
}

function check(results) {
  const [first, ...others] = results
  const problems = []
  if (first.reports.length === 0) problems.push(`${first.name} printed no report`)
  for (const { name, reports } of results) {
    if (reports.some((report) => !report.woven)) problems.push(`${name}: a report is not woven`)
  }
  for (const other of others) {
    if (!isDeepStrictEqual(first.reports.map(comparable), other.reports.map(comparable))) {
      problems.push(`${first.name} and ${other.name} printed different reports`)
    }
  }
  if (problems.length > 0) throw new Error(problems.join('; '))
  console.log(`\n${results.map((r) => r.name).join(' and ')}: the same ${first.reports.length} reports (callers read from the stack and resolved call targets aside).`)
}

main().catch((error) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : error}`)
  process.exitCode = 1
})
