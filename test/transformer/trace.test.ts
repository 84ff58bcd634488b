import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { formatAccuracy, measureAccuracy } from '../../src/cli/accuracy.js'
import { compile, scratchDirectory, type CompileOptions } from '../helpers/weave.js'
import { caseSource } from '../semantics/case-source.js'
import { allCases } from '../semantics/cases/index.js'

interface TracedModule {
  file: string
  code: string
  compilerOptions?: CompileOptions['compilerOptions']
  /** The export the runner calls (errors it throws are expected and ignored). */
  entry: 'scenario' | 'run'
}

/** Builds modules with `trace`, runs each one's entry in a fresh Node process, returns the trace. */
function traceRun(name: string, modules: TracedModule[]) {
  const directory = scratchDirectory(`trace-${name}`)
  const entries = modules.map(({ file, code, compilerOptions, entry }, i) => {
    const js = compile(code, 'text', { weave: { trace: true, monitorAll: true }, compilerOptions }, file)
    writeFileSync(path.join(directory, `m${i}.mjs`), js)
    return [`./m${i}.mjs`, entry]
  })
  const runner = `for (const [file, entry] of ${JSON.stringify(entries)}) {
  try { await (await import(file))[entry]() } catch {}
}
`
  writeFileSync(path.join(directory, 'run.mjs'), runner)
  const traceFile = path.join(directory, 'trace.ndjson')
  execFileSync(process.execPath, [path.join(directory, 'run.mjs')], { env: { ...process.env, ERRORWEAVE_TRACE_FILE: traceFile } })
  return readFileSync(traceFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
}

test('a trace build logs statements, returned calls and caught errors per invocation', () => {
  const code = `
export function work(flag: boolean) {
  const a = first()
  if (flag) second(a)
  try {
    third()
  } catch {
    fourth()
  }
}
function first() { return 1 }
function second(n: number) { return n }
function third() { throw new Error('caught inside') }
function fourth() {}
export async function scenario() { work(true) }
`
  const [module] = traceRun('unit', [{ file: 'unit.ts', code, entry: 'scenario' }])
  const sites = (names: string[]) => names.map((name) => module.table.calls.findIndex((c: string[]) => c[0] === name))
  const [first, second, third, fourth] = sites(['first()', 'second()', 'third()', 'fourth()'])
  const workIndex = module.table.functions.findIndex((row: unknown[]) => row[1] === 'work')
  // statements are negative, -1_000_000 - n marks entry into the catch of try statement n
  expect(module.logs[workIndex]).toEqual([[-1, first, -2, -3, second, -4, -5, -1_000_004, -6, fourth]])
  expect(third).toBeGreaterThan(-1)
})

test('accuracy over the fixture corpus: at least 98% exact outside loops', () => {
  const directory = path.join(__dirname, 'fixtures')
  const modules = readdirSync(directory)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ file: `test/transformer/fixtures/${name}`, code: readFileSync(path.join(directory, name), 'utf8'), entry: 'scenario' as const }))
  const report = measureAccuracy(traceRun('fixtures', modules), 5)
  console.log(formatAccuracy(report))
  expect(report.outsideLoops.statements).toBeGreaterThan(100)
  expect(report.outsideLoops.exact / report.outsideLoops.statements).toBeGreaterThanOrEqual(0.98)
})

test('accuracy over the differential corpus: at least 98% exact outside loops', () => {
  const modules = allCases.map((c, i) => ({ file: `test/semantics/.cases/trace-${i}.ts`, ...caseSource(c), entry: 'run' as const }))
  const report = measureAccuracy(traceRun('semantics', modules), 5)
  console.log(formatAccuracy(report))
  expect(report.outsideLoops.statements).toBeGreaterThan(500)
  expect(report.outsideLoops.exact / report.outsideLoops.statements).toBeGreaterThanOrEqual(0.98)
})
