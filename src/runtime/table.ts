import type { Severity } from './severity.js'

/**
 * A module's woven-function table, as the build wrote it (see transformer/core/table.ts).
 * Parsed once at module load and frozen; only the error path reads it.
 */
export interface ModuleTable {
  readonly file: string
  readonly calls: ReadonlyArray<readonly [call: string, line: number, column: number, resolved?: string]>
  readonly functions: ReadonlyArray<FunctionRow>
}

/** `statements[i]` = [line, column, ...future-call codes] of statement i + 1; a code is call index * 2 + (conditional ? 1 : 0). */
export type FunctionRow = readonly [
  className: string | null,
  method: string,
  line: number,
  column: number,
  severity: Severity,
  comment: string | null,
  prediction: boolean | null,
  statements: ReadonlyArray<readonly number[]>,
]

export interface FutureCallSite {
  call: string
  line: number
  column: number
  conditional: boolean
  resolved?: string
}

/** The compact table the build wrote (see transformer/core/table.ts renderTable), expanded into full rows. */
export function table(json: string): ModuleTable {
  const [file, calls, functions, depth] = JSON.parse(json)
  let callLine = 0
  let functionLine = 0
  return deepFreeze({
    file,
    calls: calls.map(([call, line, ...rest]: [string, number]) => [call, (callLine += line), ...rest]),
    functions: functions.map(([className, method, line, column, rows, severity = 'ERROR', comment = null, prediction = null]: CompactFunction) => {
      const futures: number[][] = []
      for (let k = rows.length; k--; ) {
        const codes = rows[k].slice(2)
        const shared = codes[codes.length - 1]
        futures[k] = shared < 0 ? [...codes.slice(0, -1), ...futures[k - shared]].slice(0, depth) : codes
      }
      let statementLine = (functionLine += line)
      const statements = rows.map(([lines, statementColumn], k) => [(statementLine += lines), statementColumn, ...futures[k]])
      return [className, method, functionLine, column, severity, comment, prediction, statements]
    }),
  })
}

type CompactFunction = [string | null, string, number, number, number[][], Severity?, (string | null)?, (boolean | null)?]

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
