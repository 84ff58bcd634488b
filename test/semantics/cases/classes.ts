import type { SemanticCase } from '../harness.js'

/**
 * Class members: class-level and method-level annotations, static, #private,
 * computed names, accessors, arrow fields, constructors, `super` and derived
 * constructors (`super()` stays a root statement).
 */
export const classCases: SemanticCase[] = [
  {
    name: 'class-level annotation covers every method',
    woven: 2,
    reports: ['Account.withdraw'],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Account {
  balance = 10
  deposit(n: number) { this.balance += n; return this.balance }
  withdraw(n: number) { if (n > this.balance) throw BOOM; this.balance -= n; return this.balance }
}
export function run() { const a = new Account(); return [a.deposit(5), outcome(() => a.withdraw(100)), a.withdraw(3), a.balance] }
`,
  },
  {
    name: 'class-level annotation with options keeps the class shape',
    woven: 3,
    reports: [],
    code: `
import { ErrorMonitor, Severity } from 'errorweave'
@ErrorMonitor({ severity: Severity.WARN, comment: 'shape' })
class Shape {
  constructor(a: number, b?: number) { log.push(a, b) }
  area() { return 1 }
  static unit() { return new Shape(1) }
}
const describe = (o: object) => Object.getOwnPropertyNames(o).map((k) => {
  const d = Object.getOwnPropertyDescriptor(o, k)!
  return [k, d.enumerable, d.writable, d.configurable, typeof d.value]
})
export function run() { return [Shape.name, Shape.length, describe(Shape.prototype), describe(Shape), Shape.unit() instanceof Shape] }
`,
  },
  {
    name: 'a static method sees the class as this',
    woven: 2,
    reports: ['Registry.fail'],
    code: `
import { ErrorMonitor } from 'errorweave'
class Registry {
  static items = ['a']
  @ErrorMonitor static first() { return this === Registry ? this.items[0] : 'wrong' }
  @ErrorMonitor static fail() { throw BOOM }
}
class Child extends Registry { static items = ['child'] }
export function run() { return [Registry.first(), Child.first(), outcome(() => Registry.fail())] }
`,
  },
  {
    name: 'class-level annotation covers static methods',
    woven: 2,
    reports: ['Util.parse'],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Util {
  static parse(text: string) { return JSON.parse(text) }
  static twice(n: number) { return this.name + n * 2 }
}
export function run() { return [Util.parse('[1]'), Util.twice(2), outcome(() => Util.parse('{'))] }
`,
  },
  {
    name: 'super.method() from a woven method',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Animal { speak() { return 'generic:' + this.constructor.name } }
class Dog extends Animal { @ErrorMonitor speak() { return super.speak() + ':woof' } }
export function run() { return new Dog().speak() }
`,
  },
  {
    name: 'super property access from a woven static method',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Base { static label = 'base'; static describe() { return 'Base.describe:' + this.label } }
class Derived extends Base {
  static label = 'derived'
  @ErrorMonitor static describe() { return [super.describe(), super.label] }
}
export function run() { return Derived.describe() }
`,
  },
  {
    name: 'super assignment inside a woven method',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Base {}
class Derived extends Base {
  @ErrorMonitor set(v: number) { super.value = v; return (this as any).value }
}
export function run() { return new Derived().set(4) }
`,
  },
  {
    name: 'an error from a base method reached through super gives one report',
    woven: 2,
    reports: ['Base.save'],
    code: `
import { ErrorMonitor } from 'errorweave'
class Base { @ErrorMonitor save() { throw BOOM } }
class Derived extends Base { @ErrorMonitor save() { log.push('derived'); return super.save() } }
export function run() { return [outcome(() => new Derived().save()), log] }
`,
  },
  {
    name: 'derived constructor: super() first, this after',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Base { tag: string; constructor(tag: string) { this.tag = tag; log.push('base') } }
@ErrorMonitor
class Derived extends Base {
  upper: string
  constructor(tag: string) { super(tag); this.upper = this.tag.toUpperCase(); log.push('derived') }
}
export function run() { const d = new Derived('x'); return [d.tag, d.upper, d instanceof Base, log] }
`,
  },
  {
    name: 'derived constructor with statements before super()',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Base { constructor(readonly value: number) { log.push('base ' + value) } }
@ErrorMonitor
class Derived extends Base {
  constructor(raw: string) {
    log.push('parse')
    const value = Number(raw)
    super(value)
    log.push('after ' + this.value)
  }
}
export function run() { return [new Derived('5').value, log] }
`,
  },
  {
    name: 'derived constructor with a directive and parameter properties',
    woven: 2,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Base { constructor() { log.push('base') } }
@ErrorMonitor
class Derived extends Base {
  constructor(public readonly a: number, private b: number) {
    'use strict'
    super()
    log.push('body ' + this.a + ' ' + this.b)
  }
  get both() { return [this.a, this.b] }
}
export function run() { const d = new Derived(3, 4); return [d.both, Object.keys(d), log] }
`,
  },
  {
    name: 'derived constructor: field initializers run right after super()',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Base { constructor() { log.push('base') } }
@ErrorMonitor
class Derived extends Base {
  field = log.push('field')
  constructor() { log.push('before'); super(); log.push('after') }
}
export function run() { new Derived(); return log }
`,
  },
  // Was a bug: a function declaration that a kept super(...) calls must stay outside the try block.
  {
    name: 'derived constructor calls a function declared later in its body',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Base { constructor(readonly value: number) {} }
@ErrorMonitor
class Derived extends Base {
  constructor() {
    super(initial())
    log.push(twice(this.value))
    function initial() { return 21 }
    function twice(n: number) { return n * 2 }
  }
}
export function run() { return outcome(() => [new Derived().value, log]) }
`,
  },
  {
    name: 'derived constructor with super() in both branches of an if',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Base { constructor(readonly from: string) {} }
@ErrorMonitor
class Derived extends Base {
  constructor(left: boolean) {
    if (left) super('left')
    else super('right')
    log.push(this.from)
  }
}
export function run() { return [new Derived(true).from, new Derived(false).from, log] }
`,
  },
  {
    name: 'derived constructor that returns an object instead of calling super()',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Base {}
const replacement = { replaced: true }
@ErrorMonitor
class Derived extends Base { constructor() { return replacement as any } }
export function run() { return [new Derived() === (replacement as any), outcome(() => new Derived() instanceof Derived)] }
`,
  },
  {
    name: 'derived constructor that throws after super()',
    woven: 1,
    reports: ['Strict.constructor'],
    code: `
import { ErrorMonitor } from 'errorweave'
class Base { constructor(readonly n: number) {} }
@ErrorMonitor
class Strict extends Base { constructor(n: number) { super(n); if (n < 0) throw BOOM; log.push('ok ' + n) } }
export function run() { return [outcome(() => new Strict(-1)), outcome(() => new Strict(1).n), log] }
`,
  },
  {
    name: 'an error thrown by a woven base constructor through super() gives one report',
    woven: 2,
    reports: ['Base.constructor'],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Base { constructor(n: number) { if (n < 0) throw BOOM } }
@ErrorMonitor
class Derived extends Base { constructor(n: number) { super(n); log.push('derived') } }
export function run() { return [outcome(() => new Derived(-1)), log] }
`,
  },
  {
    name: 'a constructor that throws leaves no instance behind',
    woven: 1,
    reports: ['Guarded.constructor'],
    code: `
import { ErrorMonitor } from 'errorweave'
let leaked: unknown
@ErrorMonitor
class Guarded { constructor(ok: boolean) { leaked = this; if (!ok) throw BOOM } }
export function run() {
  const made = outcome(() => new Guarded(false))
  return [made, leaked instanceof Guarded]
}
`,
  },
  {
    name: 'a base constructor returning an object becomes this in the subclass',
    woven: 2,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
const shared: any = { shared: true }
@ErrorMonitor
class Base { constructor() { return shared } }
@ErrorMonitor
class Derived extends Base { constructor() { super(); (this as any).touched = true } }
export function run() { const d = new Derived(); return [d === shared, shared.touched, d instanceof Derived] }
`,
  },
  {
    name: 'getter and setter under a class-level annotation',
    woven: 2,
    reports: ['Temperature.set celsius'],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Temperature {
  #c = 0
  get celsius() { log.push('get'); return this.#c }
  set celsius(v: number) { log.push('set ' + v); if (v < -273.15) throw BOOM; this.#c = v }
}
export function run() {
  const t = new Temperature()
  t.celsius = 20
  const read = t.celsius
  const assigned = (t.celsius = 30)
  return [read, assigned, outcome(() => { t.celsius = -300 }), t.celsius, log]
}
`,
  },
  {
    name: 'a getter that throws gives one report',
    woven: 1,
    reports: ['Lazy.get value'],
    code: `
import { ErrorMonitor } from 'errorweave'
class Lazy { @ErrorMonitor get value(): number { throw BOOM } }
export function run() { return outcome(() => new Lazy().value) }
`,
  },
  {
    name: 'accessor functions keep their name and length',
    woven: 2,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Point {
  #x = 1
  get x() { return this.#x }
  set x(value: number) { this.#x = value }
}
export function run() {
  const d = Object.getOwnPropertyDescriptor(Point.prototype, 'x')!
  return [d.get!.name, d.get!.length, d.set!.name, d.set!.length, d.enumerable, d.configurable]
}
`,
  },
  {
    name: 'static getter and setter',
    woven: 2,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Config {
  static #level = 'info'
  @ErrorMonitor static get level() { return this.#level }
  @ErrorMonitor static set level(v: string) { this.#level = v.toLowerCase() }
}
export function run() { Config.level = 'DEBUG'; return Config.level }
`,
  },
  {
    name: 'a setter return value is ignored',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Sink { stored = 0; @ErrorMonitor set value(v: number) { this.stored = v; return } }
export function run() { const s = new Sink(); const r = (s.value = 5); return [r, s.stored] }
`,
  },
  {
    name: '#private methods under a class-level annotation',
    woven: 3,
    reports: ['Vault.#check'],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Vault {
  #secret = 's3'
  #check(key: string) { if (key !== this.#secret) throw BOOM; return true }
  open(key: string) { return this.#check(key) && 'open' }
  static isVault(o: object) { return #secret in o }
}
export function run() { const v = new Vault(); return [v.open('s3'), outcome(() => v.open('x')), Vault.isVault(v), Vault.isVault({})] }
`,
  },
  {
    name: '#private accessors and static #private methods',
    woven: 4,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Counter {
  #n = 0
  get #value() { return this.#n }
  set #value(v: number) { this.#n = v }
  static #make() { return new Counter() }
  static bumped() { const c = Counter.#make(); c.#value = c.#value + 2; return c.#value }
}
export function run() { return Counter.bumped() }
`,
  },
  {
    name: 'a #private method keeps its name',
    woven: 2,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Named { #hidden(a: number, b: number) { return a + b } expose() { return [this.#hidden.name, this.#hidden.length] } }
export function run() { return new Named().expose() }
`,
  },
  {
    name: 'computed method names: symbol, string expression, number',
    woven: 3,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
const key = Symbol('key')
@ErrorMonitor
class Computed {
  [key]() { return 'symbol' }
  ['pre' + 'fix'](a: number) { return 'string ' + a }
  [42]() { return 'number' }
}
export function run() {
  const c = new Computed() as any
  return [c[key](), c.prefix(1), c[42](), c[key].name, c.prefix.name, c.prefix.length, c[42].name]
}
`,
  },
  {
    name: 'computed keys are evaluated once, in order',
    woven: 2,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
const keyOf = (k: string) => { log.push('key ' + k); return k }
class Keys {
  @ErrorMonitor [keyOf('a')]() { return 'A' }
  @ErrorMonitor [keyOf('b')]() { return 'B' }
}
export function run() { const k = new Keys() as any; return [k.a(), k.b(), log] }
`,
  },
  {
    name: 'a computed Symbol.iterator generator method',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Range {
  constructor(readonly to: number) {}
  @ErrorMonitor *[Symbol.iterator]() { for (let i = 0; i < this.to; i++) yield i }
}
export function run() { return [[...new Range(4)], (Range.prototype as any)[Symbol.iterator].name] }
`,
  },
  {
    name: 'a Symbol.toPrimitive method in implicit conversions',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Money {
  constructor(readonly cents: number) {}
  @ErrorMonitor [Symbol.toPrimitive](hint: string) { log.push(hint); return hint === 'number' ? this.cents / 100 : '$' + this.cents / 100 }
}
export function run() { const m = new Money(250); return [+m, \`\${m}\`, m + '', log] }
`,
  },
  {
    name: 'arrow fields under a class-level annotation stay bound',
    woven: 2,
    reports: ['Button.fail'],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Button {
  label = 'ok'
  onClick = () => this.label + '!'
  fail = (): never => { throw BOOM }
}
export function run() { const b = new Button(); const { onClick, fail } = b; return [onClick(), onClick.name, outcome(fail), Object.keys(b)] }
`,
  },
  {
    name: 'static and #private arrow fields',
    woven: 3,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Factory {
  static create = () => new this()
  #tag = () => this.constructor.name
  tag() { return this.#tag() }
}
export function run() { const f = Factory.create(); return [f instanceof Factory, Factory.create.name] }
`,
  },
  {
    name: 'function-expression fields under a class-level annotation',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Holder { self = function (this: unknown) { return this } }
export function run() { const h = new Holder(); return [h.self() === h, h.self.call(undefined) === undefined, h.self.name] }
`,
  },
  {
    name: 'an arrow field using super',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Base { greet() { return 'hi from ' + this.constructor.name } }
@ErrorMonitor
class Derived extends Base { handler = () => super.greet() }
export function run() { const { handler } = new Derived(); return handler() }
`,
  },
  {
    name: 'overloaded method under a class-level annotation',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Parser {
  parse(a: string): string
  parse(a: number): number
  parse(a: any): any { return typeof a === 'string' ? a.trim() : a + 1 }
}
export function run() { return [new Parser().parse(' x '), new Parser().parse(1), Parser.prototype.parse.length] }
`,
  },
  {
    name: 'abstract methods are skipped, concrete ones woven',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
abstract class Shape { abstract area(): number; describe() { return 'area ' + this.area() } }
class Square extends Shape { constructor(readonly side: number) { super() } area() { return this.side ** 2 } }
export function run() { return new Square(3).describe() }
`,
  },
  {
    name: 'a static block under a class-level annotation runs once, in place',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Init {
  static ready = log.push('field')
  static { log.push('block') }
  static check() { return log.slice() }
}
export function run() { return Init.check() }
`,
  },
  {
    name: 'toString and toJSON methods in implicit calls',
    woven: 3,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Item {
  constructor(readonly id: number) { log.push(id) }
  toString() { return 'Item#' + this.id }
  toJSON() { return { id: this.id, kind: 'item' } }
}
export function run() { const i = new Item(3); return [String(i), \`\${i}\`, JSON.stringify([i]), log] }
`,
  },
  {
    name: 'a class expression with a JSDoc-annotated method',
    woven: 1,
    reports: ['Anon.fail'],
    code: `
const Anon = class {
  /** @ErrorMonitor */
  fail() { throw BOOM }
}
export function run() { return [outcome(() => new Anon().fail()), Anon.name] }
`,
  },
  {
    name: 'a class-level annotation does not reach nested classes, functions or object literals',
    woven: 1,
    reports: ['Outer.build'],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Outer {
  build(): never {
    class Inner { fail(): never { throw new Error('inner') } }
    const helpers = { fail(): never { throw new Error('helper') } }
    function local(): never { throw new Error('local') }
    log.push(outcome(() => new Inner().fail()), outcome(() => helpers.fail()), outcome(local))
    throw BOOM
  }
}
export function run() { return [outcome(() => new Outer().build()), log] }
`,
  },
  {
    name: 'a monitored export default class',
    decorators: 'standard',
    woven: 2,
    reports: ['default.fail'],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
export default class {
  value() { return 'v' }
  fail(): never { throw BOOM }
}
export async function run() { const self = await import(import.meta.url); const o = new self.default(); return [o.value(), outcome(() => o.fail()), self.default.name] }
`,
  },
  {
    name: 'an async arrow field returning a call on this',
    woven: 2,
    reports: ['Loader.fetch'],
    code: `
import { ErrorMonitor } from 'errorweave'
@ErrorMonitor
class Loader {
  source = 'db'
  async fetch(ok: boolean) { await null; if (!ok) throw BOOM; return this.source }
  load = async (ok: boolean) => this.fetch(ok)
}
export async function run() { const { load } = new Loader(); return [await load(true), await settle(() => load(false))] }
`,
  },
]
