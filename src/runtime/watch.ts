import { capture } from './capture.js'
import type { ModuleTable } from './table.js'

const then = Promise.prototype.then
type Process = { getBuiltinModule?: (id: string) => { types?: { isPromise(value: unknown): boolean } } | undefined }
/** Node's brand check reads no property and runs no Proxy trap; elsewhere the prototype is checked. */
const isPromise =
  (globalThis as { process?: Process }).process?.getBuiltinModule?.('node:util')?.types?.isPromise ??
  ((value: unknown) => value instanceof Promise)

/**
 * Woven around `return <promise>` in async functions: a rejection of the returned
 * promise escapes the function without passing its catch block. Observing it with
 * a reaction keeps the value and its timing exactly as they were. Only plain native
 * promises are observed: a subclass or thenable would see its own `then` called.
 */
export function watch<T>(value: T, table: ModuleTable | undefined, fn: number, statement: number): T {
  try {
    if (typeof value === 'object' && value !== null && isPromise(value) && Object.getPrototypeOf(value) === Promise.prototype) {
      then.call(value, undefined, (error: unknown) => capture(error, table, fn, statement))
    }
  } catch {
    // Whatever the value does when looked at is not ours to report or to pass on.
  }
  return value
}
