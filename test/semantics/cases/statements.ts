import type { SemanticCase } from '../harness.js'

/** Directives, hoisting, labels, control flow, `using` declarations, odd bodies. */
export const statementCases: SemanticCase[] = [
  {
    name: "a 'use strict' directive stays in the prologue",
    woven: 1,
    reports: [],
    wovenMatches: [/function strictOne\(\) \{\s*'use strict';[\s;]*(?:let __ew_s = 1;|try \{)/],
    code: `
/** @ErrorMonitor */
function strictOne() { 'use strict'; return typeof this }
export function run() { return strictOne() }
`,
  },
  {
    name: 'several directives stay in the prologue',
    woven: 1,
    reports: [],
    wovenMatches: [/\{\s*'use strict';\s*"use custom";[\s;]*(?:let __ew_s = 1;|try \{)/],
    code: `
/** @ErrorMonitor */
function directives(a: number) { 'use strict'; "use custom"; log.push('body'); return a }
export function run() { return [directives(1), log] }
`,
  },
  {
    name: 'a directive prologue without a semicolon',
    woven: 1,
    reports: [],
    wovenMatches: [/\{\s*'use strict'[\s;]*(?:let __ew_s = 1;|try \{)/],
    code: `
/** @ErrorMonitor */
function noSemicolon() {
  'use strict'
  return 'ok'
}
export function run() { return noSemicolon() }
`,
  },
  {
    name: 'a string statement after the prologue is just an expression',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function late() { log.push('first'); 'use strict'; return log.length }
export function run() { return late() }
`,
  },
  {
    name: 'a function declaration is called before its definition',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function outer() { const r = helper(2); return r; function helper(n: number) { return n * 3 } }
export function run() { return outer() }
`,
  },
  {
    name: 'mutually recursive inner function declarations',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function parity(n: number) {
  return [isEven(n), isOdd(n)]
  function isEven(k: number): boolean { return k === 0 ? true : isOdd(k - 1) }
  function isOdd(k: number): boolean { return k === 0 ? false : isEven(k - 1) }
}
export function run() { return [parity(4), parity(7)] }
`,
  },
  {
    name: 'var declarations are hoisted',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function hoisted(flag: boolean) {
  log.push(typeof early)
  if (flag) { var early = 'set' }
  return early
}
export function run() { return [hoisted(true), hoisted(false), log] }
`,
  },
  {
    name: 'a let read in its temporal dead zone throws and is passed on',
    woven: 1,
    reports: ['tdz'],
    code: `
/** @ErrorMonitor */
function tdz() { const read = () => late; log.push(outcome(read)); const first = read(); let late = 1; return first }
export function run() { return [outcome(tdz), log] }
`,
  },
  {
    name: 'a class declared in the body is in its temporal dead zone before the declaration',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function classes() { const before = outcome(() => new Local()); class Local { v = 1 } return [before, new Local().v] }
export function run() { return classes() }
`,
  },
  {
    name: 'a function declared in a nested block is scoped to that block',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function scoped() {
  const outside = typeof inBlock
  { function inBlock() { return 'inner' } log.push(inBlock()) }
  return [outside, typeof inBlock]
}
export function run() { return [scoped(), log] }
`,
  },
  // Was a bug: inside the try block the function declaration is lexical and clashes with the var (SyntaxError).
  {
    name: 'var and function of the same name (valid JavaScript)',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function clash() {
  const before = typeof shared
  // @ts-ignore: duplicate identifier in TypeScript, valid JavaScript
  var shared: any = 1
  // @ts-ignore
  function shared() {}
  return [before, typeof shared]
}
export function run() { return clash() }
`,
  },
  {
    name: 'a parameter shadowed by an inner function declaration',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function shadow(value: any) { const seen = typeof value; return [seen, value()]; function value() { return 'fn' } }
export function run() { return shadow(1) }
`,
  },
  {
    name: 'labelled break and continue across nested loops',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function search(grid: number[][], target: number) {
  let visited = 0
  outer: for (let r = 0; r < grid.length; r++) {
    inner: for (const cell of grid[r]) {
      visited++
      if (cell < 0) continue outer
      if (cell === 0) continue inner
      if (cell === target) { log.push([r, cell]); break outer }
    }
  }
  return visited
}
export function run() { return [search([[1, -1, 5], [0, 2, 7], [7]], 7), log] }
`,
  },
  {
    name: 'a labelled block left with break',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function validate(input: string) {
  let result = 'valid'
  check: {
    if (!input) { result = 'empty'; break check }
    if (input.length > 3) { result = 'long'; break check }
    log.push('checked ' + input)
  }
  return result
}
export function run() { return [validate(''), validate('abcd'), validate('ab'), log] }
`,
  },
  {
    name: 'a labelled do-while with continue',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function steps(limit: number) {
  let i = 0
  loop: do { i++; if (i % 2) continue loop; log.push(i) } while (i < limit)
  return i
}
export function run() { return [steps(6), log] }
`,
  },
  {
    name: 'nested labels on one statement and a label inside a switch',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function labels(kind: string) {
  a: b: for (let i = 0; i < 3; i++) {
    switch (kind) {
      case 'a': continue a
      case 'b': break b
      default: log.push(kind + i)
    }
  }
  return kind
}
export function run() { return [labels('a'), labels('b'), labels('c'), log] }
`,
  },
  {
    name: 'switch with fall-through, default in the middle and case-scoped let',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function route(n: number) {
  const out: string[] = []
  switch (n) {
    case 1: out.push('one')
    case 2: { let tmp = 'two'; out.push(tmp); break }
    default: out.push('default')
    case 3: out.push('three'); break
    case 4: return 'four'
  }
  return out.join(',')
}
export function run() { return [1, 2, 3, 4, 5].map(route) }
`,
  },
  {
    name: 'if/else chains and loops without braces',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function braceless(n: number) {
  let total = 0
  if (n > 10) total = 10; else if (n > 5) total = 5; else total = 1
  for (let i = 0; i < n; i++) total += i
  while (total > 100) total -= 100
  do total++; while (total < 3)
  for (const k in { a: 1, b: 2 }) log.push(k)
  return total
}
export function run() { return [braceless(0), braceless(7), braceless(20), log] }
`,
  },
  {
    name: 'per-iteration bindings captured by closures in a braceless loop',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function closures() {
  const fns: Array<() => number> = []
  for (let i = 0; i < 3; i++) fns.push(() => i * 10)
  return fns.map((f) => f())
}
export function run() { return closures() }
`,
  },
  {
    name: 'try/catch/finally inside the function keeps its order',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function handled(fail: boolean) {
  try { log.push('try'); if (fail) throw BOOM; return 'returned' }
  catch (error) { log.push('catch ' + label(error)); return 'recovered' }
  finally { log.push('finally') }
}
export function run() { return [handled(false), handled(true), log] }
`,
  },
  {
    name: 'a return in finally overrides the throw: nothing escapes',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function swallow() { try { throw BOOM } finally { log.push('finally'); return 'swallowed' } }
export function run() { return [swallow(), log] }
`,
  },
  {
    name: 'an inner finally runs before the error leaves',
    woven: 1,
    reports: ['cleanup'],
    code: `
/** @ErrorMonitor */
function cleanup() { try { log.push('work'); throw BOOM } finally { log.push('finally') } }
export function run() { const r = outcome(cleanup); log.push('after'); return [r, log] }
`,
  },
  {
    name: 'a throw from finally replaces the original error',
    woven: 1,
    reports: ['replace'],
    code: `
const second = new Error('second')
/** @ErrorMonitor */
function replace() { try { throw BOOM } finally { throw second } }
export function run() { try { replace() } catch (error) { return [error === second, error === BOOM] } }
`,
  },
  {
    name: 'a catch block that throws a new error',
    woven: 1,
    reports: ['wrap'],
    code: `
/** @ErrorMonitor */
function wrap() { try { throw BOOM } catch (error) { throw new Error('wrapped', { cause: error }) } }
export function run() { try { wrap() } catch (error: any) { return [error.message, error.cause === BOOM] } }
`,
  },
  {
    name: 'breaking out of for-of closes the iterator',
    woven: 1,
    reports: [],
    code: `
const iterable = {
  [Symbol.iterator]() {
    let i = 0
    return {
      next() { log.push('next'); return { value: i++, done: false } },
      return() { log.push('return'); return { value: undefined, done: true } },
    }
  },
}
/** @ErrorMonitor */
function firstTwo() { const out: number[] = []; for (const v of iterable) { out.push(v); if (out.length === 2) break } return out }
export function run() { return [firstTwo(), log] }
`,
  },
  {
    name: 'an error thrown in for-of closes the iterator, then leaves',
    woven: 1,
    reports: ['consume'],
    code: `
const iterable = {
  [Symbol.iterator]() {
    return { next() { return { value: 1, done: false } }, return() { log.push('closed'); return { done: true, value: undefined } } }
  },
}
/** @ErrorMonitor */
function consume() { for (const v of iterable) { log.push(v); throw BOOM } }
export function run() { return [outcome(consume), log] }
`,
  },
  {
    name: 'statements without semicolons',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function asi(items: number[]) {
  let total = 0
  const double = (n: number) => n * 2
  ;[1, 2].forEach((n) => (total += n))
  ;(() => { total += 10 })()
  const text = \`t\${total}\`
  let n = total
  ++n
  return [text, n, double(n)]
}
export function run() { return asi([]) }
`,
  },
  {
    name: 'a return value on the next line after return is not returned',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function asiReturn() {
  return
  42
}
export function run() { return asiReturn() }
`,
  },
  // Was a bug: for `{}` the catch closer was spliced before the try opener at the same offset.
  {
    name: 'empty function bodies',
    woven: 4,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
/** @ErrorMonitor */
function empty() {}
/** @ErrorMonitor */
const emptyArrow = () => {}
@ErrorMonitor
class Empty { constructor() {} method() {} }
export function run() { return [empty(), emptyArrow(), new Empty().method(), empty.length, emptyArrow.name] }
`,
  },
  {
    name: 'a body with only comments',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function commented() {
  // nothing here
  /* still nothing */
}
export function run() { return commented() }
`,
  },
  {
    name: 'a nested function that fails later, outside the woven call',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function makeFailer() { return function failer() { throw BOOM } }
export function run() { const f = makeFailer(); return outcome(f) }
`,
  },
  {
    name: 'using: disposal after the return value, in reverse order',
    woven: 1,
    reports: [],
    code: `
function resource(name: string) { return { name, [Symbol.dispose]() { log.push('dispose ' + name) } } }
/** @ErrorMonitor */
function work() {
  using a = resource('a')
  using b = resource('b')
  return (log.push('body'), a.name + b.name)
}
export function run() { return [work(), log] }
`,
  },
  {
    name: 'using: the body error leaves after disposal, same object',
    woven: 1,
    reports: ['work'],
    code: `
/** @ErrorMonitor */
function work() {
  using r = { [Symbol.dispose]() { log.push('dispose') } }
  log.push('body')
  throw BOOM
}
export function run() { return [outcome(work), log] }
`,
  },
  {
    name: 'using: a failing dispose after a failing body gives a SuppressedError',
    woven: 1,
    reports: ['work'],
    code: `
const disposeError = new Error('dispose')
/** @ErrorMonitor */
function work() {
  using r = { [Symbol.dispose]() { throw disposeError } }
  throw BOOM
}
export function run() {
  try { work() } catch (error: any) { return [error.error === disposeError, error.suppressed === BOOM, error.name] }
}
`,
  },
  {
    name: 'using: null and undefined resources are allowed',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function optional(flag: boolean) {
  using a = flag ? { [Symbol.dispose]() { log.push('disposed') } } : null
  using b = undefined
  return flag
}
export function run() { return [optional(true), optional(false), log] }
`,
  },
  {
    name: 'using: a non-disposable value throws a TypeError',
    woven: 1,
    reports: ['bad'],
    code: `
/** @ErrorMonitor */
function bad() { using x = {} as any; return 'unreached' }
export function run() { return outcome(bad) }
`,
  },
  {
    name: 'using in a for-of head disposes each value',
    woven: 1,
    reports: [],
    code: `
const make = (n: number) => ({ n, [Symbol.dispose]() { log.push('dispose ' + n) } })
/** @ErrorMonitor */
function each() { for (using r of [make(1), make(2)]) log.push('use ' + r.n); return log.length }
export function run() { return [each(), log] }
`,
  },
  {
    name: 'await using disposes asynchronously before the result settles',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
async function work() {
  await using r = { async [Symbol.asyncDispose]() { await null; log.push('async dispose') } }
  log.push('body')
  return 'done'
}
export async function run() { const result = await work(); log.push('settled'); return [result, log] }
`,
  },
  {
    name: 'loop tests and updates with side effects, reached by labelled continue',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function scan(text: string) {
  const re = /\\d/g
  let m: RegExpExecArray | null
  const digits: string[] = []
  while ((m = re.exec(text))) digits.push(m[0])
  let steps = 0
  rows: for (let r = 0, tick = () => log.push('update ' + r); r < 3; r++, tick()) {
    for (let c = 0; c < 3; c++) { steps++; if (c === r) continue rows }
  }
  return [digits, steps, log]
}
export function run() { return scan('a1b22c') }
`,
  },
  {
    name: 'an error thrown by a loop update on a later pass',
    woven: 1,
    reports: ['countdown'],
    code: `
const step = (n: number) => { if (n === 1) throw BOOM; return n - 1 }
/** @ErrorMonitor */
function countdown(from: number) { for (let n = from; n > 0; n = step(n)) log.push(n) }
export function run() { return [outcome(() => countdown(3)), log] }
`,
  },
  {
    name: 'a do-while test that throws',
    woven: 1,
    reports: ['poll'],
    code: `
let polls = 0
const ready = () => { polls++; if (polls === 2) throw BOOM; return false }
/** @ErrorMonitor */
function poll() { do log.push('poll ' + polls); while (!ready()) }
export function run() { return [outcome(poll), log] }
`,
  },
]
