import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { resolveOptions } from '../../src/transformer/core/options.js'
import { analyzeFile } from '../../src/transformer/text/weave-file.js'

/**
 * Table tests: in future-calls/*.ts a statement's expected future calls are written
 * after it as `//> a(), b()?` (`?` = conditional). The first statement starting on
 * that line is the one checked.
 */
const directory = path.join(__dirname, 'future-calls')
const EXPECTATION = /\/\/>(.*)$/

describe.each(readdirSync(directory).filter((name) => name.endsWith('.ts')))('%s', (name) => {
  const code = readFileSync(path.join(directory, name), 'utf8')
  const analyzed = analyzeFile(code, path.join(directory, name), resolveOptions({ monitorAll: true, root: directory }))
  if ('syntaxError' in analyzed) throw new Error(analyzed.syntaxError)
  const { ir } = analyzed
  const actualByLine = new Map<number, string>()
  for (const fn of ir.functions) {
    for (const probe of fn.probes) {
      if (actualByLine.has(probe.line)) continue
      actualByLine.set(probe.line, probe.futureCalls.map((f) => `${ir.calls[f.site].call}${f.conditional ? '?' : ''}`).join(', '))
    }
  }
  const expectations = code
    .split('\n')
    .map((text, i) => ({ line: i + 1, expected: EXPECTATION.exec(text)?.[1].trim() }))
    .filter((e): e is { line: number; expected: string } => e.expected !== undefined)

  test.each(expectations)('line $line: $expected', ({ line, expected }) => {
    expect(actualByLine.get(line)).toBe(expected)
  })
})

describe('a body of 10,000 statements', () => {
  const count = 10_000
  const steps = Array.from({ length: count }, (_, i) => `    step${i}()\n`).join('')
  const analyze = (code: string) => {
    const analyzed = analyzeFile(code, path.join(directory, 'long.ts'), resolveOptions({ monitorAll: true, root: directory }))
    if ('syntaxError' in analyzed) throw new Error(analyzed.syntaxError)
    return analyzed.ir
  }

  test('straight line: each statement lists the next five calls, sites numbered as futures first list them', () => {
    const ir = analyze(`export function long() {\n  {\n${steps}  }\n  done()\n}\n`)
    const [woven] = ir.functions
    expect(ir.calls.map((site) => site.call)).toEqual([...Array.from({ length: count - 1 }, (_, i) => `step${i + 1}()`), 'done()'])
    // Site k is step(k + 1)(); site count - 1 is done().
    const expected = woven.probes.map((_, i) => Array.from({ length: Math.min(5, count - i) }, (_, k) => ({ site: i + k, conditional: false })))
    expect(woven.probes.map((probe) => probe.futureCalls)).toEqual(expected)
  })

  test('a loop body: the last statements go on into the next pass, which may not run', () => {
    const ir = analyze(`export function long(items: number[]) {\n  for (const item of items) {\n${steps}  }\n}\n`)
    const futures = ir.functions[0].probes.slice(-3).map((probe) => probe.futureCalls.map((call) => `${ir.calls[call.site].call}${call.conditional ? '?' : ''}`).join(', '))
    expect(futures).toEqual([`step${count - 2}(), step${count - 1}(), step0()?, step1()?, step2()?`, `step${count - 1}(), step0()?, step1()?, step2()?, step3()?`, 'step0()?, step1()?, step2()?, step3()?, step4()?'])
  })
})
