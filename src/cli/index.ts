#!/usr/bin/env node
import { INSPECT_USAGE, runInspect } from './inspect.js'

const USAGE = `usage:
  ${INSPECT_USAGE}
      the functions the build would weave in <file> and, per statement, its line, column
      and future calls; --json prints them as JSON, --all weaves as with monitorAll`

const [command, ...args] = process.argv.slice(2)
const commands: Record<string, (args: string[]) => Promise<number> | number> = { inspect: runInspect }
const run = command ? commands[command] : undefined
if (!run) {
  console.error(USAGE)
  process.exitCode = 2
} else {
  process.exitCode = await run(args)
}
