import type { SemanticCase } from '../harness.js'

/** Return values, thrown values (same identity), `this`, `arguments`, `new.target`. */
export const valueCases: SemanticCase[] = [
  {
    name: 'returns a computed primitive',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function add(a: number, b: number) { const sum = a + b; return sum }
export function run() { return [add(1, 2), add(0.1, 0.2), Object.is(add(-0, -0), -0)] }
`,
  },
  {
    name: 'returns the very same object',
    woven: 1,
    reports: [],
    code: `
const shared = { id: 1 }
/** @ErrorMonitor */
function get() { log.push('get'); return shared }
export function run() { return [get() === shared, log] }
`,
  },
  {
    name: 'falls off the end and returns undefined',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function nothing(flag: boolean) { if (flag) return; log.push('end') }
export function run() { return [nothing(true), nothing(false), log] }
`,
  },
  {
    name: 'returns early from nested branches',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function classify(n: number) {
  if (n < 0) { if (n < -10) return 'very negative'; else return 'negative' }
  else if (n === 0) return 'zero'
  for (const limit of [10, 100]) if (n < limit) return 'below ' + limit
  return 'large'
}
export function run() { return [-20, -1, 0, 5, 50, 500].map(classify) }
`,
  },
  {
    name: 'returns an object literal from an expression-bodied arrow',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
const pair = (a: number, b: number) => ({ a, b, sum: a + b })
export function run() { return pair(2, 3) }
`,
  },
  {
    name: 'returns a symbol and a bigint',
    woven: 2,
    reports: [],
    code: `
const tag = Symbol('tag')
/** @ErrorMonitor */
function sym() { return tag }
/** @ErrorMonitor */
function big(n: bigint) { return n * 2n }
export function run() { return [sym() === tag, big(2n ** 64n)] }
`,
  },
  {
    name: 'a sync JSDoc function returns the very same promise',
    woven: 1,
    reports: [],
    code: `
const pending = Promise.resolve(1)
/** @ErrorMonitor */
function give() { return pending }
export async function run() { const p = give(); return [p === pending, await p] }
`,
  },
  // Was a bug: the runtime decorator fallback returned result.catch(...), a new promise.
  {
    name: 'a sync decorated method returns the very same promise',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
const pending = Promise.resolve(2)
class Cache { @ErrorMonitor get() { return pending } }
export async function run() { const p = new Cache().get(); return [p === pending, await p] }
`,
  },
  {
    name: 'rethrows the same Error object',
    woven: 1,
    reports: ['fail'],
    code: `
/** @ErrorMonitor */
function fail() { log.push('before'); throw BOOM; log.push('unreached') }
export function run() { return [outcome(fail), log] }
`,
  },
  {
    name: 'rethrows the same plain object',
    woven: 1,
    reports: ['fail'],
    code: `
const thrown = { code: 42 }
/** @ErrorMonitor */
function fail() { throw thrown }
export function run() { try { fail() } catch (error) { return [error === thrown, Object.keys(error as object)] } }
`,
  },
  {
    name: 'rethrows a string primitive',
    woven: 1,
    reports: ['fail'],
    code: `
/** @ErrorMonitor */
function fail(message: string) { throw 'bad: ' + message }
export function run() { return outcome(() => fail('x')) }
`,
  },
  {
    name: 'rethrows undefined and null',
    woven: 2,
    reports: ['failUndefined', 'failNull'],
    code: `
/** @ErrorMonitor */
function failUndefined() { throw undefined }
/** @ErrorMonitor */
function failNull() { throw null }
export function run() { return [outcome(failUndefined), outcome(failNull)] }
`,
  },
  {
    name: 'passes on an error thrown by an unwoven callee',
    woven: 1,
    reports: ['outer'],
    code: `
function inner() { throw BOOM }
/** @ErrorMonitor */
function outer() { log.push('outer'); inner(); log.push('unreached') }
export function run() { return [outcome(outer), log] }
`,
  },
  {
    name: 'passes on a TypeError raised by the engine',
    woven: 1,
    reports: ['read'],
    code: `
/** @ErrorMonitor */
function read(value: any) { return value.missing.deeper }
export function run() { return [outcome(() => read({ missing: { deeper: 1 } })), outcome(() => read({}))] }
`,
  },
  {
    name: 'keeps the class of a thrown Error subclass',
    woven: 1,
    reports: ['fail'],
    code: `
class NotFound extends Error { constructor(readonly key: string) { super('missing ' + key) } }
/** @ErrorMonitor */
function fail() { throw new NotFound('k') }
export function run() {
  try { fail() } catch (error) {
    return [error instanceof NotFound, error instanceof Error, (error as NotFound).key, (error as Error).message, Object.keys(error as object)]
  }
}
`,
  },
  {
    name: 'rethrows a frozen error untouched',
    woven: 1,
    reports: ['fail'],
    code: `
const frozen = Object.freeze(new RangeError('frozen'))
/** @ErrorMonitor */
function fail() { throw frozen }
export function run() {
  try { fail() } catch (error) { return [error === frozen, Object.isFrozen(error), Object.getOwnPropertyNames(error).sort()] }
}
`,
  },
  {
    name: 'rethrows a Proxy whose every trap throws',
    woven: 1,
    reports: ['fail'],
    code: `
const hostile = new Proxy({}, {
  get() { throw new Error('get trap') },
  getPrototypeOf() { throw new Error('prototype trap') },
  has() { throw new Error('has trap') },
  ownKeys() { throw new Error('keys trap') },
})
/** @ErrorMonitor */
function fail() { throw hostile }
export function run() { try { fail() } catch (error) { return error === hostile } }
`,
  },
  {
    name: 'this is the receiver of a method call',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function self(this: unknown) { return this }
const holder = { self }
export function run() { return [holder.self() === holder, self() === undefined] }
`,
  },
  {
    name: 'this follows call, apply and bind',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function who(this: { id: string } | undefined, suffix: string) { return (this ? this.id : 'none') + suffix }
export function run() {
  const a = { id: 'a' }, b = { id: 'b' }
  const bound = who.bind(a, '!')
  return [who.call(a, '1'), who.apply(b, ['2']), bound(), bound.call(b), bound.name, bound.length]
}
`,
  },
  {
    name: 'an expression-bodied arrow keeps the enclosing this',
    woven: 1,
    reports: [],
    code: `
class Box {
  value = 7
  getter() {
    /** @ErrorMonitor */
    const read = () => this.value
    return read
  }
}
export function run() { const box = new Box(); const read = box.getter(); box.value = 8; return [read(), read.call({ value: 1 })] }
`,
  },
  {
    name: 'a block-bodied arrow keeps the enclosing this',
    woven: 1,
    reports: [],
    code: `
function Counter(this: any) {
  this.count = 0
  /** @ErrorMonitor */
  this.increment = () => { this.count++; return this }
}
export function run() { const c = new (Counter as any)(); const same = c.increment() === c; c.increment(); return [same, c.count] }
`,
  },
  {
    name: 'a method returns this for chaining',
    woven: 2,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Builder {
  parts: string[] = []
  @ErrorMonitor add(part: string) { this.parts.push(part); return this }
  @ErrorMonitor build() { return this.parts.join('-') }
}
export function run() { const b = new Builder(); return [b.add('a').add('b') === b, b.build()] }
`,
  },
  {
    name: 'arguments holds every passed argument',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function count(a?: number) { return [arguments.length, Array.from(arguments), a] }
export function run() { return [count(), count(1), (count as any)(1, 2, 3)] }
`,
  },
  {
    name: 'arguments stays unmapped in strict code',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function change(a: number) { a = 99; const seen = arguments[0]; arguments[0] = 5; return [a, seen, arguments[0]] }
export function run() { return change(1) }
`,
  },
  {
    name: "arguments inside an arrow is the enclosing function's",
    woven: 2,
    reports: [],
    code: `
/** @ErrorMonitor */
function outer(x: number, y: number) {
  /** @ErrorMonitor */
  const inner = () => arguments.length + ':' + arguments[1]
  return inner()
}
export function run() { return outer(1, 2) }
`,
  },
  {
    name: 'default and rest parameters',
    woven: 1,
    reports: [],
    code: `
let defaults = 0
function fallback() { defaults++; return 10 }
/** @ErrorMonitor */
function params(a: number, b = fallback(), ...rest: number[]) { return [a, b, rest, arguments.length] }
export function run() { return [params(1), params(1, 2), params(1, undefined, 3, 4), defaults, params.length] }
`,
  },
  {
    name: 'a default parameter that throws is passed on',
    woven: 1,
    reports: [],
    code: `
function boom(): number { throw BOOM }
/** @ErrorMonitor */
function params(a = boom()) { return a }
export function run() { return [outcome(() => params(1)), outcome(() => params())] }
`,
  },
  {
    name: 'destructured parameters',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function pick({ a, b: [first, ...others] = [0] }: { a: number; b?: number[] }) { return { a, first, others } }
export function run() { return [pick({ a: 1 }), pick({ a: 2, b: [3, 4, 5] }), pick.length, outcome(() => (pick as any)())] }
`,
  },
  {
    name: 'new.target in a constructible function',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function Thing(this: any) { this.constructed = new.target === Thing; return undefined }
export function run() { const made = new (Thing as any)(); return [made.constructed, made instanceof Thing, Thing.call({})] }
`,
  },
  {
    name: 'new.target in a base constructor called through a subclass',
    woven: 2,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Base { kind: string; constructor() { this.kind = new.target.name } }
@ErrorMonitor
class Sub extends Base { constructor() { super(); log.push(new.target === Sub) } }
export function run() { return [new Base().kind, new Sub().kind, log] }
`,
  },
  {
    name: 'new.target read from an arrow inside a constructor',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Made { target: unknown; constructor() { const read = () => new.target; this.target = read() === Made } }
export function run() { return new Made().target }
`,
  },
  {
    name: 'a constructible function returning an object replaces this',
    woven: 1,
    reports: [],
    code: `
const replacement = { replaced: true }
/** @ErrorMonitor */
function Factory(this: any, swap: boolean) { this.own = 1; if (swap) return replacement }
export function run() { return [new (Factory as any)(true) === replacement, new (Factory as any)(false).own] }
`,
  },
  // Was a bug: the runtime decorator fallback wrapped methods in a constructible `function`.
  {
    name: 'a decorated method is still not a constructor',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Service { @ErrorMonitor act() { return 1 } }
export function run() {
  const act = Service.prototype.act as any
  let constructible = true
  try { new act() } catch (error) { constructible = !(error instanceof TypeError) }
  return [constructible, Object.prototype.hasOwnProperty.call(act, 'prototype')]
}
`,
  },
  {
    name: 'recursion that fails deep gives one report',
    woven: 1,
    reports: ['down'],
    code: `
/** @ErrorMonitor */
function down(n: number): number { log.push(n); if (n === 0) throw BOOM; return down(n - 1) + 1 }
export function run() { return [outcome(() => down(3)), log] }
`,
  },
  {
    name: 'recursion returns through every frame',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function fib(n: number): number { return n < 2 ? n : fib(n - 1) + fib(n - 2) }
export function run() { return [fib(15), fib.name, fib.length] }
`,
  },
]
