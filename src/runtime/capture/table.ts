import type { Severity } from '../annotations/severity.js'

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
 * lines counted from the line before become lines, and a statement's reference to a
 * later statement's future calls becomes those calls.
 */
export function table(json: string): ModuleTable {
  const [file, calls, functions, depth] = JSON.parse(json)
  let line = 0
  for (const call of calls) call[1] = line += call[1]
  line = 0
  for (const fn of functions) {
    let statementLine = (fn[2] = line += fn[2])
    const rows: number[][] = fn[4]
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
