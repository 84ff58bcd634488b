import type { SemanticCase } from '../harness.js'

/**
 * Annotation forms on plain functions (JSDoc on declarations, expressions, arrows,
 * object-literal members, `export default`, callbacks; decorator spellings) and
 * what they keep: `Function.prototype.name` and `.length`.
 */
export const functionCases: SemanticCase[] = [
  {
    name: 'JSDoc with options on a function declaration',
    woven: 1,
    reports: ['charge'],
    code: `
/** @ErrorMonitor({ severity: 'INFO', comment: 'plain function' }) */
function charge(amount: number, currency = 'EUR') { if (amount < 0) throw BOOM; return amount + currency }
export function run() { return [charge(5), outcome(() => charge(-1)), charge.name, charge.length] }
`,
  },
  {
    name: 'JSDoc among other tags in a multi-line comment',
    woven: 1,
    reports: [],
    code: `
import { Severity } from 'errorweave'
/**
 * Sums things.
 * @param values the numbers
 * @ErrorMonitor({
 *   severity: Severity.WARN,
 *   comment: 'sums',
 *   enableFuturePrediction: true,
 * })
 * @returns the sum
 */
function sum(...values: number[]) { return values.reduce((a, b) => a + b, 0) }
export function run() { return [sum(1, 2, 3), sum.length, typeof Severity.WARN] }
`,
  },
  {
    name: 'JSDoc on an exported function declaration',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
export function exported(a: string, b: string) { return a + b }
export function run() { return [exported('a', 'b'), exported.name, exported.length] }
`,
  },
  {
    name: 'JSDoc on an anonymous function expression takes the variable name',
    woven: 1,
    reports: ['handler'],
    code: `
/** @ErrorMonitor */
const handler = function (event: { type: string }) { if (event.type === 'bad') throw BOOM; return event.type }
export function run() { return [handler({ type: 'ok' }), outcome(() => handler({ type: 'bad' })), handler.name, handler.length] }
`,
  },
  {
    name: 'JSDoc on a named function expression keeps its own name',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
const outer = function inner(n: number): number { return n <= 0 ? 0 : n + inner(n - 1) }
export function run() { return [outer(4), outer.name, typeof (globalThis as any).inner] }
`,
  },
  {
    name: 'a named function expression cannot reassign its own name',
    woven: 1,
    reports: ['self'],
    code: `
/** @ErrorMonitor */
const f = function self() { (self as any) = null; return 'unreached' }
export function run() { return [outcome(f), f.name] }
`,
  },
  {
    name: 'JSDoc on a block-bodied arrow',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
const area = (w: number, h = w) => { const a = w * h; return a }
export function run() { return [area(2, 3), area(4), area.name, area.length] }
`,
  },
  {
    name: 'JSDoc on the first of several declarators only',
    woven: 1,
    reports: ['first'],
    code: `
/** @ErrorMonitor */
const first = (): never => { throw BOOM }, second = (): never => { throw new Error('second') }
export function run() { return [outcome(first), outcome(second), first.name, second.name] }
`,
  },
  {
    name: 'JSDoc on a let-declared arrow that is later reassigned',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
let current = (x: number) => x + 1
export function run() { const before = current(1); const old = current; current = (x) => x * 10; return [before, current(1), old.name, current.name] }
`,
  },
  {
    name: 'JSDoc on object-literal methods, accessors and arrow properties',
    woven: 5,
    reports: ['store.fail'],
    code: `
const store = {
  items: [1, 2],
  /** @ErrorMonitor */
  total() { return this.items.reduce((a, b) => a + b, 0) },
  /** @ErrorMonitor */
  get count() { return this.items.length },
  /** @ErrorMonitor */
  set count(n: number) { this.items.length = n },
  /** @ErrorMonitor */
  double: (x: number) => x * 2,
  /** @ErrorMonitor */
  fail(): never { throw BOOM },
}
export function run() {
  store.count = 1
  const d = Object.getOwnPropertyDescriptor(store, 'count')!
  return [store.total(), store.count, store.double(4), outcome(() => store.fail()), store.total.name, store.double.name, d.get!.name, d.set!.name]
}
`,
  },
  {
    name: 'JSDoc on an async object-literal method and a function-valued property',
    woven: 2,
    reports: [],
    code: `
const api = {
  prefix: 'v1',
  /** @ErrorMonitor */
  async get(path: string) { await null; return this.prefix + path },
  /** @ErrorMonitor */
  post: function (body: string) { return 'posted ' + body },
}
export async function run() { return [await api.get('/x'), api.post('b'), api.get.name, api.post.name, api.post.length] }
`,
  },
  {
    name: 'an object-literal method with super',
    woven: 1,
    reports: [],
    code: `
const base = { greet() { return 'base' } }
const child = {
  __proto__: base,
  /** @ErrorMonitor */
  greet() { return 'child>' + super.greet() },
}
export function run() { return (child as any).greet() }
`,
  },
  {
    name: 'object-literal computed and quoted method names',
    woven: 2,
    reports: [],
    code: `
const key = 'dyn' + 'amic'
const obj = {
  /** @ErrorMonitor */
  [key]() { return 'computed' },
  /** @ErrorMonitor */
  'quoted name'() { return 'quoted' },
}
export function run() { return [(obj as any).dynamic(), obj['quoted name'](), (obj as any).dynamic.name, obj['quoted name'].name] }
`,
  },
  {
    name: 'JSDoc on an anonymous export default function',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
export default function (a: number, b: number) { return a * b }
export async function run() { const self = await import(import.meta.url); return [self.default(3, 4), self.default.name, self.default.length] }
`,
  },
  {
    name: 'JSDoc on a named export default function',
    woven: 1,
    reports: ['main'],
    code: `
/** @ErrorMonitor */
export default function main(fail: boolean) { if (fail) throw BOOM; return 'main' }
export function run() { return [main(false), outcome(() => main(true)), main.name] }
`,
  },
  {
    name: 'JSDoc on an export default arrow',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
export default (text: string) => text.toUpperCase()
export async function run() { const self = await import(import.meta.url); return [self.default('x'), self.default.name, self.default.length] }
`,
  },
  {
    name: 'JSDoc on a callback passed as an argument',
    woven: 1,
    reports: [],
    code: `
export function run() {
  const doubled = [1, 2, 3].map(/** @ErrorMonitor */ (n, i) => n * 2 + i)
  return doubled
}
`,
  },
  {
    name: 'JSDoc on a function expression inside parentheses called at once',
    woven: 1,
    reports: [],
    code: `
const result = (/** @ErrorMonitor */ function (this: unknown, n: number) { log.push(this === undefined); return n + 1 })(1)
export function run() { return [result, log] }
`,
  },
  {
    name: 'JSDoc on a function assigned to a property',
    woven: 1,
    reports: [],
    code: `
const holder: { act?: (n: number) => number } = {}
/** @ErrorMonitor */
holder.act = function (n: number) { return n * 3 }
export function run() { return [holder.act!(2), holder.act!.name, holder.act!.length] }
`,
  },
  {
    name: 'JSDoc on a class method without decorators',
    woven: 1,
    reports: ['Plain.fail'],
    code: `
class Plain {
  /** @ErrorMonitor */
  fail(): never { throw BOOM }
  other() { throw new Error('unwoven') }
}
export function run() { const p = new Plain(); return [outcome(() => p.fail()), outcome(() => p.other())] }
`,
  },
  {
    name: 'JSDoc on an arrow class field without a class annotation',
    woven: 1,
    reports: [],
    code: `
class View {
  title = 't'
  /** @ErrorMonitor */
  render = () => '<' + this.title + '>'
}
export function run() { const { render } = new View(); return [render(), render.name] }
`,
  },
  {
    name: 'nested JSDoc functions: an error crossing both gives one report',
    woven: 2,
    reports: ['inner'],
    code: `
/** @ErrorMonitor */
function outer() {
  /** @ErrorMonitor */
  function inner() { throw BOOM }
  log.push('outer')
  return inner()
}
export function run() { return [outcome(outer), log] }
`,
  },
  {
    name: 'an aliased decorator import',
    woven: 1,
    reports: ['Aliased.fail'],
    code: `
import { ErrorMonitor as Monitor } from 'errorweave'
class Aliased { @Monitor() fail(): never { throw BOOM } }
export function run() { return outcome(() => new Aliased().fail()) }
`,
  },
  {
    name: 'method-level options with a Severity member',
    woven: 1,
    reports: ['Graded.warn'],
    code: `
import { ErrorMonitor, Severity } from 'errorweave'
class Graded { @ErrorMonitor({ severity: Severity.WARN, comment: 'graded', enableFuturePrediction: false }) warn(): never { throw BOOM } }
export function run() { return outcome(() => new Graded().warn()) }
`,
  },
  {
    name: 'non-JSDoc comments do not annotate',
    woven: 0,
    reports: [],
    code: `
/* @ErrorMonitor */
function block(): never { throw BOOM }
// @ErrorMonitor
function line(): never { throw new Error('line') }
export function run() { return [outcome(block), outcome(line)] }
`,
  },
  {
    name: 'name and length of many parameter shapes',
    woven: 5,
    reports: [],
    code: `
/** @ErrorMonitor */
function a(x: number, y?: number) { return x }
/** @ErrorMonitor */
function b(x: number, y = 1, z: number) { return x }
/** @ErrorMonitor */
function c(...all: number[]) { return all }
/** @ErrorMonitor */
function d({ p }: { p: number }, [q]: number[]) { return p + q }
/** @ErrorMonitor */
const e = async function* (this: unknown, k: number) { yield k }
export function run() { return [a, b, c, d, e].map((f) => [f.name, f.length]) }
`,
  },
  {
    name: 'own property descriptors of name and length',
    woven: 1,
    reports: [],
    code: `
/** @ErrorMonitor */
function described(a: number, b: number) { return a + b }
export function run() {
  const pick = (k: string) => { const d = Object.getOwnPropertyDescriptor(described, k)!; return [d.value, d.writable, d.enumerable, d.configurable] }
  return [pick('name'), pick('length'), Object.getOwnPropertyNames(described).sort()]
}
`,
  },
  {
    name: 'expression-bodied arrows around comments and line breaks',
    woven: 3,
    reports: [],
    code: `
/** @ErrorMonitor */
const afterComment = (x: number) => // the body is on the next line
  x + 1
/** @ErrorMonitor */
const commentAfter = (x: number) => x * 2 // trailing comment
/** @ErrorMonitor */
const multiLine = (x: number) =>
  x > 0
    ? 'positive'
    : 'other'
export function run() { return [afterComment(1), commentAfter(2), multiLine(1), multiLine(-1)] }
`,
  },
  {
    name: 'expression-bodied arrows as arguments, with generics and assertions',
    woven: 3,
    reports: [],
    code: `
const apply = (f: (n: number) => unknown, n: number) => f(n)
export function run() {
  let assigned = 0
  return [
    apply(/** @ErrorMonitor */ (n) => assigned = n * 2, 3),
    apply(/** @ErrorMonitor */ <T,>(n: T) => [n] as const, 4),
    apply(/** @ErrorMonitor */ (n) => ({ n } satisfies { n: number }), 5),
    assigned,
  ]
}
`,
  },
]
