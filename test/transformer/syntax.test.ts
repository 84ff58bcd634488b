import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { isCall, isOwnScope, type Node, type SyntaxFile } from '../../src/transformer/core/syntax.js'
import { parseFile } from '../../src/transformer/text/parse.js'
import { ROOT } from '../helpers/weave.js'

function parsed(code: string, fileName = 'src/sample.ts'): SyntaxFile {
  const file = parseFile(code, fileName)
  if ('syntaxError' in file) throw new Error(file.syntaxError)
  return file
}

function childrenOf(file: SyntaxFile, node: Node): Node[] {
  const children: Node[] = []
  file.forEachChild(node, (child, parent) => {
    expect(parent).toBe(node)
    children.push(child)
  })
  return children
}

describe('forEachChild', () => {
  test('gives the children in source order, each with its parent, types left out', () => {
    const file = parsed('function f<T>(a: T, b = g()): T { return h(a, b) }\n')
    const fn = file.program.body[0]
    expect(childrenOf(file, fn).map((child) => file.textOf(child))).toEqual(['f', 'a: T', 'b = g()', '{ return h(a, b) }'])
    const call = fn.body.body[0].argument
    expect(childrenOf(file, call).map((child) => file.textOf(child))).toEqual(['h', 'a', 'b'])
  })

  test('skips holes and absent fields', () => {
    const file = parsed('const [, x] = y\nfor (;;) {}\n')
    const pattern = file.program.body[0].declarations[0].id
    expect(childrenOf(file, pattern).map((child) => file.textOf(child))).toEqual(['x'])
    expect(childrenOf(file, file.program.body[1]).map((child) => child.type)).toEqual(['BlockStatement'])
  })
})

/** The sources the pruning must never cut short: the tests' fixtures and tables, the semantic cases and our own code. */
const sources = ['test/transformer/fixtures', 'test/transformer/future-calls', 'test/semantics/cases', 'src'].flatMap((directory) =>
  readdirSync(path.join(ROOT, directory), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => path.join(ROOT, directory, name)),
)

/** A function with a body or a class: what the analysis visits a subtree to find (an overload signature weaves nothing). */
function isWoven(node: Node): boolean {
  return isOwnScope(node) && (node.type.startsWith('Class') || Boolean(node.body ?? node.value?.body))
}

describe('mayHoldScope and mayHoldCall', () => {
  test('say no for text without the marks', () => {
    const file = parsed('x = a + b.c[d] ?? -e\n')
    const expression = file.program.body[0].expression
    expect(file.mayHoldScope(expression)).toBe(false)
    expect(file.mayHoldCall(expression)).toBe(false)
  })

  test.each([
    ['y => 1', true, false],
    ['function () {}', true, true],
    ['class {}', true, false],
    ['{ m() {} }', true, true],
    ['f()', false, true],
    ['new F', false, true],
    ['tag`t`', false, true],
  ])('`x = %s`: scope %s, call %s', (value, scope, call) => {
    const file = parsed(`x = ${value}\n`)
    const expression = file.program.body[0].expression.right
    expect(file.mayHoldScope(expression)).toBe(scope)
    expect(file.mayHoldCall(expression)).toBe(call)
  })

  test(`say yes for every node around a function, class, decorator, call or yield (${sources.length} files)`, () => {
    let checked = 0
    for (const fileName of sources) {
      const file = parsed(readFileSync(fileName, 'utf8'), fileName)
      // Returns what the subtree holds: a scope (function, class, decorator) and a call or yield.
      const visit = (node: Node): { scope: boolean; call: boolean } => {
        const held = { scope: false, call: false }
        file.forEachChild(node, (child) => {
          const inner = visit(child)
          held.scope ||= inner.scope || isWoven(child) || child.type === 'Decorator'
          held.call ||= inner.call || isCall(child) || child.type === 'YieldExpression'
        })
        if (held.scope && !file.mayHoldScope(node)) throw new Error(`${fileName}: ${file.textOf(node)} holds a scope`)
        if (held.call && !file.mayHoldCall(node)) throw new Error(`${fileName}: ${file.textOf(node)} holds a call`)
        checked++
        return held
      }
      visit(file.program)
    }
    expect(checked).toBeGreaterThan(10_000)
  })
})
