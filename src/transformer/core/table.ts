import type { ModuleIR, Range, WovenFunction } from './ir.js'

/** Names the woven code uses; chosen not to collide with user code. */
export const RUNTIME = {
  module: 'errorweave',
  namespace: '__ew',
  table: '__ew_T',
  statement: '__ew_s',
  error: '__ew_e',
  traceMeta: '__ew_M',
  traceLog: '__ew_t',
  savedStatement: '__ew_f',
  watchers: '__ew_W',
} as const

/** Trace log entries besides statement numbers (negative) and call sites (>= 0). */
export const TRACE_MARK = { escaped: -2_000_000, caughtBase: -1_000_000 } as const

/**
 * The module's table as the JSON text both emitters embed in one string literal.
 * Layout (read by runtime/table.ts):
 *   { file, calls: [[call, line, column, resolved?]],
 *     functions: [[class, method, line, column, severity, comment, prediction,
 *                  [[line, column, ...futureCalls]] ]] }
 * where each future call is `site * 2 + (conditional ? 1 : 0)`.
 * Non-ASCII is escaped so that any printer writes the literal byte for byte alike.
 */
export function renderTable(ir: ModuleIR): string {
  const table = {
    file: ir.file,
    calls: ir.calls.map((site) => (site.resolved ? [site.call, site.line, site.column, site.resolved] : [site.call, site.line, site.column])),
    functions: ir.functions.map(functionRow),
  }
  return JSON.stringify(table).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** A watched return (see WovenFunction.watchedReturns): its function, statement and expression. */
export interface WatchedSite {
  fn: number
  statement: number
  returned: Range
}

/**
 * Every watched return of the module, in the order of the functions and their returns:
 * a site's index here is its index in the handlers the runtime makes as the module loads
 * (`[fn, statement]` each), and both emitters number the watch calls from this list.
 * A return's statement is the innermost probe around it (an expression body is
 * statement 1): nothing inside a return expression moves the function's probe.
 */
export function watchedSites(ir: ModuleIR): WatchedSite[] {
  return ir.functions.flatMap((fn) =>
    fn.watchedReturns.map((returned) => {
      if (fn.body.kind === 'expression') return { fn: fn.index, statement: 1, returned }
      // Probes come parents first, so the last one around the return is the innermost.
      let statement = 0
      fn.probes.forEach((probe, i) => {
        if (probe.pos <= returned.pos && returned.end <= probe.end) statement = i + 1
      })
      return { fn: fn.index, statement, returned }
    }),
  )
}

/** Trace builds: what `errorweave accuracy` needs beside the table. */
export function renderTraceMeta(ir: ModuleIR): string {
  const owners = ir.calls.map(() => -1)
  const functions = ir.functions.map((fn) => {
    for (const call of fn.trace?.calls ?? []) owners[call.site] = call.owner
    return { parents: fn.trace?.parents ?? [], contexts: fn.trace?.contexts ?? [] }
  })
  return JSON.stringify({ owners, functions })
}

function functionRow(fn: WovenFunction): unknown[] {
  const { severity = 'ERROR', comment = null, enableFuturePrediction = null } = fn.options
  return [
    fn.className,
    fn.method,
    fn.line,
    fn.column,
    severity,
    comment,
    enableFuturePrediction,
    fn.probes.map((probe) => [probe.line, probe.column, ...probe.futureCalls.map((f) => f.site * 2 + (f.conditional ? 1 : 0))]),
  ]
}
