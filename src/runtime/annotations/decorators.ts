import { captureUnwoven } from '../capture/capture.js'
import type { UnwovenSite } from '../capture/queue.js'
import type { Severity } from './severity.js'

export interface ErrorMonitorOptions {
  severity?: Severity
  comment?: string
  enableFuturePrediction?: boolean
}

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown
type Decorator = (...args: any[]) => any

/**
 * Compile-time markers: the plugin removes them and weaves the code. Built without
 * the plugin they still work, wrapping each method at run time; those reports say
 * `woven: false` and carry no statement line or future calls.
 */
export function ErrorMonitor(options?: ErrorMonitorOptions): Decorator
export function ErrorMonitor(...decoratorArgs: any[]): any
export function ErrorMonitor(...args: any[]): any {
  if (isDecoratorCall(args)) return decorate(args, {})
  const options = (args[0] ?? {}) as ErrorMonitorOptions
  return (...decoratorArgs: any[]) => decorate(decoratorArgs, options)
}

/** Excludes a method from a monitored class. */
export function NoErrorMonitor(...args: any[]): any {
  const [target, key, descriptor] = args
  if (key && typeof key === 'object' && 'kind' in key) {
    excluded.add(target)
    return target
  }
  const desc: PropertyDescriptor | undefined = descriptor ?? Object.getOwnPropertyDescriptor(target, key)
  for (const fn of [desc?.value, desc?.get, desc?.set]) if (typeof fn === 'function') excluded.add(fn)
  return descriptor
}

const excluded = new WeakSet<object>()

function isDecoratorCall(args: any[]): boolean {
  const [first, second] = args
  if (typeof first === 'function' && (args.length === 1 || (second && typeof second === 'object' && 'kind' in second))) return true
  return args.length >= 2 && typeof first === 'object' && first !== null && (typeof second === 'string' || typeof second === 'symbol')
}

function decorate(args: any[], options: ErrorMonitorOptions): any {
  const [target, second, descriptor] = args
  if (second && typeof second === 'object' && 'kind' in second) return decorateStandard(target, second as DecoratorContext, options)
  if (args.length === 1 && typeof target === 'function') {
    wrapClass(target, options)
    return target
  }
  // Legacy (experimentalDecorators) member decorator.
  const className = (typeof target === 'function' ? target.name : target?.constructor?.name) ?? null
  const desc: PropertyDescriptor | undefined = descriptor ?? Object.getOwnPropertyDescriptor(target, second)
  if (!desc) return descriptor
  return wrapDescriptor(desc, site(className, memberName(second), options))
}

function decorateStandard(value: any, context: DecoratorContext, options: ErrorMonitorOptions): any {
  if (context.kind === 'class') {
    context.addInitializer(function (this: unknown) {
      wrapClass(this as Function, options)
    })
    return value
  }
  if (context.kind === 'method' || context.kind === 'getter' || context.kind === 'setter') {
    if (excluded.has(value)) return value
    let className: string | null = null
    context.addInitializer(function (this: any) {
      className = typeof this === 'function' ? this.name : (this?.constructor?.name ?? null)
    })
    const prefix = context.kind === 'method' ? '' : `${context.kind === 'getter' ? 'get' : 'set'} `
    const info = site(null, prefix + memberName(context.name), options)
    return wrap(value, () => ({ ...info, class: className }))
  }
  return value
}

function wrapClass(constructor: Function, options: ErrorMonitorOptions): void {
  for (const owner of [constructor.prototype, constructor]) {
    for (const key of Reflect.ownKeys(owner)) {
      if (key === 'constructor' || key === 'prototype' || key === 'length' || key === 'name') continue
      const descriptor = Object.getOwnPropertyDescriptor(owner, key)
      if (!descriptor || !descriptor.configurable || [descriptor.value, descriptor.get, descriptor.set].some((fn) => excluded.has(fn))) continue
      Object.defineProperty(owner, key, wrapDescriptor(descriptor, site(constructor.name, memberName(key), options)))
    }
  }
}

function wrapDescriptor(descriptor: PropertyDescriptor, info: UnwovenSite): PropertyDescriptor {
  const wrapped = { ...descriptor }
  if (typeof descriptor.value === 'function') wrapped.value = wrap(descriptor.value, () => info)
  if (descriptor.get) wrapped.get = wrap(descriptor.get, () => ({ ...info, method: `get ${info.method}` })) as () => unknown
  if (descriptor.set) wrapped.set = wrap(descriptor.set, () => ({ ...info, method: `set ${info.method}` })) as (v: unknown) => void
  return wrapped
}

function site(className: string | null, method: string, options: ErrorMonitorOptions): UnwovenSite {
  return { class: className, method, severity: options.severity ?? 'ERROR', comment: options.comment ?? null }
}

function memberName(key: PropertyKey): string {
  return typeof key === 'symbol' ? `[${key.description ?? 'symbol'}]` : String(key)
}

/**
 * Same name and length, and like a woven method: not a constructor (no prototype),
 * sync throws captured and passed on, the returned value untouched (a sync method's
 * promise stays the very same object); only an async method's rejection is captured,
 * as the woven try/catch around an async body would.
 */
function wrap(fn: AnyFunction, info: () => UnwovenSite): AnyFunction {
  const isAsync = isAsyncFunction(fn)
  const wrapper = {
    method(this: unknown, ...args: unknown[]): unknown {
      try {
        const result = fn.apply(this, args)
        if (isAsync && result instanceof Promise) {
          return result.catch((error: unknown) => {
            captureUnwoven(error, info())
            throw error
          })
        }
        return result
      } catch (error) {
        captureUnwoven(error, info())
        throw error
      }
    },
  }.method
  Object.defineProperty(wrapper, 'name', { value: fn.name, configurable: true })
  Object.defineProperty(wrapper, 'length', { value: fn.length, configurable: true })
  keepMetadata(fn, wrapper)
  return wrapper
}

interface ReflectMetadata {
  getOwnMetadataKeys?(target: object): unknown[]
  getOwnMetadata(key: unknown, target: object): unknown
  defineMetadata(key: unknown, value: unknown, target: object): void
}

/**
 * Decorators applied before this one (written below it) keep what they put on the method:
 * Nest's `@Get()` stores the route path on the function itself, and a wrapper without it
 * is no route (404). The wrapper gets the original's own Reflect metadata, and inherits
 * from the original, so `Reflect.getMetadata` and plain property reads also see whatever
 * is added to the original later.
 */
function keepMetadata(original: AnyFunction, wrapper: AnyFunction): void {
  try {
    Object.setPrototypeOf(wrapper, original)
    const reflect = Reflect as unknown as ReflectMetadata
    for (const key of reflect.getOwnMetadataKeys?.(original) ?? []) reflect.defineMetadata(key, reflect.getOwnMetadata(key, original), wrapper)
  } catch {
    // A Proxy that refuses, or a metadata polyfill that throws: the method still works, only unlabelled.
  }
}

function isAsyncFunction(fn: AnyFunction): boolean {
  try {
    return Object.prototype.toString.call(fn) === '[object AsyncFunction]'
  } catch {
    return false
  }
}
