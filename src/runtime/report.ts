import type { Captured, Crossing } from './capture.js'
import { settings } from './config.js'
import { causesOf, stackOf, type CauseEntry, type Described } from './describe.js'
import { hooks } from './hooks.js'
import { parseStack, type StackFrame } from './stack.js'
import type { FutureCallSite } from './table.js'

export interface ChainEntry {
  class: string | null
  method: string
  line: number | null
  column: number | null
  file: string | null
  futureCalls: string[]
}

export interface Caller {
  function: string | null
  file: string | null
  line: number | null
}

/** One report, as POSTed (DESIGN.md section 7). The first six keys are the seed's format. */
export interface Report {
  class: string | null
  method: string
  line: number | null
  message: string
  severity: string
  futureCalls: string[]
  futureCallSites: FutureCallSite[]
  column: number | null
  file: string | null
  comment: string | null
  errorType: string
  woven: boolean
  caller: Caller | null
  chain: ChainEntry[]
  stack: string | null
  cause: CauseEntry[]
  timestamp: string
  /** Equal for identical errors: type, message (numbers and ids ignored) and woven location. */
  fingerprint: string
  /** How many occurrences this report stands for. */
  count: number
  service?: string
  environment?: string
  release?: string
  /** Reports lost before this one (full queues, failed deliveries), when any were. */
  dropped?: number
}

/** Where an error was, from a woven function's table (or from a runtime decorator). */
interface Place extends Omit<ChainEntry, 'futureCalls'> {
  severity: string
  comment: string | null
  futureCallSites: FutureCallSite[]
}

const UNKNOWN_PLACE: Place = { class: null, method: '<unknown>', line: null, column: null, file: null, severity: 'ERROR', comment: null, futureCallSites: [] }

/** The full report of a captured error; runs after the failing call, never inside it. */
export function buildReport(captured: Captured, described: Described, fingerprint: string): Report {
  const [innermost, ...outer] = captured.crossings
  const site = innermost ? place(innermost) : { ...UNKNOWN_PLACE, ...captured.unwoven }
  const chain = outer.map((crossing): ChainEntry => {
    const { severity, comment, futureCallSites, ...entry } = place(crossing)
    return { ...entry, futureCalls: futureCallSites.map((s) => s.call) }
  })
  const stack = stackOf(captured.error)
  const report: Report = {
    class: site.class,
    method: site.method,
    line: site.line,
    message: described.message,
    severity: site.severity,
    futureCalls: site.futureCallSites.map((s) => s.call),
    futureCallSites: site.futureCallSites,
    column: site.column,
    file: site.file,
    comment: site.comment,
    errorType: described.errorType,
    woven: !!innermost,
    caller: callerOf(site, chain[0], stack, !innermost),
    chain,
    stack,
    cause: causesOf(captured.error),
    timestamp: new Date(captured.time).toISOString(),
    fingerprint,
    count: 1,
  }
  for (const key of ['service', 'environment', 'release'] as const) if (settings[key] !== undefined) report[key] = settings[key]
  return report
}

/** Statement `statement` (1-based; 0 = before the first) of woven function `fn`. */
function place({ table, fn, statement }: Crossing): Place {
  if (!table) return { ...UNKNOWN_PLACE }
  const [className, method, line, column, statements, severity = 'ERROR', comment = null, prediction = null] = table.functions[fn]
  const probe = statements[statement - 1]
  const depth = (prediction ?? settings.futureCallsEnabled) ? settings.futureCallsMaxDepth : 0
  return {
    class: className,
    method,
    line: probe ? probe[0] : line,
    column: probe ? probe[1] : column,
    file: table.file,
    severity,
    comment,
    futureCallSites: (probe ?? []).slice(2, 2 + depth).map((code) => {
      const [call, line, column, resolved] = table.calls[code >> 1]
      const site: FutureCallSite = { call, line, column, conditional: (code & 1) === 1 }
      if (resolved !== undefined) site.resolved = resolved
      return site
    }),
  }
}

/**
 * The direct caller: exact from the table when it is the next woven function out,
 * else the stack frame below the failing function (source-mapped in Node when a map exists).
 */
function callerOf(site: Place, outer: ChainEntry | undefined, stack: string | null, wrapped: boolean): Caller | null {
  const frames = stack ? parseStack(stack) : []
  let below = frames.findIndex((frame) => isFrameOf(frame, site.class, site.method)) + 1
  // A runtime decorator's wrapper carries the method's name: its frame is not the caller.
  while (wrapped && below > 0 && below < frames.length && isFrameOf(frames[below], site.class, site.method)) below++
  const direct = below > 0 ? frames[below] : undefined
  if (outer && (!direct || isFrameOf(direct, outer.class, outer.method))) {
    return { function: outer.class ? `${outer.class}.${outer.method}` : outer.method, file: outer.file, line: outer.line }
  }
  if (!direct) return null
  const mapped = hooks.mapFrame ? hooks.mapFrame(direct) : direct
  return { function: mapped.function, file: mapped.file, line: mapped.line }
}

function isFrameOf(frame: StackFrame, className: string | null, method: string): boolean {
  const name = frame.function
  if (!name) return false
  if (method === 'constructor') return name === `new ${className}`
  const bare = method.replace(/^(get|set) /, '').replace(/^#/, '')
  return name === bare || name === `${className}.${bare}` || name.endsWith(`.${bare}`) || name.endsWith(` ${bare}`)
}

/**
 * Identical errors share a fingerprint: same type, same message once numbers and ids
 * are ignored, same woven location and chain (or the same unwoven method).
 */
export function fingerprintOf(captured: Captured, described: Described): string {
  const parts = [described.errorType, normalizeMessage(described.message)]
  for (const crossing of captured.crossings) {
    const table = crossing.table
    parts.push(table ? `${table.file}#${crossing.fn}:${crossing.statement}` : '?')
  }
  if (captured.unwoven) parts.push(`${captured.unwoven.class}.${captured.unwoven.method}`)
  return hash(parts.join('\n'))
}

function normalizeMessage(message: string): string {
  return message
    .slice(0, 1000)
    .replace(/\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '<id>')
    .replace(/\d+/g, '0')
}

/** FNV-1a, twice with different offsets: 16 hex digits, stable across platforms. */
function hash(text: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 13)
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')
}
