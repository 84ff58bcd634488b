#!/usr/bin/env node
import { runAccuracy } from './accuracy.js'
import { COLLECTOR_USAGE, runCollector } from './collector.js'
import { INSPECT_USAGE, runInspect } from './inspect.js'

const USAGE = `usage:
  ${INSPECT_USAGE}
      the functions the build would weave in <file> and, per statement, its line, column
      and future calls; --json prints them as JSON, --all weaves as with monitorAll
  errorweave accuracy <trace-file> [--depth=N] [--json]
      compares a trace build's record of what ran after each statement with the
      future-call tables: exact-match rate, precision and recall, worst statements
  ${COLLECTOR_USAGE}
      a local collector on 127.0.0.1 (default port 7319): checks X-API-Key, prints each
      report, appends it to FILE (default errorweave-reports.ndjson), GET /reports lists them`

const [command, ...args] = process.argv.slice(2)
const commands: Record<string, (args: string[]) => Promise<number> | number> = { inspect: runInspect, accuracy: runAccuracy, collector: runCollector }
const run = command ? commands[command] : undefined
if (!run) {
  console.error(USAGE)
  process.exitCode = 2
} else {
  process.exitCode = await run(args)
}
