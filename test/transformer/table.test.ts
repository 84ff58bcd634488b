import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { table, type FunctionRow } from '../../src/runtime/capture/table.js'
import type { ModuleIR } from '../../src/transformer/core/ir.js'
import { resolveOptions } from '../../src/transformer/core/options.js'
import { renderTable } from '../../src/transformer/core/table.js'
import { analyzeFile } from '../../src/transformer/text/weave-file.js'

/**
 * The compact table the build writes, expanded by the runtime, gives back every field of
 * the analysis: per function its identity and options, per statement its line, column
 * and future calls, per call its text, line, column and resolved target.
 */
function expanded(json: string) {
  const { file, calls, functions } = table(json)!
  const withDefaults = ([className, method, line, column, statements, severity = 'ERROR', comment = null, prediction = null]: FunctionRow) =>
    [className, method, line, column, statements, severity, comment, prediction]
  return { file, calls, functions: functions.map(withDefaults) }
}

function fullRows(ir: ModuleIR) {
  return {
    file: ir.file,
    calls: ir.calls.map((site) => (site.resolved ? [site.call, site.line, site.column, site.resolved] : [site.call, site.line, site.column])),
    functions: ir.functions.map((fn) => [
      fn.className,
      fn.method,
      fn.line,
      fn.column,
      fn.probes.map((probe) => [probe.line, probe.column, ...probe.futureCalls.map((f) => f.site * 2 + (f.conditional ? 1 : 0))]),
      fn.options.severity ?? 'ERROR',
      fn.options.comment ?? null,
      fn.options.enableFuturePrediction ?? null,
    ]),
  }
}

function analyzed(code: string, file: string, monitorAll: boolean, maxDepth?: number): ModuleIR {
  const result = analyzeFile(code, file, resolveOptions({ monitorAll, root: path.dirname(file), futureCalls: { maxDepth } }))
  if ('syntaxError' in result) throw new Error(result.syntaxError)
  return result.ir
}

const sources = ['fixtures', 'future-calls'].flatMap((folder) =>
  readdirSync(path.join(__dirname, folder))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(__dirname, folder, name)),
)

describe.each(sources.map((file) => [path.relative(__dirname, file), file]))('%s', (_, file) => {
  const code = readFileSync(file, 'utf8')
  const annotated = file.includes(`${path.sep}fixtures${path.sep}`) && !file.endsWith('.all.ts')
  test.each([
    ...(annotated ? [['as annotated, depth 5', false, undefined] as const] : []),
    ['monitorAll, depth 5', true, undefined],
    ['monitorAll, depth 2', true, 2],
    ['monitorAll, depth 12', true, 12],
  ] as const)('%s: expands to every field', (_, monitorAll, maxDepth) => {
    const ir = analyzed(code, file, monitorAll, maxDepth)
    expect(ir.functions.length).toBeGreaterThan(0)
    expect(expanded(renderTable(ir))).toEqual(fullRows(ir))
  })
})

test('straight-line code shares its future calls: each statement names its own call, then the next statement', () => {
  const code = `export function steps() {\n  a()\n  b()\n  c()\n  d()\n  e()\n  f()\n  g()\n}\n`
  const ir = analyzed(code, '/src/steps.ts', true)
  const [, , , functions] = JSON.parse(renderTable(ir))
  const statements = functions[0][4]
  const codeOf = (call: string) => ir.calls.findIndex((site) => site.call === call) * 2
  // a() is the first statement: its future b() c() d() e() f() is b() then the second statement's.
  expect(statements[0]).toEqual([1, 3, codeOf('b()'), -1])
  expect(statements.slice(0, 4).every((row: number[]) => row.length === 4 && row[3] === -1)).toBe(true)
  expect(table(renderTable(ir))!.functions[0][4].map((row) => row.slice(2).map((code) => ir.calls[code >> 1].call))).toEqual([
    ['b()', 'c()', 'd()', 'e()', 'f()'],
    ['c()', 'd()', 'e()', 'f()', 'g()'],
    ['d()', 'e()', 'f()', 'g()'],
    ['e()', 'f()', 'g()'],
    ['f()', 'g()'],
    ['g()'],
    [],
  ])
})

test('options at their defaults are left out; others are kept in place; non-ASCII is escaped', () => {
  const code = [
    "import { ErrorMonitor } from 'errorweave'",
    'class Shop {',
    '  @ErrorMonitor() plain() { run() }',
    "  @ErrorMonitor({ severity: 'WARN' }) warned() { run() }",
    "  @ErrorMonitor({ comment: 'café' }) commented() { run() }",
    '  @ErrorMonitor({ enableFuturePrediction: false }) quiet() { run() }',
    '}',
    'declare function run(): void',
  ].join('\n')
  const ir = analyzed(code, '/src/shop.ts', false)
  const json = renderTable(ir)
  expect(json).toMatch(/^[\x20-\x7e]*$/)
  const [, , , functions] = JSON.parse(json)
  expect(functions.map((row: unknown[]) => row.slice(5))).toEqual([[], ['WARN'], ['ERROR', 'café'], ['ERROR', null, false]])
  expect(expanded(json)).toEqual(fullRows(ir))
})

test('the format number comes first; a resolved name keeps only what precedes the call\'s own name, and expands back whole', () => {
  const code = [
    'class Store {',
    '  save() { begin(); helper(); this.#write(); this.other.save(); new Store() }',
    '  #write() {}',
    '}',
    'function helper() {}',
  ].join('\n')
  const ir = analyzed(code, '/src/store.ts', true)
  const [format, , calls] = JSON.parse(renderTable(ir))
  expect(format).toBe(3)
  const written = Object.fromEntries(calls.map((call: string[]) => [call[0], call[3]]))
  const whole = Object.fromEntries(ir.calls.map((site) => [site.call, site.resolved]))
  expect(whole).toMatchObject({ 'this.#write()': 'Store.#write', 'helper()': 'helper' })
  expect(written).toMatchObject({ 'this.#write()': 'Store.', 'helper()': 'helper' })
  expect(expanded(renderTable(ir)).calls).toEqual(fullRows(ir).calls)
})
