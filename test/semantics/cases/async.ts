import type { SemanticCase } from '../harness.js'

/** A value whose every Proxy trap is logged: a case then shows which traps the weave adds. */
const LOGGED_PROXY = `const traps = new Proxy({}, { get: (_, trap: string) => (...args: unknown[]) => { log.push(trap + ' ' + String(args[1] ?? '')); return (Reflect as any)[trap](...args) } })
const model = new Proxy({ id: 7 }, traps)`

/** Async functions, async arrows and methods, async generators; microtask order. */
export const asyncCases: SemanticCase[] = [
  {
    name: 'an async function resolves with its return value',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
async function load(n: number) { const v = await Promise.resolve(n); return v * 2 }
export async function run() { return [await load(2), await load(5)] }
`,
  },
  {
    name: 'an async function rejects with the same error and one report',
    woven: 1,
    reports: ['load'],
    code: `
/** @ErrorMonitor */
async function load() { await null; throw BOOM }
export async function run() { return settle(load) }
`,
  },
  {
    name: 'an error before the first await still rejects, never throws synchronously',
    woven: 1,
    reports: ['early'],
    code: `
/** @ErrorMonitor */
async function early() { throw BOOM }
export async function run() { let p: Promise<unknown> | undefined; const sync = outcome(() => { p = early() }); return [sync, await settle(() => p!)] }
`,
  },
  {
    name: 'a rejection awaited and caught inside is not reported',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
async function tolerant() { try { await Promise.reject(BOOM) } catch (error) { return 'caught ' + label(error) } }
export async function run() { return tolerant() }
`,
  },
  {
    name: 'an awaited rejection from a callee passes on with one report',
    woven: 1,
    reports: ['caller'],
    code: `
async function callee() { await null; throw BOOM }
/** @ErrorMonitor */
async function caller() { log.push('start'); await callee(); log.push('unreached') }
export async function run() { return [await settle(caller), log] }
`,
  },
  {
    name: 'an async function that returns a rejecting promise without await',
    woven: 1,
    reports: ['passThrough'],
    code: `
async function callee() { await null; throw BOOM }
/** @ErrorMonitor */
async function passThrough() { return callee() }
export async function run() { return settle(passThrough) }
`,
  },
  {
    name: 'an expression-bodied async arrow',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
const double = async (n: number) => (await Promise.resolve(n)) * 2
export async function run() { return [await double(4), double.name, double.length] }
`,
  },
  {
    name: 'an expression-bodied async arrow whose await rejects',
    woven: 1,
    reports: ['fetchIt'],
    code: `
/** @ErrorMonitor */
const fetchIt = async () => await Promise.reject(BOOM)
export async function run() { return settle(fetchIt) }
`,
  },
  {
    name: 'an expression-bodied async arrow that returns a rejecting promise',
    woven: 1,
    reports: ['forward'],
    code: `
const rejecting = () => Promise.reject(BOOM)
/** @ErrorMonitor */
const forward = async () => rejecting()
export async function run() { return settle(forward) }
`,
  },
  {
    name: 'microtask order of interleaved async functions',
    woven: 2,
    reports: [],
    code: `
/** @ErrorMonitor */
async function a() { log.push('a1'); await null; log.push('a2'); await null; log.push('a3'); return 'a' }
/** @ErrorMonitor */
async function b() { log.push('b1'); await null; log.push('b2'); return 'b' }
export async function run() {
  const pa = a(); const pb = b(); log.push('sync')
  Promise.resolve().then(() => log.push('then1')).then(() => log.push('then2'))
  const results = await Promise.all([pa, pb])
  log.push('all')
  return [results, log]
}
`,
  },
  {
    name: 'microtask ticks of returning a promise from an async function',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
async function giveBack() { return Promise.resolve('inner') }
export async function run() {
  const p = giveBack().then(() => log.push('resolved'))
  let ticks = 0
  const counter = (n: number): Promise<void> => n === 0 ? Promise.resolve() : Promise.resolve().then(() => { ticks++; log.push('tick ' + ticks) }).then(() => counter(n - 1))
  await Promise.all([p, counter(5)])
  return log
}
`,
  },
  {
    name: 'an async method keeps this, arguments and super after await',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Base { who() { return 'base' } }
class Service extends Base {
  name = 'svc'
  @ErrorMonitor async describe(a: number) { await null; return [this.name, arguments.length, a, super.who()] }
}
export async function run() { return new Service().describe(1) }
`,
  },
  {
    name: 'an async arrow field under a class-level annotation',
    woven: 2,
    reports: ['Client.fail'],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Client {
  base = 'api'
  get = async (path: string) => { await null; return this.base + '/' + path }
  fail = async () => { await null; throw BOOM }
}
export async function run() { const { get, fail } = new Client(); return [await get('x'), await settle(fail)] }
`,
  },
  {
    name: 'awaiting a thenable',
    woven: 1,
    reports: [],
    code: `
const thenable = { then(resolve: (v: string) => void) { log.push('then called'); resolve('from thenable') } }
/** @ErrorMonitor */
async function useThenable() { const v = await thenable; return v }
export async function run() { return [await useThenable(), log] }
`,
  },
  {
    name: 'an async function rejecting with a primitive',
    woven: 1,
    reports: ['reject'],
    code: `
/** @ErrorMonitor */
async function reject() { await null; throw 42 }
export async function run() { return settle(reject) }
`,
  },
  {
    name: 'several failing async calls give one report each',
    woven: 1,
    reports: ['job', 'job'],
    code: `
/** @ErrorMonitor */
async function job(n: number) { await null; if (n % 2) throw new Error('odd ' + n); return n }
export async function run() { return (await Promise.allSettled([1, 2, 3].map(job))).map((r) => r.status === 'fulfilled' ? r.value : (r.reason as Error).message) }
`,
  },
  {
    name: 'an async function keeps its name, length and kind',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
async function named(a: number, b = 1) { return a + b }
export async function run() { return [named.name, named.length, named.constructor.name, named(1) instanceof Promise, 'prototype' in named] }
`,
  },
  {
    name: 'an async generator consumed with for await',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
async function* ticks(n: number) { for (let i = 0; i < n; i++) { await null; yield i } return 'done' }
export async function run() { const seen: number[] = []; for await (const t of ticks(3)) seen.push(t); return seen }
`,
  },
  {
    name: 'an async generator: .return() runs finally and reports nothing',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
async function* stream() { try { yield 1; yield 2 } finally { await null; log.push('finally') } }
export async function run() { const g = stream(); return [await g.next(), await g.return('stop' as any), await g.next(), log] }
`,
  },
  {
    name: 'an async generator: .throw() at a yield rejects with the same error',
    woven: 1,
    reports: ['stream'],
    code: `
/** @ErrorMonitor */
async function* stream() { yield 1; log.push('unreached') }
export async function run() { const g = stream(); await g.next(); return [await settle(() => g.throw(BOOM)), await g.next(), log] }
`,
  },
  {
    name: 'an async generator: .throw() caught inside continues',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
async function* stream() { try { yield 1 } catch (error) { yield 'caught ' + label(error) } }
export async function run() { const g = stream(); await g.next(); return [await g.throw(BOOM), await g.next()] }
`,
  },
  {
    name: 'an async generator that fails after an await',
    woven: 1,
    reports: ['stream'],
    code: `
/** @ErrorMonitor */
async function* stream() { yield 1; await null; throw BOOM }
export async function run() { const g = stream(); return [await g.next(), await settle(() => g.next()), await g.next()] }
`,
  },
  {
    name: 'an async generator yielding a rejected promise',
    woven: 1,
    reports: ['stream'],
    code: `
/** @ErrorMonitor */
async function* stream() { yield Promise.resolve('ok'); yield Promise.reject(BOOM) }
export async function run() { const g = stream(); return [await g.next(), await settle(() => g.next()), await g.next()] }
`,
  },
  {
    name: 'breaking out of for await closes the async generator',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
async function* endless() { let n = 0; try { while (true) yield n++ } finally { log.push('closed') } }
export async function run() { for await (const n of endless()) if (n === 2) break; return log }
`,
  },
  {
    name: 'an async generator method delegating with yield*',
    woven: 2,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Feed {
  items = ['a', 'b']
  @ErrorMonitor async *inner() { for (const i of this.items) yield i }
  @ErrorMonitor async *outer() { yield 'start'; yield* this.inner(); yield* [1, 2] }
}
export async function run() { const out: unknown[] = []; for await (const v of new Feed().outer()) out.push(v); return out }
`,
  },
  {
    name: 'an async generator keeps its name and kind',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
async function* gen(a: number) { yield a }
export async function run() { return [gen.name, gen.length, Object.getPrototypeOf(gen).constructor.name, Object.prototype.toString.call(gen(1))] }
`,
  },
  {
    name: 'an async generator returning a rejected promise',
    woven: 1,
    reports: ['stream'],
    code: `
/** @ErrorMonitor */
async function* stream() { yield 1; return Promise.reject(BOOM) }
export async function run() { const g = stream(); return [await g.next(), await settle(() => g.next()), await g.next()] }
`,
  },
  // Was a bug: watch() must not call then() on a returned promise subclass (a visible extra call).
  {
    name: 'returning a Promise subclass calls its then exactly as often',
    woven: 1,
    reports: [],
    code: `
class Traced<T> extends Promise<T> {
  then(onFulfilled?: any, onRejected?: any): any { log.push('then'); return super.then(onFulfilled, onRejected) }
}
/** @ErrorMonitor */
async function give() { return Traced.resolve(5) }
export async function run() { const v = await give(); return [v, log] }
`,
  },
  {
    name: 'a rejection returned by a nested function and handled inside is not reported',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
async function outer() {
  const make = () => { return Promise.reject(BOOM) }
  function again() { return Promise.reject(BOOM) }
  const results = await Promise.allSettled([make(), again()])
  return results.map((r) => r.status)
}
export async function run() { return outer() }
`,
  },
  {
    name: 'an async function returns a rejecting promise from inside try/finally',
    woven: 1,
    reports: ['guarded'],
    code: `
const rejecting = () => Promise.reject(BOOM)
/** @ErrorMonitor */
async function guarded() { try { return rejecting() } catch { return 'never caught here' } finally { log.push('finally') } }
export async function run() { return [await settle(guarded), log] }
`,
  },
  {
    name: 'an expression-bodied async arrow returning an object literal',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
const make = async (id: number) => ({ id, then: undefined })
export async function run() { return make(3) }
`,
  },
  // Was a bug: `return a, b` once became `__ew.watch(a, b, ...)`, which returns a.
  {
    name: 'an async function returning a comma expression',
    woven: 1,
    reports: [],
    code: `
const value = Promise.resolve('last')
/** @ErrorMonitor */
async function sequence() { return log.push('first'), value }
export async function run() { return [await sequence(), log] }
`,
  },
  {
    name: 'an expression-bodied async arrow returning a parenthesized comma expression',
    woven: 1,
    reports: [],
    code: `
const value = Promise.resolve('last')
/** @ErrorMonitor */
const sequence = async () => (log.push('first'), value)
export async function run() { return [await sequence(), log] }
`,
  },
  // One handler per return site (made once, not per call): every call still gets its own reaction.
  {
    name: 'one async site called many times: each rejection of its returned promise is reported once',
    woven: 1,
    reports: ['passThrough', 'passThrough', 'passThrough'],
    code: `
async function callee(i: number) { await null; if (i % 2) throw new Error('odd ' + i); return i }
/** @ErrorMonitor */
async function passThrough(i: number) { return callee(i) }
export async function run() {
  const sequential = [await settle(() => passThrough(0)), await settle(() => passThrough(1))]
  const concurrent = await Promise.all([2, 3, 4, 5].map((i) => settle(() => passThrough(i))))
  return [sequential, concurrent]
}
`,
  },
  {
    name: 'one async site rejecting the same error object in several calls reports each call',
    woven: 1,
    reports: ['passThrough', 'passThrough', 'passThrough'],
    code: `
async function callee() { await null; throw BOOM }
/** @ErrorMonitor */
async function passThrough() { return callee() }
export async function run() { return Promise.all([settle(passThrough), settle(passThrough), settle(passThrough)]) }
`,
  },
  // Was a bug: the watching reaction passed the value on, which read its then a second time.
  {
    name: 'a returned promise fulfilled with an object: its then is read as often as without the weave',
    woven: 2,
    reports: [],
    code: `
const value = { id: 7, get then() { log.push('then read'); return undefined } }
async function callee() { await null; return value }
/** @ErrorMonitor */
async function forward() { return callee() }
/** @ErrorMonitor */
const forwardArrow = async () => callee()
export async function run() { const a = await forward(); const b = await forwardArrow(); return [a === value, b === value, log] }
`,
  },
  {
    name: 'a returned promise fulfilled with a Proxy runs exactly the traps it ran without the weave',
    woven: 1,
    reports: [],
    code: `
${LOGGED_PROXY}
async function callee() { await null; return model }
/** @ErrorMonitor */
async function forward() { return callee() }
export async function run() { const v = await forward(); return [v === model, log] }
`,
  },
  {
    name: 'a Proxy returned from an async function runs exactly the traps it ran without the weave',
    woven: 1,
    reports: [],
    code: `
${LOGGED_PROXY}
/** @ErrorMonitor */
async function give() { return model }
export async function run() { const v = await give(); return [v === model, log] }
`,
  },
  {
    name: 'a returned native promise with its own then: called as often, rejection reported once',
    woven: 1,
    reports: ['give'],
    code: `
const own = (p: Promise<unknown>) => Object.assign(p, { then(this: Promise<unknown>, ...args: any[]) { log.push('own then'); return Promise.prototype.then.apply(this, args as any) } })
/** @ErrorMonitor */
async function give(fail: boolean) { return own(fail ? Promise.reject(BOOM) : Promise.resolve(1)) }
export async function run() { return [await settle(() => give(false)), await settle(() => give(true)), log] }
`,
  },
]
