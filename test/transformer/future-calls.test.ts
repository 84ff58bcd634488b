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
