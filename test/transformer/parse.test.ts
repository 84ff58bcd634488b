import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { resolveOptions } from '../../src/transformer/core/options.js'
import { rawTransferWorks } from '../../src/transformer/text/load-parser.js'
import { RAW_TRANSFER_AFTER, parseFile, usesRawTransfer } from '../../src/transformer/text/parse.js'
import { weaveFile } from '../../src/transformer/text/weave-file.js'
import { ROOT } from '../helpers/weave.js'

const directories = ['fixtures', 'future-calls'].map((name) => path.join(__dirname, name))
const sources = directories.flatMap((directory) =>
  readdirSync(directory)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ name, file: path.join(directory, name), code: readFileSync(path.join(directory, name), 'utf8') })),
)

test('raw transfer, on 64-bit Node (20 included), from the first file but for JavaScript on Node 20, which waits until a process has parsed RAW_TRANSFER_AFTER of source', () => {
  const supported = rawTransferWorks()
  expect(supported).toBe(process.arch === 'x64' || process.arch === 'arm64')
  const asked = (lang: 'ts' | 'tsx' | 'jsx', parsedLength: number, javaScriptWaits: boolean) => usesRawTransfer(undefined, { lang, parsedLength, supported, javaScriptWaits })
  for (const javaScriptWaits of [false, true]) {
    for (const lang of ['ts', 'tsx'] as const) expect(asked(lang, 0, javaScriptWaits)).toBe(supported)
    expect(asked('jsx', RAW_TRANSFER_AFTER, javaScriptWaits)).toBe(supported)
  }
  expect(asked('jsx', 0, false)).toBe(supported)
  expect(asked('jsx', 0, true)).toBe(false)
  expect(asked('jsx', RAW_TRANSFER_AFTER - 1, true)).toBe(false)
  expect(usesRawTransfer(true, { lang: 'jsx', parsedLength: 0, supported, javaScriptWaits: true })).toBe(supported)
  expect(usesRawTransfer(false, { lang: 'ts', parsedLength: RAW_TRANSFER_AFTER, supported, javaScriptWaits: false })).toBe(false)
  expect(usesRawTransfer(true, { lang: 'ts', parsedLength: 0, supported: false, javaScriptWaits: false })).toBe(false)
})

describe.each(sources)('$name', ({ file, code }) => {
  // The future-call tables hold no annotations: they are woven under monitorAll only.
  test.each(code.includes('ErrorMonitor') ? [false, true] : [true])('woven alike with and without raw transfer (monitorAll %s)', (monitorAll) => {
    const options = resolveOptions({ root: ROOT, monitorAll })
    const raw = weaveFile(code, file, { ...options, rawTransfer: true })
    const json = weaveFile(code, file, { ...options, rawTransfer: false })
    if (raw.kind !== 'woven' || json.kind !== 'woven') throw new Error(`${file} is not woven`)
    expect(raw.code).toBe(json.code)
    expect(raw.ir).toEqual(json.ir)
  })
})

describe('parseFile', () => {
  test.each([false, true])('a syntax error is the first one, as file:line:col (raw transfer %s)', (rawTransfer) => {
    expect(parseFile('const a = 1\nfunction broken( {\n', 'src/broken.ts', { rawTransfer })).toEqual({
      syntaxError: 'src/broken.ts:3:1: syntax error: Expected `}` but found `EOF`',
    })
  })

  test('offsets count UTF-16 code units, as the source string does', () => {
    const file = parseFile("const s = 'é😀'\nexport function f() {}\n", 'src/text.ts')
    if ('syntaxError' in file) throw new Error(file.syntaxError)
    const declaration = file.program.body[1]
    expect(file.text.slice(declaration.start, declaration.end)).toBe('export function f() {}')
    expect(file.lineColumn(declaration.start)).toEqual({ line: 2, column: 1 })
  })

  test('JavaScript files may hold JSX, TypeScript files may not', () => {
    const code = 'export const view = () => <div>{f()}</div>\n'
    expect('program' in parseFile(code, 'src/view.js')).toBe(true)
    expect('program' in parseFile(code, 'src/view.jsx')).toBe(true)
    expect(parseFile(code, 'src/view.ts')).toHaveProperty('syntaxError')
  })

  test("a JavaScript file gets oxc's JavaScript tree and weaves as the same text read as TypeScript", () => {
    const code = [
      "import { ErrorMonitor } from 'errorweave'",
      '@ErrorMonitor()',
      'export class Shop {',
      '  #stock = new Map()',
      '  async buy(id, { count = 1 } = {}) {',
      '    outer: for (const item of this.#stock.get(id) ?? []) {',
      '      try { if (!item) continue outer; await this.pay?.(item, count) } finally { this.log`done` }',
      '    }',
      '    return (this.cache ||= load(id)).then((x) => x)',
      '  }',
      '  *all() { yield* this.#stock.values(); switch (this.mode) { case 1: throw new Error(); default: done() } }',
      '}',
      '/** @ErrorMonitor({ severity: "WARN" }) */',
      'export const total = async (items) => (await Promise.all(items.map((i) => i.price))).reduce((a, b) => a + b, 0)',
      '',
    ].join('\n')
    const js = parseFile(code, 'src/shop.js')
    if ('syntaxError' in js) throw new Error(js.syntaxError)
    expect(js.program.body[1].declaration).not.toHaveProperty('typeParameters')
    for (const monitorAll of [false, true]) {
      const options = resolveOptions({ root: ROOT, monitorAll })
      const [asJs, asTs] = [weaveFile(code, path.join(ROOT, 'src/shop.js'), options), weaveFile(code, path.join(ROOT, 'src/shop.ts'), options)]
      if (asJs.kind !== 'woven' || asTs.kind !== 'woven') throw new Error('src/shop is not woven')
      expect(asJs.code.replaceAll('shop.js', 'shop.ts')).toBe(asTs.code)
      expect({ ...asJs.ir, file: 'src/shop.ts' }).toEqual(asTs.ir)
      expect(asJs.ir.functions.length).toBeGreaterThanOrEqual(3)
    }
  })
})
