import type { Severity } from '../annotations/severity.js'
import { warnOnce } from '../platform/warn.js'
import { TABLE_FORMAT, calledName } from './table-format.js'

/**
 * A module's woven-function table, as the build wrote it (see transformer/core/table.ts).
 * Parsed once at module load and frozen; only the error path reads it.
 */
export interface ModuleTable {
  readonly file: string
  readonly calls: ReadonlyArray<readonly [call: string, line: number, column: number, resolved?: string]>
  readonly functions: ReadonlyArray<FunctionRow>
}

/**
 * `statements[i]` = [line, column, ...future-call codes] of statement i + 1; a code is
 * call index * 2 + (conditional ? 1 : 0). Options at their defaults ('ERROR', null, null)
 * are absent from the end of the row.
 */
export type FunctionRow = readonly [
  className: string | null,
  method: string,
  line: number,
  column: number,
  statements: ReadonlyArray<readonly number[]>,
  severity?: Severity,
  comment?: string | null,
  prediction?: boolean | null,
]

export interface FutureCallSite {
  call: string
  line: number
  column: number
  conditional: boolean
  resolved?: string
}

/**
 * The build's compact table (transformer/core/table.ts renderTable) made whole in place:
 * lines counted from the line before become lines, a resolved name cut before the call's
 * own name gets it back, and a statement's reference to a later statement's future calls
 * becomes those calls. A table this runtime cannot read (woven by another errorweave
 * version, or damaged) must not fail the module that loads it: its errors are reported
 * without their place, and one warning says why.
 */
export function table(json: string): ModuleTable | undefined {
  try {
    const [format, file, calls, functions, depth] = JSON.parse(json)
    if (format === TABLE_FORMAT) return expand(file, calls, functions, depth)
  } catch {
    // Damaged: told and degraded like a table of another format.
  }
  warnOnce('a module woven by another errorweave version reports its errors without their place: rebuild it')
  return undefined
}

function expand(file: string, calls: Array<[string, number, number, string?]>, functions: Array<[string | null, string, number, number, number[][]]>, depth: number): ModuleTable {
  let line = 0
  for (const call of calls) {
    call[1] = line += call[1]
    const resolved = call[3]
    if (resolved && /[.#]$/.test(resolved)) call[3] = resolved + calledName(call[0])
  }
  line = 0
  for (const fn of functions) {
    let statementLine = (fn[2] = line += fn[2])
    const rows = fn[4]
    for (let k = rows.length; k--; ) {
      const row = rows[k]
      const later = row[row.length - 1]
      const kept = row.length - 3
      if (later < 0) row.splice(-1, 1, ...rows[k - later].slice(2, 2 + depth - kept))
    }
    for (const row of rows) row[0] = statementLine += row[0]
  }
  return deepFreeze({ file, calls, functions })
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
