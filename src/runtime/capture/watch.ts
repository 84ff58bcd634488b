import { capture } from './capture.js'
import type { ModuleTable } from './table.js'
import { hooks } from '../platform/hooks.js'

const then = Promise.prototype.then
const promisePrototype = Promise.prototype
const prototypeOf = Object.getPrototypeOf
/** Node's brand check (hooks.isPromise, set by the Node entry) reads no property and runs no Proxy trap; elsewhere the prototype is checked. */
const isPromise = (value: object): boolean => (hooks.isPromise ? hooks.isPromise(value) : value instanceof Promise)

/** What a watched return's rejection calls: made once per return site, not per call. */
export type RejectionHandler = (error: unknown) => void

/**
 * The handlers of a module's watched returns, one per `[fn, statement]` site, made
 * as the module loads (woven code keeps them in one module variable).
 */
export function watchers(table: ModuleTable | undefined, sites: ReadonlyArray<readonly [fn: number, statement: number]>): RejectionHandler[] {
  return sites.map(([fn, statement]) => (error: unknown) => {
    capture(error, table, fn, statement)
  })
}

/**
 * A woven function called before its module's header ran (an import cycle) finds no
 * handlers yet: like capture() without a table, the report then has no place.
 */
const unplaced: RejectionHandler = (error) => {
  capture(error, undefined, -1, 0)
}

/**
 * Settles our reaction's own promise with undefined. Passing the value on instead
 * (no fulfilment handler) would read the resolved value's `then` a second time.
 */
const ignore = (): void => {}

/**
 * Woven around `return <promise>` in async functions: a rejection of the returned
 * promise escapes the function without passing its catch block. Observing it with
 * a reaction keeps the value and its timing exactly as they were. Only plain native
 * promises are observed: a subclass or thenable would see its own `then` called.
 * Neither handler returns a value or throws, so our reaction's promise never rejects.
 */
export function watch<T>(value: T, handlers: readonly RejectionHandler[] | undefined, site: number): T {
  if (typeof value !== 'object' || value === null) return value
  try {
    if (isPromise(value) && prototypeOf(value) === promisePrototype) then.call(value, ignore, handlers === undefined ? unplaced : handlers[site])
  } catch {
    // Whatever the value does when looked at is not ours to report or to pass on.
  }
  return value
}
