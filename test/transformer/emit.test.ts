import { readdirSync, readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import path from 'node:path'
import { expect, test } from 'vitest'
import { resolveOptions } from '../../src/transformer/core/options.js'
import { weaveFile } from '../../src/transformer/text/weave-file.js'
import { ROOT } from '../helpers/weave.js'

const directory = path.join(__dirname, 'fixtures')

/** A module that only gets text inserted (its code is joined without MagicString) and one with a removed decorator and a moved declaration (made by MagicString). */
const SOURCES: Record<string, string> = {
  'inserts.all.ts': 'export async function load(id: string) {\n  const row = await db.get(id)\n  if (!row) throw new Error(`no ${id}`)\n  return row.value ?? fallback(id)\n}\n',
  'edits.ts': [
    "import { ErrorMonitor } from 'errorweave'",
    'class Orders {',
    '  @ErrorMonitor()',
    '  place(order: string) {',
    '    var total = price(order)',
    '    function total() {}',
    '    return charge(total)',
    '  }',
    '}',
    '',
  ].join('\n'),
  ...Object.fromEntries(readdirSync(directory).filter((name) => name.endsWith('.ts')).map((name) => [name, readFileSync(path.join(directory, name), 'utf8')])),
}

test.each(Object.keys(SOURCES))('%s: every segment of the source map points at the same character in the woven code and in the source', (name) => {
  const source = SOURCES[name]
  const result = weaveFile(source, path.join(ROOT, name), resolveOptions({ root: ROOT, monitorAll: name.endsWith('.all.ts') }))
  if (result.kind !== 'woven') throw new Error(`${name} was not woven: ${result.kind}`)
  const payload = result.map()
  const map = new SourceMap(payload as never)
  const lineStarts = [0, ...[...source.matchAll(/\n/g)].map((lineBreak) => lineBreak.index + 1)]
  // A removed decorator's replacement (`;` or nothing) is mapped to the decorator it replaces.
  const isRemoved = (offset: number) => result.ir.decorators.some((decorator) => decorator.start <= offset && offset < decorator.end)
  let segments = 0
  let compared = 0
  result.code.split('\n').forEach((line, lineIndex) => {
    for (let column = 0; column < line.length; column++) {
      const entry = map.findEntry(lineIndex, column) as { generatedLine?: number; generatedColumn?: number; originalLine: number; originalColumn: number }
      if (entry.generatedLine !== lineIndex || entry.generatedColumn !== column) continue
      segments++
      const original = lineStarts[entry.originalLine] + entry.originalColumn
      if (isRemoved(original)) continue
      expect(`${lineIndex}:${column} ${line[column]}`).toBe(`${lineIndex}:${column} ${source[original]}`)
      compared++
    }
  })
  // Every segment was met inside the code: none points past the end of its line.
  expect(segments).toBe(payload.mappings.split(/[;,]/).filter(Boolean).length)
  expect(compared).toBeGreaterThan(10)
})
