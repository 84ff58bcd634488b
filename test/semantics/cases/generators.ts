import type { SemanticCase } from '../harness.js'

/** Generators: `yield`, `yield*`, `.next(v)`, `.throw()`, `.return()`. */
export const generatorCases: SemanticCase[] = [
  {
    name: 'yields values and a final return value',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* count(n: number) { for (let i = 0; i < n; i++) yield i; return 'end' }
export function run() { const g = count(2); return [g.next(), g.next(), g.next(), g.next(), [...count(3)]] }
`,
  },
  {
    name: 'yield receives the values passed to next()',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* echo() { const a = yield 'first'; log.push(a); const b = yield a + '!'; log.push(b); return [a, b] }
export function run() { const g = echo(); return [g.next('ignored'), g.next('x'), g.next('y'), log] }
`,
  },
  {
    name: 'the body does not start before the first next()',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* lazy() { log.push('started'); yield 1 }
export function run() { const g = lazy(); log.push('created'); g.next(); return log }
`,
  },
  {
    name: '.return() runs finally blocks and reports nothing',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* guarded() { try { yield 1; yield 2 } finally { log.push('finally') } }
export function run() { const g = guarded(); return [g.next(), g.return('early' as any), g.next(), log] }
`,
  },
  {
    name: '.return() into a finally that yields',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* stubborn() { try { yield 1 } finally { yield 'cleanup'; log.push('done') } }
export function run() { const g = stubborn(); return [g.next(), g.return('r' as any), g.next(), g.next(), log] }
`,
  },
  {
    name: '.return() before the first next() skips the body',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* never() { log.push('body'); yield 1 }
export function run() { const g = never(); return [g.return('x' as any), g.next(), log] }
`,
  },
  {
    name: '.throw() at a yield leaves with the same error and one report',
    woven: 1,
    reports: ['gen'],
    code: `
/** @ErrorMonitor */
function* gen() { yield 1; log.push('unreached') }
export function run() { const g = gen(); g.next(); return [outcome(() => g.throw(BOOM)), g.next(), log] }
`,
  },
  {
    name: '.throw() caught inside the generator continues it',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* resilient() { while (true) { try { yield 'waiting' } catch (error) { log.push(label(error)); yield 'recovered' } } }
export function run() { const g = resilient(); return [g.next(), g.throw(BOOM), g.next(), log] }
`,
  },
  {
    name: '.throw() before the first next() never enters the body',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* unstarted() { log.push('body'); yield 1 }
export function run() { const g = unstarted(); return [outcome(() => g.throw(BOOM)), g.next(), log] }
`,
  },
  {
    name: '.throw() into a try/finally runs finally first',
    woven: 1,
    reports: ['gen'],
    code: `
/** @ErrorMonitor */
function* gen() { try { yield 1 } finally { log.push('finally') } }
export function run() { const g = gen(); g.next(); const r = outcome(() => g.throw(BOOM)); log.push('after'); return [r, log] }
`,
  },
  {
    name: 'an error from the body ends the generator',
    woven: 1,
    reports: ['failing'],
    code: `
/** @ErrorMonitor */
function* failing() { yield 1; throw BOOM }
export function run() { const g = failing(); return [g.next(), outcome(() => g.next()), g.next()] }
`,
  },
  {
    name: 'yield* delegates next, return and throw',
    woven: 2,
    reports: [],
    code: `
/** @ErrorMonitor */
function* inner() { try { const got = yield 'i1'; log.push('inner got ' + got); yield 'i2' } finally { log.push('inner finally') } return 'inner done' }
/** @ErrorMonitor */
function* outer() { const r = yield* inner(); log.push('outer got ' + r); yield 'o1' }
export function run() {
  const a = outer(); const first = [a.next(), a.next('v'), a.next(), a.next()]
  const b = outer(); b.next(); const second = b.return('stop' as any)
  return [first, second, log]
}
`,
  },
  {
    name: 'an error from a delegated generator gives one report',
    woven: 2,
    reports: ['inner'],
    code: `
/** @ErrorMonitor */
function* inner() { yield 1; throw BOOM }
/** @ErrorMonitor */
function* outer() { yield* inner(); yield 'unreached' }
export function run() { const g = outer(); return [g.next(), outcome(() => g.next())] }
`,
  },
  {
    name: 'yield* over a plain iterable and a string',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* flat() { yield* [1, 2]; yield* 'ab'; yield* new Set([3]) }
export function run() { return [...flat()] }
`,
  },
  {
    name: 'a generator method keeps this and arguments',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Bag {
  items = ['x', 'y'];
  @ErrorMonitor *each(prefix: string) { for (const item of this.items) yield prefix + item + arguments.length }
}
export function run() { return [...new Bag().each('>')] }
`,
  },
  {
    name: 'a generator function keeps its name, length and kind',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* named(a: number, b: number) { yield a + b }
export function run() {
  const proto = Object.getPrototypeOf(named)
  return [named.name, named.length, proto.constructor.name, Object.prototype.toString.call(named(1, 2)), 'prototype' in named]
}
`,
  },
  {
    name: 'breaking out of for-of over an infinite generator runs its finally',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* naturals() { let n = 0; try { while (true) yield n++ } finally { log.push('closed at ' + n) } }
export function run() { const seen: number[] = []; for (const n of naturals()) { if (n > 2) break; seen.push(n) } return [seen, log] }
`,
  },
  {
    name: 'a generator that calls its own next() while running',
    woven: 1,
    reports: ['reentrant'],
    code: `
let self: Generator | undefined
/** @ErrorMonitor */
function* reentrant() { yield 1; self!.next() }
export function run() { self = reentrant(); self.next(); return outcome(() => self!.next()) }
`,
  },
  {
    name: 'yield inside labelled loops and switch',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* tokens(text: string) {
  scan: for (const ch of text) {
    switch (ch) {
      case ' ': continue scan
      case '.': break scan
      default: yield ch.toUpperCase()
    }
  }
  yield 'END'
}
export function run() { return [...tokens('a b.c')] }
`,
  },
  {
    name: 'an object-literal generator method with JSDoc',
    woven: 1,
    reports: [],
    code: `
const source = {
  base: 10,
  /** @ErrorMonitor */
  *values() { yield this.base; yield this.base + 1 },
}
export function run() { return [[...source.values()], source.values.name] }
`,
  },
  {
    name: 'using in a generator is disposed by .return()',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* withResource() {
  using r = { [Symbol.dispose]() { log.push('disposed') } }
  yield 1
  yield 2
}
export function run() { const g = withResource(); return [g.next(), g.return(undefined), log] }
`,
  },
  {
    name: 'yield inside loop tests and updates',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function* driven() {
  let total = 0
  while (yield 'more?') total++
  for (let i = 0; i < 2; yield 'step ' + i++) total += 10
  return total
}
export function run() { const g = driven(); return [g.next(), g.next(true), g.next(true), g.next(false), g.next(), g.next(), g.next()] }
`,
  },
]
