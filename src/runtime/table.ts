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

export function table(json: string): ModuleTable {
  return deepFreeze(JSON.parse(json)) as ModuleTable
}

function deepFreeze(value: unknown): unknown {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

export interface FutureCallSite {
  call: string
  line: number
  column: number
  conditional: boolean
  resolved?: string
}

/** Statement `statement` (1-based; 0 = before the first) of function `fn`. */
export function locate(moduleTable: ModuleTable, fn: number, statement: number) {
  const row = moduleTable.functions[fn]
  const probe = statement > 0 ? row[7][statement - 1] : undefined
  return {
    className: row[0],
    method: row[1],
    line: probe ? probe[0] : row[2],
    column: probe ? probe[1] : row[3],
    severity: row[4],
    comment: row[5],
    prediction: row[6],
    futureCallSites: (depth: number): FutureCallSite[] =>
      (probe ? probe.slice(2, 2 + depth) : []).map((code) => {
        const [call, line, column, resolved] = moduleTable.calls[code >> 1]
        const site: FutureCallSite = { call, line, column, conditional: (code & 1) === 1 }
        if (resolved !== undefined) site.resolved = resolved
        return site
      }),
  }
}
