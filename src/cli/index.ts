#!/usr/bin/env node
import { runInspect } from './inspect.js'

const USAGE = `usage:
  errorweave inspect <file> [--json] [--all]   woven functions of a file, per statement: line, column, future calls`

const [command, ...args] = process.argv.slice(2)
const commands: Record<string, (args: string[]) => Promise<number> | number> = { inspect: runInspect }
const run = command ? commands[command] : undefined
if (!run) {
  console.error(USAGE)
  process.exitCode = 2
} else {
  process.exitCode = await run(args)
}
