import { TABLE_FORMAT, calledName } from '../../runtime/capture/table-format.js'
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
 * The module's table as the JSON text both emitters embed in one string literal, in a
 * compact form that runtime/table.ts expands as the module loads (the full rows are the
 * ModuleTable it returns):
 *   [TABLE_FORMAT, file, calls, functions, depth]
 *   call:      [call, line, column, resolved?]
 *   function:  [class, method, line, column, statements, severity?, comment?, prediction?]
 *   statement: [line, column, ...futureCalls]
 * Lines count from the line before: a call's from the previous call's, a function's from
 * the previous function's, a statement's from the previous statement's (the first one's
 * from its function's). Options at their defaults ('ERROR', null, null) are left out at
 * the end. A future call is `site * 2 + (conditional ? 1 : 0)`; a negative last entry -r
 * stands for the future calls of the statement r further on, the whole list then cut at
 * `depth` entries (straight-line code shares most of its future). A resolved name that
 * ends with the call's own name (`Hono.#addRoute` for `this.#addRoute()`,
 * `./utils/url.js#mergePath` for `mergePath()`) keeps only what comes before it (see
 * calledName). Non-ASCII is escaped so that any printer writes the literal byte for byte alike.
 */
export function renderTable(ir: ModuleIR): string {
  const depth = ir.functions.reduce((most, fn) => fn.probes.reduce((deepest, probe) => Math.max(deepest, probe.futureCalls.length), most), 0)
  let callLine = 0
  const calls = ir.calls.map((site) => {
    const row: unknown[] = [site.call, site.line - callLine, site.column]
    callLine = site.line
    if (site.resolved) row.push(shortResolved(site.call, site.resolved))
    return row
  })
  let functionLine = 0
  const functions = ir.functions.map((fn) => {
    const row = functionRow(fn, fn.line - functionLine, depth)
    functionLine = fn.line
    return row
  })
  return JSON.stringify([TABLE_FORMAT, ir.file, calls, functions, depth]).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function shortResolved(call: string, resolved: string): string {
  const name = calledName(call)
  const prefix = name && resolved.endsWith(name) ? resolved.slice(0, -name.length) : ''
  return /[.#]$/.test(prefix) ? prefix : resolved
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
  // A loop, not flatMap: most functions watch no return, and flatMap made an array for each.
  const sites: WatchedSite[] = []
  for (const fn of ir.functions) {
    for (const returned of fn.watchedReturns) {
      let statement = fn.body.kind === 'expression' ? 1 : 0
      // Probes come parents first, so the last one around the return is the innermost.
      if (fn.body.kind === 'block') {
        fn.probes.forEach((probe, i) => {
          if (probe.pos <= returned.pos && returned.end <= probe.end) statement = i + 1
        })
      }
      sites.push({ fn: fn.index, statement, returned })
    }
  }
  return sites
}

/**
 * How a woven function keeps the number of the statement that runs (DESIGN section 4: one
 * local store per statement at most). `fixed`: the function has one statement at most and
 * no `finally`, so it needs no variable and its catch block names this number. Otherwise
 * `let s = 1` starts it at the first statement, which always runs first, and each later
 * statement writes `s++` when it follows a sibling of the same statement list with no
 * statement inside (`s` is then the sibling's number, whatever way that completed), else `s = n`.
 */
export interface StatementNumbers {
  fixed: number | null
  writes: Array<'declared' | 'step' | 'set'>
}

export function statementNumbers(code: string, fn: WovenFunction): StatementNumbers {
  const { probes } = fn
  if (fn.body.kind === 'expression') return { fixed: 1, writes: ['declared'] }
  if (probes.length <= 1 && fn.finallyBlocks.length === 0) return { fixed: probes.length, writes: probes.map(() => 'declared') }
  const depths = nestingDepths(probes)
  return {
    fixed: null,
    writes: probes.map((probe, i) => {
      if (i === 0) return 'declared'
      const previous = probes[i - 1]
      // Pre-order at the same depth: the previous probe holds no statement and has the same
      // parent; only semicolons between them (no `else`, `case`, `}`, `catch`) make them neighbours in one list.
      return depths[i] === depths[i - 1] && onlySemicolons(code, previous.end, probe.pos) ? 'step' : 'set'
    }),
  }
}

/** Whether `code` holds only semicolons in [from, to): read in place, this runs for every probe. */
function onlySemicolons(code: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (code.charCodeAt(i) !== 0x3b) return false
  return true
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

function functionRow(fn: WovenFunction, line: number, depth: number): unknown[] {
  let statementLine = fn.line
  const futures = fn.probes.map((probe) => probe.futureCalls.map((f) => f.site * 2 + (f.conditional ? 1 : 0)))
  const statements = fn.probes.map((probe, i) => {
    const row = [probe.line - statementLine, probe.column]
    statementLine = probe.line
    pushSharedFuture(row, futures, i, depth)
    return row
  })
  const { severity = 'ERROR', comment = null, enableFuturePrediction = null } = fn.options
  const options = enableFuturePrediction !== null ? [severity, comment, enableFuturePrediction] : comment !== null ? [severity, comment] : severity !== 'ERROR' ? [severity] : []
  return [fn.className, fn.method, line, fn.column, statements, ...options]
}

/** How far ahead a statement looks for one whose future calls end its own. */
const SHARE_WINDOW = 16

/**
 * Appends statement k's future calls to its row, ending where they can in a reference `-r`
 * to those of the statement r further on (see renderTable), when that makes the list shorter.
 */
function pushSharedFuture(row: number[], lists: number[][], k: number, depth: number): void {
  const codes = lists[k]
  for (let kept = 0; kept < codes.length - 1; kept++) {
    for (let later = k + 1; later < Math.min(lists.length, k + 1 + SHARE_WINDOW); later++) {
      if (continuesWith(codes, kept, lists[later], depth)) {
        for (let i = 0; i < kept; i++) row.push(codes[i])
        row.push(k - later)
        return
      }
    }
  }
  for (const code of codes) row.push(code)
}

/** Whether `codes` is its first `kept` entries followed by `tail`, cut at `depth` entries (compared in place: this runs for every statement pair in the window). */
function continuesWith(codes: number[], kept: number, tail: number[], depth: number): boolean {
  if (Math.min(kept + tail.length, depth) !== codes.length) return false
  for (let i = kept; i < codes.length; i++) if (tail[i - kept] !== codes[i]) return false
  return true
}

/**
 * How many ranges enclose each range. Ranges come in source order with parents
 * before children (the analysis visits them so), which a stack turns into one pass.
 */
export function nestingDepths(ranges: ReadonlyArray<{ start?: number; pos: number; end: number }>): number[] {
  const open: number[] = []
  return ranges.map((range) => {
    while (open.length > 0 && open[open.length - 1] <= range.pos) open.pop()
    open.push(range.end)
    return open.length - 1
  })
}
