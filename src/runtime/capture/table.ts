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

export function table(json: string): ModuleTable {
  return deepFreeze(JSON.parse(json))
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
