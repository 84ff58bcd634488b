#!/usr/bin/env node
import { runAccuracy } from './accuracy.js'
import { INSPECT_USAGE, runInspect } from './inspect.js'

const USAGE = `usage:
  ${INSPECT_USAGE}
      the functions the build would weave in <file> and, per statement, its line, column
      and future calls; --json prints them as JSON, --all weaves as with monitorAll
  errorweave accuracy <trace-file> [--depth=N] [--json]
      compares a trace build's record of what ran after each statement with the
      future-call tables: exact-match rate, precision and recall, worst statements
  errorweave collector [options]
      a self-hosted error tracker (package @errorweave/collector): stores reports in SQLite
      (default ./errorweave.db), serves the dashboard at http://127.0.0.1:7319/ and sends
      alerts; errorweave collector --help lists its options`

const [command, ...args] = process.argv.slice(2)
const commands: Record<string, (args: string[]) => Promise<number> | number> = { inspect: runInspect, accuracy: runAccuracy, collector: runCollector }

/** The collector is a package of its own: an app that only uses the runtime does not install SQLite. */
async function runCollector(args: string[]): Promise<number> {
  let collector: typeof import('@errorweave/collector')
  try {
    collector = await import('@errorweave/collector')
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error
    console.error('errorweave collector is in its own package: npm install --save-dev @errorweave/collector')
    return 1
  }
  return collector.runCollector(args)
}
const run = command ? commands[command] : undefined
if (!run) {
  console.error(USAGE)
  process.exitCode = 2
} else {
  process.exitCode = await run(args)
}
