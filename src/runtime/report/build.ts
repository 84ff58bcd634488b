import type { Captured, Crossing } from '../capture/queue.js'
import { settings } from '../config/settings.js'
import { causesOf, propertiesOf, stackOf, type Described } from './describe.js'
import { hooks } from '../platform/hooks.js'
import { parseStack, type StackFrame } from './stack.js'
import type { FutureCallSite } from '../capture/table.js'
import type { Caller, ChainEntry, Report } from './types.js'

/** Where an error was, from a woven function's table (or from a runtime decorator). */
interface Place extends Omit<ChainEntry, 'futureCalls'> {
  severity: string
  comment: string | null
  futureCallSites: FutureCallSite[]
}

const UNKNOWN_PLACE: Place = { class: null, method: '<unknown>', line: null, column: null, file: null, severity: 'ERROR', comment: null, futureCallSites: [] }

/** The full report of a captured error; runs after the failing call, never inside it. */
export function buildReport(captured: Captured, described: Described, identity: string): Report {
  const [innermost, ...outer] = captured.crossings
  const stack = stackOf(captured.error)
  // No woven site: an uncaught error, or a capture that asks to be placed by its stack (captureException, framework errors).
  const site = innermost ? place(innermost) : { ...UNKNOWN_PLACE, ...captured.unwoven, ...(!captured.unwoven?.method && placeOfTopFrame(stack)) }
  const chain = outer.map((crossing): ChainEntry => {
    const { severity, comment, futureCallSites, ...entry } = place(crossing)
    return { ...entry, futureCalls: futureCallSites.map((s) => s.call) }
  })
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
    mechanism: captured.mechanism,
    caller: callerOf(site, chain[0], stack, !innermost),
    chain,
    stack,
    cause: causesOf(captured.error),
    timestamp: new Date(captured.time).toISOString(),
    fingerprint: hash(identity),
    count: 1,
  }
  const properties = propertiesOf(captured.error)
  if (properties) report.properties = properties
  for (const key of ['service', 'environment', 'release'] as const) if (settings[key] !== undefined) report[key] = settings[key]
  return report
}

/** Statement `statement` (1-based; 0 = before the first) of woven function `fn`. */
function place({ table, fn, statement }: Crossing): Place {
  const row = table?.functions[fn]
  if (!row) return { ...UNKNOWN_PLACE }
  const [className, method, line, column, statements, severity = 'ERROR', comment = null, prediction = null] = row
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

/** Where an error no woven function saw was thrown: its stack's top frame, source-mapped in Node. */
function placeOfTopFrame(stack: string | null): Pick<Place, 'class' | 'method'> & Partial<Place> {
  const top = stack ? parseStack(stack)[0] : undefined
  if (!top) return { class: null, method: '<unknown>' }
  const frame = hooks.mapFrame ? hooks.mapFrame(top) : top
  const name = frame.function?.replace(/^(async|new) /, '') ?? '<anonymous>'
  const dot = name.lastIndexOf('.')
  return { class: dot > 0 ? name.slice(0, dot) : null, method: dot > 0 ? name.slice(dot + 1) : name, file: frame.file, line: frame.line, column: frame.column }
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
 * Identical errors share this text, and so their fingerprint (its hash): same type, same
 * message once numbers and ids are ignored, same woven location and chain (or the same
 * unwoven method). Aggregation compares the text itself; only a report that is built
 * pays for the hash, which matters in a storm.
 */
export function identityOf(captured: Captured, described: Described): string {
  const parts = [described.errorType, normalizeMessage(described.message)]
  for (const crossing of captured.crossings) {
    const table = crossing.table
    parts.push(table ? `${table.file}#${crossing.fn}:${crossing.statement}` : '?')
  }
  // No woven place: the decorator's method, else the top stack frame (read only here, never for woven captures).
  if (captured.crossings.length === 0) {
    const unwoven = captured.unwoven?.method ? captured.unwoven : placeOfTopFrame(stackOf(captured.error))
    parts.push(`${unwoven.class}.${unwoven.method}`)
  }
  return parts.join('\n')
}

function normalizeMessage(message: string): string {
  return message
    .slice(0, 1000)
    .replace(/\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '<id>')
    .replace(/\d+/g, '0')
}

/** FNV-1a, twice with different offsets: 16 hex digits, stable across platforms. */
export function hash(text: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 13)
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')
}
