#!/usr/bin/env node
import { createRequire } from 'node:module'
import { closestName } from '../transformer/core/options.js'
import { ACCURACY_USAGE, runAccuracy } from './accuracy.js'
import { INSPECT_USAGE, runInspect } from './inspect.js'

interface Command {
  /** The synopsis line, exported by the command's own module. */
  usage: string
  about: string
  run: (args: string[]) => Promise<number> | number
  /** The command prints its own `--help` (the collector's options live in its package). */
  ownHelp?: boolean
}

const COMMANDS: Record<string, Command> = {
  inspect: {
    usage: INSPECT_USAGE,
    about: `the functions the build would weave in <file> and, per statement, its line, column
and future calls; --json prints them as JSON, --all weaves as with monitorAll`,
    run: runInspect,
  },
  accuracy: {
    usage: ACCURACY_USAGE,
    about: `compares a trace build's record of what ran after each statement with the
future-call tables: exact-match rate, precision and recall, worst statements`,
    run: runAccuracy,
  },
  collector: {
    usage: 'errorweave collector [options]',
    about: `a self-hosted error tracker (package @errorweave/collector): stores reports in SQLite
(default ./errorweave.db), serves the dashboard at http://127.0.0.1:7319/ and sends
alerts; errorweave collector --help lists its options`,
    run: runCollector,
    ownHelp: true,
  },
}

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

const indent = (text: string, spaces: number) => text.replace(/^/gm, ' '.repeat(spaces))
const commandHelp = ({ usage, about }: Command) => `usage: ${usage}\n${indent(about, 2)}`
const USAGE = `usage:
${Object.values(COMMANDS)
  .map(({ usage, about }) => `  ${usage}\n${indent(about, 6)}`)
  .join('\n')}
  errorweave <command> --help    that command's usage
  errorweave --version           the installed version`

const HELP_FLAGS = ['--help', '-h']

/** Help goes to stdout with exit 0; a missing or unknown command is a usage error: stderr, exit 2. */
async function main([name, ...args]: string[]): Promise<number> {
  if (name === undefined) return usageError(USAGE)
  if (HELP_FLAGS.includes(name)) return printed(USAGE)
  if (name === '--version' || name === '-v') return printed(packageVersion())
  if (name === 'help') return args.length === 0 ? printed(USAGE) : main([args[0], '--help'])
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (!command) return usageError(unknownCommand(name))
  if (!command.ownHelp && args.some((arg) => HELP_FLAGS.includes(arg))) return printed(commandHelp(command))
  return command.run(args)
}

function unknownCommand(name: string): string {
  const closest = closestName(name, Object.keys(COMMANDS))
  return `errorweave: unknown command '${name}'${closest ? `; did you mean '${closest}'?` : ''}\n${USAGE}`
}

function printed(text: string): number {
  console.log(text)
  return 0
}

function usageError(text: string): number {
  console.error(text)
  return 2
}

function packageVersion(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version
}

process.exitCode = await main(process.argv.slice(2))
