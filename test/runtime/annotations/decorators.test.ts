import { afterEach, describe, expect, test } from 'vitest'
import type { Report } from 'errorweave'
import { compile, importCompiled, nativeImport } from '../../helpers/weave.js'

/**
 * Other decorators' metadata stays on a method in whatever order `@ErrorMonitor` is written,
 * with legacy (experimentalDecorators) and standard decorators, built without the plugin.
 */
const { configure, flush, resetConfiguration }: typeof import('errorweave') = await nativeImport('errorweave')

const reflect = Reflect as unknown as { getMetadata(key: string, target: object, property?: string): unknown; getOwnMetadata(key: string, target: object): unknown }

const LEGACY_TAG = `(value: string) => (target: object, key: string, descriptor: PropertyDescriptor) => {
  Reflect.defineMetadata('tag', value, descriptor.value)
  descriptor.value.label = value
}`
const STANDARD_TAG = `(value: string) => (method: Function, context: ClassMethodDecoratorContext) => {
  Reflect.defineMetadata('tag', value, method)
  ;(method as any).label = value
  const tags = ((context.metadata as any).tags ??= {})
  tags[context.name as string] = value
}`

function fixture(tag: string): string {
  return `import 'reflect-metadata'
import { ErrorMonitor } from 'errorweave'
;(Symbol as any).metadata ??= Symbol('Symbol.metadata')
const Tag = ${tag}
let later: Function | undefined
const Remember = (...args: any[]) => { later = args.length === 2 ? args[0] : args[2].value }

export class Service {
  @ErrorMonitor @Tag('above') above(id: number): string { throw new Error('above ' + id) }
  @Tag('below') @ErrorMonitor below(id: number): string { throw new Error('below ' + id) }
  @ErrorMonitor @Remember late(): void {}
}

@ErrorMonitor
export class Whole {
  @Tag('class') one(id: number): string { throw new Error('whole ' + id) }
}

/** A decorator that keeps the method it saw and labels it later (at bootstrap, say). */
export function labelLater() { Reflect.defineMetadata('late', 'labelled later', later!) }
`
}

const FLAVORS = [
  { name: 'legacy decorators', tag: LEGACY_TAG, compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true } },
  { name: 'standard decorators', tag: STANDARD_TAG, compilerOptions: { experimentalDecorators: false } },
]

afterEach(() => resetConfiguration())

describe.each(FLAVORS)('$name', ({ name, tag, compilerOptions }) => {
  const load = () =>
    importCompiled<{ Service: any; Whole: any; labelLater(): void }>(compile(fixture(tag), 'plain', { compilerOptions }, 'src/service.ts'), `decorators-${name}`)

  test.each([
    ['above', 'Service'],
    ['below', 'Service'],
    ['one', 'Whole'],
  ])('%s: the metadata stays on the method, and its errors are still reported', async (method, owner) => {
    const module = await load()
    const Class = module[owner as 'Service']
    const wrapped = Class.prototype[method]
    const value = method === 'one' ? 'class' : method
    expect(reflect.getMetadata('tag', wrapped)).toBe(value)
    expect(reflect.getOwnMetadata('tag', wrapped)).toBe(value)
    expect(wrapped.label).toBe(value)
    expect(wrapped.name).toBe(method)
    if (name === 'legacy decorators') {
      expect(reflect.getMetadata('design:paramtypes', Class.prototype, method)).toEqual([Number])
      expect(reflect.getMetadata('design:returntype', Class.prototype, method)).toBe(String)
    } else {
      expect((Class as any)[(Symbol as any).metadata].tags[method]).toBe(value)
    }

    const reports: Report[] = []
    configure({ aggregateWindowMs: 0, transports: [(report) => void reports.push(report)] })
    expect(() => new Class()[method](7)).toThrow(/ 7$/)
    await flush()
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ class: owner, method, woven: false, mechanism: 'decorator', errorType: 'Error' })
  })

  test('metadata added later to the method a decorator below saw is seen on the wrapper', async () => {
    const module = await load()
    module.labelLater()
    expect(reflect.getMetadata('late', module.Service.prototype.late)).toBe('labelled later')
  })
})
