import { capture } from './capture.js'
import type { ModuleTable } from './table.js'

/**
 * Woven around `return <promise>` in async functions: a rejection of the returned
 * promise escapes the function without passing its catch block. Observing it with
 * a reaction keeps the value and its timing exactly as they were.
 */
export function watch<T>(value: T, table: ModuleTable | undefined, fn: number, statement: number): T {
  if (value instanceof Promise) value.then(undefined, (error: unknown) => capture(error, table, fn, statement))
  return value
}
