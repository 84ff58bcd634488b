import { capture } from './capture.js'
import type { ModuleTable } from './table.js'

const then = Promise.prototype.then

/**
 * Woven around `return <promise>` in async functions: a rejection of the returned
 * promise escapes the function without passing its catch block. Observing it with
 * a reaction keeps the value and its timing exactly as they were. Only plain native
 * promises are observed: a subclass or thenable would see its own `then` called.
 */
export function watch<T>(value: T, table: ModuleTable | undefined, fn: number, statement: number): T {
  if (value instanceof Promise && Object.getPrototypeOf(value) === Promise.prototype) {
    then.call(value, undefined, (error: unknown) => capture(error, table, fn, statement))
  }
  return value
}
