import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import { ACCURACY_USAGE } from '../../src/cli/accuracy.js'
import { COLLECTOR_USAGE } from '../../src/cli/collector.js'
import { INSPECT_USAGE } from '../../src/cli/inspect.js'
import { ROOT } from '../helpers/weave.js'

const BIN = path.join(ROOT, 'dist/cli/index.js')
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
/** The collector's options live in its own package: the bin lists it by a synopsis, and its --help is the package's. */
const USAGES = { inspect: INSPECT_USAGE, accuracy: ACCURACY_USAGE, collector: 'errorweave collector [options]' }

/** The built bin, as a user runs it. A collector that started would never exit: the timeout fails the test. */
function errorweave(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`)
})

test.each([['--help'], ['-h'], ['help']])('errorweave %s prints every command to stdout and exits 0', (flag) => {
  const { code, stdout, stderr } = errorweave(flag)
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
  expect(stdout.startsWith('usage:\n')).toBe(true)
  for (const usage of [...Object.values(USAGES), 'errorweave <command> --help', 'errorweave --version']) expect(stdout).toContain(`  ${usage}`)
})

test.each([['--version'], ['-v']])('errorweave %s prints the package version and exits 0', (flag) => {
  expect(errorweave(flag)).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' })
})

test.each([
  ['inspect', '--help'],
  ['accuracy', '-h'],
  ['collector', '--help'],
  ['collector', '--port', '0', '--help'],
  ['help', 'inspect'],
])('errorweave %s %s prints that command\'s usage to stdout and runs nothing', (...args) => {
  const { code, stdout, stderr } = errorweave(...args)
  const name = (args[0] === 'help' ? args[1] : args[0]) as keyof typeof USAGES
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
  expect(stdout.startsWith(`usage: ${name === 'collector' ? COLLECTOR_USAGE : USAGES[name]}\n`)).toBe(true)
  expect(stdout.split('\n').length).toBeGreaterThan(2)
})

test('no command is a usage error: the usage on stderr, exit 2', () => {
  const { code, stdout, stderr } = errorweave()
  expect({ code, stdout }).toEqual({ code: 2, stdout: '' })
  expect(stderr).toBe(errorweave('--help').stdout)
})

test.each([
  ['inspekt', "errorweave: unknown command 'inspekt'; did you mean 'inspect'?"],
  ['deploy', "errorweave: unknown command 'deploy'"],
  ['toString', "errorweave: unknown command 'toString'"],
])('an unknown command %s: what is wrong, then the usage, on stderr, exit 2', (name, line) => {
  const expected = { code: 2, stdout: '', stderr: `${line}\n${errorweave('--help').stdout}` }
  expect(errorweave(name)).toEqual(expected)
  expect(errorweave('help', name)).toEqual(expected)
})
