import type { SemanticCase } from '../harness.js'

/**
 * Which errors are reported: only those escaping a woven function, one report per
 * error however many woven functions it crosses. Also `@NoErrorMonitor` and
 * `monitorAll` (where every function, the cases' own helpers included, is woven).
 */
export const reportingCases: SemanticCase[] = [
  {
    name: 'an error thrown and caught in the same function is not reported',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function parse(text: string) { try { return JSON.parse(text) } catch (error) { log.push((error as Error).name); return null } }
export function run() { return [parse('{'), parse('[1]'), log] }
`,
  },
  {
    name: 'an error from an unwoven callee caught inside is not reported',
    woven: 1,
    reports: [],
    code: `
function risky() { throw BOOM }
/** @ErrorMonitor */
function careful() { try { risky() } catch (error) { return 'handled ' + label(error) } }
export function run() { return careful() }
`,
  },
  {
    name: 'an error caught inside a nested callback is not reported',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function collect(values: string[]) { return values.map((v) => { try { return JSON.parse(v) } catch { return 'bad' } }) }
export function run() { return collect(['1', '{', '"s"']) }
`,
  },
  {
    name: 'an error escaping a woven callee is reported even if the caller catches it',
    woven: 2,
    reports: ['callee'],
    code: `
/** @ErrorMonitor */
function callee() { throw BOOM }
/** @ErrorMonitor */
function caller() { try { callee() } catch (error) { return 'recovered ' + label(error) } }
export function run() { return caller() }
`,
  },
  {
    name: 'one error crossing three woven functions gives one report',
    woven: 3,
    reports: ['Layers.bottom'],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Layers {
  top() { log.push('top'); return this.middle() }
  middle() { log.push('middle'); return this.bottom() }
  bottom() { log.push('bottom'); throw BOOM }
}
export function run() { return [outcome(() => new Layers().top()), log] }
`,
  },
  {
    name: 'the same error caught and rethrown by a woven caller gives one report',
    woven: 2,
    reports: ['inner'],
    code: `
/** @ErrorMonitor */
function inner() { throw BOOM }
/** @ErrorMonitor */
function outer() { try { inner() } catch (error) { log.push('seen'); throw error } }
export function run() { return [outcome(outer), log] }
`,
  },
  {
    name: 'a caught error replaced by a new one gives two reports',
    woven: 2,
    reports: ['inner', 'outer'],
    code: `
/** @ErrorMonitor */
function inner() { throw BOOM }
/** @ErrorMonitor */
function outer() { try { inner() } catch (error) { throw new Error('outer failed', { cause: error }) } }
export function run() { try { outer() } catch (error: any) { return [error.message, error.cause === BOOM] } }
`,
  },
  {
    name: 'two calls failing with two errors give two reports',
    woven: 1,
    reports: ['check', 'check'],
    code: `
/** @ErrorMonitor */
function check(n: number) { if (n < 0) throw new RangeError('negative ' + n); return n }
export function run() { return [outcome(() => check(-1)), outcome(() => check(2)), outcome(() => check(-3))] }
`,
  },
  {
    name: 'an error from an unwoven setter escaping a woven method',
    woven: 1,
    reports: ['update'],
    code: `
const target = { set value(v: number) { if (v > 9) throw BOOM } }
/** @ErrorMonitor */
function update(v: number) { target.value = v; return 'set ' + v }
export function run() { return [update(1), outcome(() => update(10))] }
`,
  },
  {
    name: 'a rejection handled with .catch inside is not reported',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
async function softly() { return Promise.reject(BOOM).catch((error) => 'handled ' + label(error)) }
export async function run() { return softly() }
`,
  },
  {
    name: '@NoErrorMonitor on a method of a monitored class',
    woven: 1,
    reports: ['Service.watched'],
    code: `
import { ErrorMonitor, NoErrorMonitor } from 'errorweave'
@ErrorMonitor
class Service {
  @NoErrorMonitor health(): never { throw new Error('health') }
  watched(): never { throw BOOM }
}
export function run() { const s = new Service(); return [outcome(() => s.health()), outcome(() => s.watched())] }
`,
  },
  {
    name: '@NoErrorMonitor in JSDoc on a method of a monitored class',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Service {
  /** @NoErrorMonitor */
  skip(): never { throw new Error('skip') }
  fine() { return 'fine' }
}
export function run() { const s = new Service(); return [outcome(() => s.skip()), s.fine()] }
`,
  },
  {
    name: 'a disabled runtime reports nothing and changes nothing',
    woven: 1,
    reports: [],
    code: `
import { configure } from 'errorweave'
/** @ErrorMonitor */
function fail() { throw BOOM }
export function run() {
  configure({ enabled: false })
  try { return outcome(fail) } finally { configure({ enabled: true }) }
}
`,
  },
  {
    name: 'monitorAll weaves every kind of function',
    monitorAll: true,
    woven: 10,
    reports: [],
    code: `
function declared() { return 1 }
const arrow = () => 2
const expression = function () { return 3 }
const object = { method() { return 4 }, get value() { return 5 } }
class Klass { constructor() { log.push('k') } method() { return 6 } static stat() { return 7 } field = () => 8 }
export function run() {
  const k = new Klass()
  return [declared(), arrow(), expression(), object.method(), object.value, k.method(), Klass.stat(), k.field(), log]
}
`,
  },
  {
    name: 'monitorAll: an error escaping a callback gives one report',
    monitorAll: true,
    woven: 5,
    reports: ['<anonymous>'],
    code: `
function each(values: number[]) { return values.map((v) => { if (v < 0) throw BOOM; return v * 2 }) }
export function run() { return [outcome(() => each([1, 2])), outcome(() => each([1, -1]))] }
`,
  },
  {
    name: 'monitorAll: errors caught where they are thrown are not reported',
    monitorAll: true,
    woven: 2,
    reports: [],
    code: `
function tolerant(text: string) { try { return JSON.parse(text) } catch { return 'invalid' } }
export function run() { return [tolerant('1'), tolerant('{')] }
`,
  },
  {
    name: 'monitorAll: @NoErrorMonitor in JSDoc excludes a function',
    monitorAll: true,
    woven: 2,
    reports: ['caller'],
    code: `
/** @NoErrorMonitor */
function excluded(): never { throw BOOM }
function caller() { log.push('caller'); return excluded() }
export function run() { return [outcome(excluded), outcome(caller), log] }
`,
  },
  {
    name: 'monitorAll: a derived constructor and a generator',
    monitorAll: true,
    woven: 5,
    reports: ['Derived.constructor'],
    code: `
class Base { constructor(readonly n: number) { log.push('base') } }
class Derived extends Base { constructor(n: number) { super(n); if (n < 0) throw BOOM } }
function* pairs() { yield [1, 2] }
export function run() { return [outcome(() => new Derived(-1)), [...pairs()], log] }
`,
  },
  {
    name: 'monitorAll: async functions and awaits',
    monitorAll: true,
    woven: 3,
    reports: ['step'],
    code: `
async function step(n: number) { await null; if (n === 2) throw BOOM; return n }
async function pipeline() { const out: number[] = []; for (const n of [1, 2, 3]) out.push(await step(n)); return out }
export async function run() { return settle(pipeline) }
`,
  },
]
