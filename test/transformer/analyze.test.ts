import { expect, test } from 'vitest'
import { resolveOptions } from '../../src/transformer/core/options.js'
import { analyzeFile } from '../../src/transformer/text/weave-file.js'

/** The lines of a woven function's probed statements. */
function probedLines(body: string): number[] {
  const code = `/** @ErrorMonitor */\nexport function f(items: number[], s: Disposable) {\n${body}\n}\n`
  const analyzed = analyzeFile(code, '/project/src/f.ts', resolveOptions({ root: '/project' }))
  if ('syntaxError' in analyzed) throw new Error(analyzed.syntaxError)
  return analyzed.ir.functions[0].probes.map((probe) => probe.line - 2)
}

test('a statement that cannot throw gets no probe; one that may throw keeps it', () => {
  const lines = [
    'let a', //                          1: no value
    "const b = 'x', c = 2, d = `t`", //  2: literals
    'var e = null', //                   3: a literal
    'let g = items', //                  4: a name may be in its dead zone: probed
    'const { length } = items', //       5: a pattern reads a property: probed
    'let h = `${a}`', //                 6: a template with a value: probed
    'using u = s', //                    7: disposed at the block's end: probed
    'for (const i of items) {', //       8: probed
    '  if (i) continue', //              9: probed if, no probe for continue
    '  if (!i) break', //               10: probed if, no probe for break
    '  debugger', //                    11: none
    '}',
    'if (a) return', //                 13: probed if, no probe for the bare return
    'return b', //                      14: probed
  ]
  expect(probedLines(lines.join('\n'))).toEqual([4, 5, 6, 7, 8, 9, 10, 13, 14])
})
