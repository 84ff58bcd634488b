import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { analyze, headerPosition } from '../../src/transformer/core/analyze.js'
import { parsedHasErrors } from '../../src/transformer/core/annotations.js'
import { resolveOptions } from '../../src/transformer/core/options.js'
import { emitText } from '../../src/transformer/text/emit.js'
import { skim } from '../../src/transformer/text/skim.js'
import { loadTypeScript } from '../../src/transformer/text/load-typescript.js'
import { parse, relativeFile, weaveFile } from '../../src/transformer/text/weave-file.js'
import { caseSource } from '../semantics/case-source.js'
import { allCases } from '../semantics/cases/index.js'

const ROOT = path.resolve(__dirname, '../..')
const FIXTURES = path.join(__dirname, 'fixtures')
const options = resolveOptions({ root: ROOT })

/** The weave from a parse of the whole text: what the skim must not change. */
function wovenFromWholeText(code: string, fileName: string): string {
  const ts = loadTypeScript()
  const sourceFile = parse(code, fileName)
  const ir = analyze(ts, sourceFile, relativeFile(fileName, ROOT), options)
  if (ir.functions.length === 0 && ir.decorators.length === 0) return code
  return emitText(code, ir, headerPosition(ts, sourceFile), fileName).code
}

const semanticCases = allCases.filter((c) => !c.weave?.monitorAll)
const sources = [
  ...readdirSync(FIXTURES)
    .filter((name) => !name.includes('.all.'))
    .map((name) => ({ name, code: readFileSync(path.join(FIXTURES, name), 'utf8') })),
  ...semanticCases.map((c) => ({ name: `${c.name}.ts`, code: caseSource(c).code })),
]

test('every fixture and semantic case weaves to the same text from the skimmed parse as from the whole text', () => {
  let skimmed = 0
  for (const { name, code } of sources) {
    const fileName = path.join(ROOT, 'skim', name.replace(/[^\w.-]+/g, '-'))
    const result = weaveFile(code, fileName, options)
    expect(result.kind === 'woven' ? result.code : code, name).toBe(wovenFromWholeText(code, fileName))
    if (skim(code, ['ErrorMonitor'])) skimmed++
  }
  // The comparison means something only if most sources were in fact skimmed.
  expect(skimmed).toBeGreaterThan(sources.length / 2)
})

const blankedText = (code: string) => skim(code, ['ErrorMonitor'])?.text

test('blanks top-level bodies without annotations, keeping offsets, lines and import/export lists', () => {
  const code = [
    "import { a, b } from './m'",
    'export function helper(x: number) {',
    '  return a(x) + b',
    '}',
    'export class Plain { m() { return 1 } }',
    '/** @ErrorMonitor */',
    'export function watched(x: number) {',
    '  return helper(x)',
    '}',
    'export { helper as h }',
  ].join('\n')
  const text = blankedText(code)!
  expect(text.length).toBe(code.length)
  expect(text.split('\n').length).toBe(code.split('\n').length)
  expect(text).toContain("import { a, b } from './m'")
  expect(text).not.toContain('return a(x)')
  expect(text).toContain('export class Plain {')
  expect(text).not.toContain('m() { return 1 }')
  expect(text).toContain('  return helper(x)')
  expect(text).toContain('export { helper as h }')
})

test('an annotation keeps every block of its declaration: type literals, multi-line parameters, the body', () => {
  const code = [
    '/** @ErrorMonitor */',
    'export function watched(options: {',
    '  retries: number',
    '}',
    '): { ok: boolean } {',
    '  return { ok: options.retries > 0 }',
    '}',
    'function after() { return 2 }',
  ].join('\n')
  const text = blankedText(code)!
  expect(text.slice(0, text.indexOf('function after'))).toBe(code.slice(0, code.indexOf('function after')))
  expect(text).not.toContain('return 2')
})

test.each([
  [
    'braces in strings, templates, regular expressions and comments, which do not end a block',
    '',
    ["  const t = `}${'{'}${ { a: '}' }.a }`", '  const r = /[}{]\\}/g', '  // }', "  return s.replace(r, '}') + t /* { */"],
  ],
  ['a hashbang line and a division after a non-null assertion', '#!/usr/bin/env node\n', ['  return s.length! / s.length! / 2']],
  ['a regular expression that starts a statement after if (...) or while (...)', '', ["  if (s) /['{]/.test(s)", '  while (s.length > 9) /}/.exec(s)', '  return s']],
])('reads %s: the body is blanked whole', (_title, prefix, body) => {
  const head = `${prefix}export function tricky(s: string) {`
  const tail = '\n}\n/** @ErrorMonitor */\nexport function watched() { return tricky("}") }'
  const inside = `\n${body.join('\n')}`
  expect(blankedText(`${head}${inside}${tail}`)).toBe(`${head}${inside.replace(/[^\n]/g, ' ')}${tail}`)
})

test('gives up where it could lose its way: an unterminated literal, unbalanced brackets', () => {
  expect(blankedText('function f() { return "open\n}')).toBeUndefined()
  expect(blankedText('function f() { return `open }')).toBeUndefined()
  expect(blankedText('function f() { return (1 }')).toBeUndefined()
})

test('.tsx and JavaScript files are parsed whole: JSX text may hold quotes and braces', () => {
  const code = "/** @ErrorMonitor */\nexport function view() {\n  return <p>it's {'}'}</p>\n}\nexport function other() { return 1 }\n"
  const fileName = path.join(ROOT, 'skim', 'view.tsx')
  const result = weaveFile(code, fileName, options)
  expect(result.kind === 'woven' && result.code).toBe(wovenFromWholeText(code, fileName))
})

test('a file whose skimmed parse fails is woven from the whole text', () => {
  // The lexer reads `/` after `}` as a division, so the brace in the regular expression
  // after an empty block ends the first body early and the blanked text does not parse.
  const code = "export function g(s: string) { if (s) {} /}x{/.test(s) / 2; return s }\n/** @ErrorMonitor */\nexport function f() { return g('x') }\n"
  const skimmed = skim(code, ['ErrorMonitor'])!
  expect(parsedHasErrors(parse(skimmed.text, 'fallback.ts'))).toBe(true)
  const fileName = path.join(ROOT, 'skim', 'fallback.ts')
  const result = weaveFile(code, fileName, options)
  expect(result.kind).toBe('woven')
  expect(result.kind === 'woven' && result.code).toBe(wovenFromWholeText(code, fileName))
})
