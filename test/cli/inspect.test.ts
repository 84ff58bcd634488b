import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { table as expandTable } from '../../src/runtime/capture/table.js'
import { resolveOptions } from '../../src/transformer/core/options.js'
import { weaveFile } from '../../src/transformer/text/weave-file.js'
import { ROOT } from '../helpers/weave.js'

const BIN = path.join(ROOT, 'dist/cli/index.js')
const FIXTURES = 'test/cli/fixtures'
const EXPECTED_FORM =
  "expected @ErrorMonitor or @ErrorMonitor({ severity?: 'ERROR' | 'WARN' | 'INFO' | Severity.ERROR | Severity.WARN | Severity.INFO, comment?: 'literal text', enableFuturePrediction?: true | false })"
const CONDITIONAL_LEGEND = '[if] = may not run (a condition, a loop, an optional call or an earlier exit decides)'

/** The built bin, as a user runs it, from the project root. */
function errorweave(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

const lines = (...text: string[]) => text.map((line) => `${line}\n`).join('')

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`)
})

describe('errorweave inspect, text', () => {
  test('lists woven functions with their options and, per statement, line:column and future calls', () => {
    expect(errorweave('inspect', `${FIXTURES}/orders.ts`)).toEqual({
      code: 0,
      stderr: '',
      stdout: lines(
        'test/cli/fixtures/orders.ts: 5 woven functions',
        '',
        'OrderService.constructor (line 5, severity WARN, comment "order intake")',
        '  (empty body)',
        '',
        'OrderService.place (line 8, severity WARN, comment "placing", prediction on)',
        '  9:5    notify() [if], this.repo.save()',
        '  10:5   notify() [if], this.repo.save()',
        '  10:22  this.repo.save()',
        '  11:5   (no future calls)',
        '  12:5   (no future calls)',
        '',
        'OrderService.price (line 15, severity WARN, comment "order intake")',
        '  16:5  (no future calls)',
        '',
        'sync (line 26, severity INFO)',
        '  27:3   fetchUser() [if], audit()',
        '  27:25  fetchUser() [if], audit()',
        '  28:3   (no future calls)',
        '',
        'notify (line 32, severity ERROR)',
        '  32:42  (no future calls)',
        '',
        CONDITIONAL_LEGEND,
      ),
    })
  })

  test('a throw statement lists what its guard skipped, as the table does', () => {
    expect(errorweave('inspect', `${FIXTURES}/guard.ts`)).toEqual({
      code: 0,
      stderr: '',
      stdout: lines(
        'test/cli/fixtures/guard.ts: 1 woven function',
        '',
        'Users.remove (line 7, severity ERROR)',
        '  8:5   new NotFound() [if] -> NotFound, this.repo.audit() [if], this.repo.delete() [if]',
        '  8:16  this.repo.audit(), this.repo.delete()',
        '  9:5   this.repo.delete()',
        '  10:5  (no future calls)',
        '',
        CONDITIONAL_LEGEND,
      ),
    })
  })

  test('a file without annotations has no woven functions; --all weaves every function', () => {
    expect(errorweave('inspect', `${FIXTURES}/plain.ts`)).toEqual({ code: 0, stderr: '', stdout: lines('test/cli/fixtures/plain.ts: no woven functions') })
    expect(errorweave('inspect', '--all', `${FIXTURES}/plain.ts`)).toEqual({
      code: 0,
      stderr: '',
      stdout: lines(
        'test/cli/fixtures/plain.ts: 3 woven functions',
        '',
        'load (line 1, severity ERROR)',
        '  2:3  parse()',
        '  3:3  (no future calls)',
        '',
        'read (line 6, severity ERROR)',
        '  7:3  (no future calls)',
        '',
        'parse (line 10, severity ERROR)',
        '  10:33  (no future calls)',
      ),
    })
  })

  test('names a known call target when the call alone does not say it', () => {
    expect(errorweave('inspect', `${FIXTURES}/imports.ts`)).toEqual({
      code: 0,
      stderr: '',
      stdout: lines(
        'test/cli/fixtures/imports.ts: 1 woven function',
        '',
        'record (line 5, severity ERROR)',
        '  6:3  store() -> ./store.js#save, audit.log() -> ./audit.js#log, helper()',
        '  7:3  audit.log() -> ./audit.js#log, helper()',
        '  8:3  helper()',
        '  9:3  (no future calls)',
      ),
    })
  })

  test('--all keeps @NoErrorMonitor exclusions and adds the unannotated functions', () => {
    const { code, stdout } = errorweave('inspect', `${FIXTURES}/orders.ts`, '--all')
    expect(code).toBe(0)
    expect(stdout.split('\n').filter((line) => /^\S.* \(line \d+/.test(line))).toEqual([
      'OrderService.constructor (line 5, severity WARN, comment "order intake")',
      'OrderService.place (line 8, severity WARN, comment "placing", prediction on)',
      'OrderService.price (line 15, severity WARN, comment "order intake")',
      'sync (line 26, severity INFO)',
      'notify (line 32, severity ERROR)',
      'fetchUser (line 34, severity ERROR)',
      'audit (line 38, severity ERROR)',
    ])
  })
})

describe('errorweave inspect --json', () => {
  const site = (call: string, line: number, column: number, conditional: boolean, resolved?: string) =>
    resolved === undefined ? { call, line, column, conditional } : { call, line, column, conditional, resolved }
  const statement = (line: number, column: number, ...sites: ReturnType<typeof site>[]) => ({
    line,
    column,
    futureCalls: sites.map((s) => s.call),
    futureCallSites: sites,
  })
  const notify = site('notify()', 10, 22, true, 'notify')
  const save = site('this.repo.save()', 11, 5, false)
  const fetchUser = site('fetchUser()', 27, 31, true, 'fetchUser')
  const audit = site('audit()', 28, 3, false, 'audit')

  test('prints the contract shape, keys in order', () => {
    const expected = {
      file: 'test/cli/fixtures/orders.ts',
      functions: [
        { class: 'OrderService', method: 'constructor', line: 5, statements: [] },
        {
          class: 'OrderService',
          method: 'place',
          line: 8,
          statements: [statement(9, 5, notify, save), statement(10, 5, notify, save), statement(10, 22, save), statement(11, 5), statement(12, 5)],
        },
        { class: 'OrderService', method: 'price', line: 15, statements: [statement(16, 5)] },
        { class: null, method: 'sync', line: 26, statements: [statement(27, 3, fetchUser, audit), statement(27, 25, fetchUser, audit), statement(28, 3)] },
        { class: null, method: 'notify', line: 32, statements: [statement(32, 42)] },
      ],
    }
    expect(errorweave('inspect', '--json', `${FIXTURES}/orders.ts`)).toEqual({ code: 0, stderr: '', stdout: `${JSON.stringify(expected, null, 2)}\n` })
  })

  test('--json --all on a file without annotations', () => {
    const { code, stdout } = errorweave('inspect', `${FIXTURES}/plain.ts`, '--json', '--all')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual({
      file: 'test/cli/fixtures/plain.ts',
      functions: [
        { class: null, method: 'load', line: 1, statements: [statement(2, 3, site('parse()', 3, 10, false, 'parse')), statement(3, 3)] },
        { class: null, method: 'read', line: 6, statements: [statement(7, 3)] },
        { class: null, method: 'parse', line: 10, statements: [statement(10, 33)] },
      ],
    })
    expect(JSON.parse(errorweave('inspect', `${FIXTURES}/plain.ts`, '--json').stdout)).toEqual({ file: 'test/cli/fixtures/plain.ts', functions: [] })
  })

  test('shows what the build writes: the same functions, statements and future calls as the woven table', () => {
    const fixture = path.join(ROOT, FIXTURES, 'orders.ts')
    const woven = weaveFile(readFileSync(fixture, 'utf8'), fixture, resolveOptions({ root: ROOT }))
    if (woven.kind !== 'woven') throw new Error(`expected woven output, got ${woven.kind}`)
    const literal = /__ew\.table\(("(?:[^"\\]|\\.)*")\)/.exec(woven.code)
    if (!literal) throw new Error('no table in the woven output')
    const table = expandTable(JSON.parse(literal[1]))!
    const fromTable = {
      file: table.file,
      functions: table.functions.map(([className, method, line, , probes]) => ({
        class: className,
        method,
        line,
        statements: probes.map(([probeLine, column, ...codes]) => ({ line: probeLine, column, futureCalls: codes.map((c) => table.calls[c >> 1][0]) })),
      })),
    }
    const inspected = JSON.parse(errorweave('inspect', '--json', `${FIXTURES}/orders.ts`).stdout) as typeof fromTable
    for (const fn of inspected.functions) for (const s of fn.statements) delete (s as { futureCallSites?: unknown }).futureCallSites
    expect(inspected).toEqual(fromTable)
  })
})

describe('errorweave inspect, bad input', () => {
  test('a syntax error names file:line:col and exits 1', () => {
    expect(errorweave('inspect', `${FIXTURES}/syntax-error.ts`)).toEqual({
      code: 1,
      stdout: '',
      stderr: lines('test/cli/fixtures/syntax-error.ts:2:10: syntax error: Expected `:` but found `decimal`'),
    })
  })

  test('an invalid annotation names file:line:col and the expected form, and exits 1', () => {
    expect(errorweave('inspect', '--json', `${FIXTURES}/bad-annotation.ts`)).toEqual({
      code: 1,
      stdout: '',
      stderr: lines(
        `test/cli/fixtures/bad-annotation.ts:6:29: @ErrorMonitor option 'severity' must be 'ERROR', 'WARN', 'INFO' or Severity.ERROR/WARN/INFO, got 'level'; ${EXPECTED_FORM}`,
      ),
    })
  })

  test('a missing file or a directory exits 1 with the reason', () => {
    expect(errorweave('inspect', `${FIXTURES}/missing.ts`)).toEqual({
      code: 1,
      stdout: '',
      stderr: lines('errorweave inspect: cannot read test/cli/fixtures/missing.ts: no such file'),
    })
    expect(errorweave('inspect', FIXTURES)).toEqual({
      code: 1,
      stdout: '',
      stderr: lines('errorweave inspect: cannot read test/cli/fixtures: it is a directory'),
    })
  })

  test('wrong arguments print the usage and exit 2', () => {
    const usage = 'usage: errorweave inspect <file> [--json] [--all]'
    expect(errorweave('inspect')).toEqual({ code: 2, stdout: '', stderr: lines('errorweave inspect: no file given', usage) })
    expect(errorweave('inspect', 'a.ts', 'b.ts')).toEqual({ code: 2, stdout: '', stderr: lines('errorweave inspect: give exactly one file', usage) })
    expect(errorweave('inspect', '--jsn', 'a.ts')).toEqual({ code: 2, stdout: '', stderr: lines('errorweave inspect: unknown option --jsn', usage) })
    const unknownCommand = errorweave('inspekt', 'a.ts')
    expect(unknownCommand.code).toBe(2)
    expect(unknownCommand.stderr).toContain('errorweave inspect <file> [--json] [--all]')
  })
})
