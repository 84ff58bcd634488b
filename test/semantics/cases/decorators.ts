import type { SemanticCase } from '../harness.js'

/** Turns `design:*` metadata (constructors) into comparable names. */
const TYPE_NAMES = `
const typeName = (t: any) => (t === undefined ? 'undefined' : t?.name ?? String(t))
const typeNames = (list: any) => (Array.isArray(list) ? list.map(typeName) : typeName(list))
`

/**
 * Other decorators next to ours under `experimentalDecorators` + `emitDecoratorMetadata`:
 * their order, their view of the method, and the metadata they read.
 */
export const legacyDecoratorCases: SemanticCase[] = [
  {
    name: 'a wrapping method decorator below and above @ErrorMonitor',
    woven: 2,
    reports: [],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
function logged(tag: string) {
  return (_target: object, key: string, d: PropertyDescriptor) => {
    const original = d.value
    d.value = function (this: unknown, ...args: unknown[]) { log.push(tag + ' ' + key); return original.apply(this, args) }
    return d
  }
}
class Api {
  @ErrorMonitor @logged('inner') first(n: number) { return n + 1 }
  @logged('outer') @ErrorMonitor second(n: number) { return n * 2 }
}
export function run() { const a = new Api(); return [a.first(1), a.second(2), a.first.name, a.second.length, log] }
`,
  },
  {
    name: 'decorator factories evaluate top-down and apply bottom-up',
    woven: 1,
    reports: [],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
const trace = (name: string) => { log.push('evaluate ' + name); return (_t: object, key: string) => { log.push('apply ' + name + ' to ' + key) } }
class Ordered {
  @trace('a') @ErrorMonitor() @trace('b') method() { return 'm' }
}
export function run() { return [new Ordered().method(), log] }
`,
  },
  {
    name: 'design:type, design:paramtypes and design:returntype of a decorated method',
    woven: 1,
    reports: [],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
${TYPE_NAMES}
const marker = (_t: object, _k: string) => {}
class Shop {
  @ErrorMonitor @marker price(id: string, qty: number, flags: boolean[], when: Date): number { return qty }
}
export function run() {
  const m = (key: string) => typeNames(Reflect.getMetadata(key, Shop.prototype, 'price'))
  return [m('design:type'), m('design:paramtypes'), m('design:returntype')]
}
`,
  },
  {
    name: 'metadata of an async method and a static method',
    woven: 2,
    reports: [],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
${TYPE_NAMES}
const marker = (_t: object, _k: string) => {}
class Repo {
  @marker @ErrorMonitor async find(id: number): Promise<string> { return 'r' + id }
  @marker @ErrorMonitor static create(options: { a: number }, ...rest: string[]): Repo { return new Repo() }
}
export async function run() {
  const m = (target: object, key: string, name: string) => typeNames(Reflect.getMetadata(key, target, name))
  return [
    m(Repo.prototype, 'design:paramtypes', 'find'), m(Repo.prototype, 'design:returntype', 'find'),
    m(Repo, 'design:paramtypes', 'create'), m(Repo, 'design:returntype', 'create'), await new Repo().find(2),
  ]
}
`,
  },
  {
    name: 'constructor design:paramtypes with a class-level @ErrorMonitor and an injector',
    woven: 2,
    reports: [],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
${TYPE_NAMES}
class Db {}
class Cache {}
const registry = new Map<Function, unknown[]>()
function Injectable() { return (target: Function) => { registry.set(target, Reflect.getMetadata('design:paramtypes', target) ?? []) } }
@ErrorMonitor
@Injectable()
class UserService { constructor(readonly db: Db, readonly cache: Cache, readonly ttl: number) { log.push('made') } all() { return [this.ttl, log] } }
export function run() {
  const params = registry.get(UserService)!
  const made = new UserService(...(params.map((P: any) => (P === Number ? 5 : new P())) as [Db, Cache, number]))
  return [typeNames(params), made.all(), made.db instanceof Db]
}
`,
  },
  {
    name: 'custom Reflect.metadata on a method with @ErrorMonitor',
    woven: 1,
    reports: [],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
class Admin {
  @ErrorMonitor({ comment: 'roles' })
  @Reflect.metadata('role', 'admin')
  @Reflect.metadata('audit', { level: 2 })
  remove(id: number) { return 'removed ' + id }
}
export function run() {
  return [Reflect.getMetadata('role', Admin.prototype, 'remove'), Reflect.getMetadata('audit', Admin.prototype, 'remove'), Reflect.getMetadataKeys(Admin.prototype, 'remove').sort(), new Admin().remove(1)]
}
`,
  },
  {
    name: 'parameter decorators on a monitored method',
    woven: 1,
    reports: [],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
${TYPE_NAMES}
const Inject = (token: string) => (target: object, key: string | undefined, index: number) => { log.push([token, key, index, target === Handler.prototype]) }
class Handler {
  @ErrorMonitor handle(@Inject('req') req: string, @Inject('res') res: number) { return req + res }
}
export function run() { return [new Handler().handle('a', 1), log, typeNames(Reflect.getMetadata('design:paramtypes', Handler.prototype, 'handle'))] }
`,
  },
  {
    name: 'constructor parameter decorators with a class-level @ErrorMonitor',
    woven: 1,
    reports: [],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
${TYPE_NAMES}
const Token = (name: string) => (target: Function, key: undefined, index: number) => { log.push([name, target.name, key, index]) }
@ErrorMonitor
class Controller { constructor(@Token('first') a: string, @Token('second') b: number) { log.push('constructed ' + a + b) } }
export function run() { new Controller('x', 1); return [log, typeNames(Reflect.getMetadata('design:paramtypes', Controller))] }
`,
  },
  {
    name: 'a property decorator and design:type in a monitored class',
    woven: 1,
    reports: [],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
${TYPE_NAMES}
const columns: unknown[] = []
const Column = (target: object, key: string) => { columns.push([key, typeName(Reflect.getMetadata('design:type', target, key))]) }
@ErrorMonitor
class Entity {
  @Column id!: number
  @Column name!: string
  @Column onSave = () => 'saved'
}
export function run() { return [columns, new Entity().onSave()] }
`,
  },
  {
    name: 'a class decorator that replaces the class, with a class-level @ErrorMonitor',
    woven: 1,
    reports: ['Plain.fail'],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
function sealedSubclass<T extends new (...args: any[]) => object>(Base: T) {
  return class Sealed extends Base { sealed = true }
}
@ErrorMonitor
@sealedSubclass
class Plain { fail(): never { throw BOOM } }
export function run() { const p = new Plain() as any; return [Plain.name, p.sealed, p instanceof Plain, outcome(() => p.fail())] }
`,
  },
  {
    name: 'an accessor decorator with @ErrorMonitor on the getter',
    woven: 1,
    reports: [],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
${TYPE_NAMES}
const enumerable = (_t: object, _k: string, d: PropertyDescriptor) => { d.enumerable = true }
class Temp {
  #v = 1
  @ErrorMonitor @enumerable get value(): number { return this.#v }
  set value(v: number) { this.#v = v }
}
export function run() {
  const t = new Temp(); t.value = 9
  const d = Object.getOwnPropertyDescriptor(Temp.prototype, 'value')!
  return [t.value, d.enumerable, typeName(Reflect.getMetadata('design:type', Temp.prototype, 'value')), d.get!.name, d.set!.name]
}
`,
  },
  {
    name: 'a decorator reads the name and length of the method it gets',
    woven: 1,
    reports: [],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
const inspect = (_t: object, key: string, d: PropertyDescriptor) => { log.push([key, d.value.name, d.value.length, d.writable, d.enumerable, d.configurable]) }
class Seen { @inspect @ErrorMonitor method(a: number, b: number) { return a + b } }
export function run() { return [log, new Seen().method(1, 2)] }
`,
  },
  {
    name: 'a decorator that catches errors around a woven method',
    woven: 1,
    reports: ['Safe.risky'],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
const fallback = (value: unknown) => (_t: object, _k: string, d: PropertyDescriptor) => {
  const original = d.value
  d.value = function (this: unknown, ...args: unknown[]) { try { return original.apply(this, args) } catch (error) { log.push(label(error)); return value } }
}
class Safe { @fallback('default') @ErrorMonitor risky(): string { throw BOOM } }
export function run() { return [new Safe().risky(), log] }
`,
  },
  {
    name: 'a decorator that calls the method while the class is defined',
    woven: 1,
    reports: [],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
const eager = (target: any, key: string, d: PropertyDescriptor) => { log.push('eager ' + d.value.call(target, 2)) }
class Early { @eager @ErrorMonitor square(n: number) { return n * n } }
export function run() { return [log, new Early().square(3)] }
`,
  },
  {
    name: '@NoErrorMonitor next to another decorator in a monitored class',
    woven: 1,
    reports: ['Mixed.watched'],
    code: `
import 'reflect-metadata'
import { ErrorMonitor, NoErrorMonitor } from 'errorweave'
const note = (_t: object, key: string) => { log.push('decorated ' + key) }
@ErrorMonitor
class Mixed {
  @NoErrorMonitor @note ignored(): never { throw new Error('ignored') }
  @note watched(): never { throw BOOM }
}
export function run() { const m = new Mixed(); return [outcome(() => m.ignored()), outcome(() => m.watched()), log] }
`,
  },
  {
    name: 'a decorator target and key identity',
    woven: 2,
    reports: [],
    code: `
import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
const seen: unknown[] = []
const who = (target: any, key: string) => { seen.push([key, typeof target, target === Who || target === Who.prototype]) }
class Who { @who @ErrorMonitor instance() { return 1 } @who @ErrorMonitor static klass() { return 2 } }
export function run() { return [seen, new Who().instance(), Who.klass()] }
`,
  },
  // Was a bug: removing `@ErrorMonitor` joined `items = [...]` and `*each()` into one expression (ASI).
  {
    name: 'a removed decorator before a generator method after a field without semicolon',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
class Bag {
  items = ['x', 'y']
  @ErrorMonitor *each() { yield* this.items }
}
export function run() { return [...new Bag().each()] }
`,
  },
  // Was a bug: removing `@ErrorMonitor` joined `size = 2` and `[key]()` into one expression (ASI).
  {
    name: 'a removed decorator before a computed method after a field without semicolon',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
const key = 'dynamic'
class Keyed {
  size = 2
  @ErrorMonitor [key]() { return this.size }
}
export function run() { return (new Keyed() as any).dynamic() }
`,
  },
]

/** Standard (TC39) decorators, lowered by TypeScript for ES2022. */
const METADATA_POLYFILL = `
;(Symbol as any).metadata ??= Symbol.for('Symbol.metadata')
`

export const standardDecoratorCases: SemanticCase[] = [
  {
    name: 'a replacing method decorator next to @ErrorMonitor',
    decorators: 'standard',
    woven: 2,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
function logged(tag: string) {
  return (method: Function, context: ClassMethodDecoratorContext) => function (this: unknown, ...args: unknown[]) {
    log.push(tag + ' ' + String(context.name)); return method.apply(this, args)
  }
}
class Api {
  @ErrorMonitor @logged('inner') first(n: number) { return n + 1 }
  @logged('outer') @ErrorMonitor second(n: number) { return n * 2 }
}
export function run() { const a = new Api(); return [a.first(1), a.second(2), log] }
`,
  },
  {
    name: 'the decorator context a method decorator receives',
    decorators: 'standard',
    woven: 3,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
const contexts: unknown[] = []
const record = (value: Function, context: ClassMethodDecoratorContext) => {
  contexts.push([context.kind, String(context.name), context.static, context.private, typeof context.access.get, value.name, value.length])
}
class Described {
  @record @ErrorMonitor plain(a: number) { return a }
  @ErrorMonitor @record static shared(a: number, b: number) { return a + b }
  @record @ErrorMonitor #hidden() { return 'h' }
  reveal() { return this.#hidden() }
}
export function run() { return [contexts, new Described().plain(1), Described.shared(1, 2), new Described().reveal()] }
`,
  },
  {
    name: 'context.access reaches a decorated #private method',
    decorators: 'standard',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
let access: any
const grab = (_v: Function, context: ClassMethodDecoratorContext) => { access = context.access }
class Secret { factor = 3; @grab @ErrorMonitor #times(n: number) { return n * this.factor } }
export function run() { const s = new Secret(); return [access.has(s), access.has({}), access.get(s).call(s, 2)] }
`,
  },
  {
    name: 'addInitializer order for methods, static methods and the class',
    decorators: 'standard',
    woven: 2,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
const init = (tag: string) => (_v: unknown, context: any) => { log.push('decorate ' + tag); context.addInitializer(function () { log.push('init ' + tag) }) }
@init('class')
@ErrorMonitor
class Lifecycle {
  @init('method') method() { return 1 }
  @init('static') static helper() { return 2 }
}
export function run() { log.push('define done'); new Lifecycle(); return log }
`,
  },
  {
    name: 'a class decorator that returns a subclass, with @ErrorMonitor',
    decorators: 'standard',
    woven: 1,
    reports: ['Original.fail'],
    code: `
import { ErrorMonitor } from 'errorweave'
function withTag(Base: any, context: ClassDecoratorContext) { log.push('class ' + String(context.name)); return class extends Base { tag = 'tagged' } }
@withTag
@ErrorMonitor
class Original { fail(): never { throw BOOM } }
export function run() { const o = new Original() as any; return [o.tag, o instanceof Original, outcome(() => o.fail()), log] }
`,
  },
  {
    name: 'a field decorator on an arrow field of a monitored class',
    decorators: 'standard',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
const traced = (_v: undefined, context: ClassFieldDecoratorContext) => (initial: any) => { log.push('init ' + String(context.name)); return (...args: any[]) => 'traced:' + initial(...args) }
@ErrorMonitor
class Handlers { base = 'b'; @traced onEvent = (x: string) => this.base + x }
export function run() { const h = new Handlers(); return [h.onEvent('1'), log] }
`,
  },
  {
    name: 'an auto-accessor decorator in a monitored class',
    decorators: 'standard',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
const clamp = (target: ClassAccessorDecoratorTarget<any, number>, _c: ClassAccessorDecoratorContext) => ({
  set(this: any, v: number) { log.push('set ' + v); target.set.call(this, Math.min(v, 10)) },
  get(this: any) { return target.get.call(this) },
})
@ErrorMonitor
class Gauge { @clamp accessor level = 1; read() { return this.level } }
export function run() { const g = new Gauge(); g.level = 50; return [g.read(), log] }
`,
  },
  {
    name: 'getter and setter decorators next to @ErrorMonitor',
    decorators: 'standard',
    woven: 2,
    reports: ['Box.set size'],
    code: `
import { ErrorMonitor } from 'errorweave'
const tap = (fn: Function, context: ClassGetterDecoratorContext | ClassSetterDecoratorContext) =>
  function (this: unknown, ...args: unknown[]) { log.push(context.kind + ' ' + String(context.name)); return fn.apply(this, args) }
class Box {
  #size = 1
  @tap @ErrorMonitor get size() { return this.#size }
  @ErrorMonitor @tap set size(v: number) { if (v < 0) throw BOOM; this.#size = v }
}
export function run() { const b = new Box(); b.size = 4; return [b.size, outcome(() => { b.size = -1 }), log] }
`,
  },
  {
    name: 'decorator metadata through context.metadata',
    decorators: 'standard',
    woven: 2,
    reports: [],
    code: `
${METADATA_POLYFILL}
import { ErrorMonitor } from 'errorweave'
const route = (path: string) => (_v: Function, context: ClassMethodDecoratorContext) => {
  const routes = ((context.metadata as any).routes ??= [])
  routes.push([path, String(context.name)])
}
class Controller {
  @route('/a') @ErrorMonitor list() { return 'list' }
  @ErrorMonitor({ comment: 'c' }) @route('/b') show() { return 'show' }
}
export function run() { return [(Controller as any)[(Symbol as any).metadata].routes, new Controller().list()] }
`,
  },
  {
    name: 'decorator factories evaluate in source order with @ErrorMonitor between',
    decorators: 'standard',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
const trace = (name: string) => { log.push('evaluate ' + name); return (_v: unknown, c: ClassMethodDecoratorContext) => { log.push('apply ' + name + ' ' + String(c.name)) } }
class Ordered { @trace('a') @ErrorMonitor() @trace('b') method() { return 1 } }
export function run() { return [new Ordered().method(), log] }
`,
  },
  {
    name: 'a decorated class expression',
    decorators: 'standard',
    woven: 1,
    reports: ['Expr.fail'],
    code: `
import { ErrorMonitor } from 'errorweave'
const named = (_v: unknown, context: ClassDecoratorContext) => { log.push('class ' + String(context.name)) }
const Expr = @named @ErrorMonitor class { fail(): never { throw BOOM } }
export function run() { return [Expr.name, outcome(() => new Expr().fail()), log] }
`,
  },
  {
    name: 'a standard decorator that catches errors around a woven method',
    decorators: 'standard',
    woven: 1,
    reports: ['Safe.risky'],
    code: `
import { ErrorMonitor } from 'errorweave'
const fallback = (value: unknown) => (method: Function) => function (this: unknown, ...args: unknown[]) {
  try { return method.apply(this, args) } catch (error) { log.push(label(error)); return value }
}
class Safe { @fallback('default') @ErrorMonitor risky(): string { throw BOOM } }
export function run() { return [new Safe().risky(), log] }
`,
  },
  {
    name: 'standard decorators on a derived class with a monitored constructor',
    decorators: 'standard',
    woven: 2,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
const mark = (_v: unknown, context: ClassDecoratorContext) => { context.addInitializer(function (this: any) { this.marked = true }) }
class Base { constructor(readonly id: number) {} }
@mark
@ErrorMonitor
class Child extends Base { constructor(id: number) { super(id); log.push('child ' + this.id) } twice() { return this.id * 2 } }
export function run() { const c = new Child(4); return [(Child as any).marked, c.twice(), log] }
`,
  },
  {
    name: 'a static method decorator receives the class as this in its initializer',
    decorators: 'standard',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
const bindStatic = (_v: Function, context: ClassMethodDecoratorContext) => {
  context.addInitializer(function (this: any) { this[context.name] = this[context.name].bind(this) })
}
class Tool { static label = 'tool'; @bindStatic @ErrorMonitor static describe() { return this.label } }
export function run() { const { describe } = Tool; return [describe(), describe.name] }
`,
  },
  {
    name: 'a bound-method decorator on a monitored instance method',
    decorators: 'standard',
    woven: 1,
    reports: [],
    code: `
import { ErrorMonitor } from 'errorweave'
const bound = (method: Function, context: ClassMethodDecoratorContext) => {
  context.addInitializer(function (this: any) { this[context.name] = method.bind(this) })
}
@ErrorMonitor
class Clicker { count = 0; @bound click() { return ++this.count } }
export function run() { const c = new Clicker(); const { click } = c; click(); return [click(), c.count] }
`,
  },
]
