import type { Captured, Crossing } from './capture.js'
import { settings } from './config.js'
import { callerFrame } from './stack.js'
import { locate, type FutureCallSite } from './table.js'

export interface ChainEntry {
  class: string | null
  method: string
  line: number | null
  column: number | null
  file: string | null
  futureCalls: string[]
}

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
  caller: { function: string | null; file: string | null; line: number | null } | null
  chain: ChainEntry[]
  stack: string | null
  timestamp: string
  service?: string
  environment?: string
  release?: string
}

const MAX_STRING = 16 * 1024

/** Builds the report of a captured error. Runs after the failing call, never inside it. */
export function buildReport(captured: Captured): Report {
  const { message, errorType, stack } = describe(captured.error)
  const [innermost, ...outer] = captured.crossings
  const site = innermost ? place(innermost) : undefined
  const unwoven = captured.unwoven
  const className = site ? site.className : (unwoven?.className ?? null)
  const method = site ? site.method : (unwoven?.method ?? '<unknown>')
  const futureCallSites = site?.futureCallSites ?? []
  const chain = outer.map((crossing) => {
    const entry = place(crossing)
    return {
      class: entry.className,
      method: entry.method,
      line: entry.line,
      column: entry.column,
      file: entry.file,
      futureCalls: entry.futureCallSites.map((s) => s.call),
    }
  })
  const report: Report = {
    class: className,
    method,
    line: site ? site.line : null,
    message,
    severity: site ? site.severity : (unwoven?.severity ?? 'ERROR'),
    futureCalls: futureCallSites.map((s) => s.call),
    futureCallSites,
    column: site ? site.column : null,
    file: site ? site.file : null,
    comment: site ? site.comment : (unwoven?.comment ?? null),
    errorType,
    woven: !!site,
    caller: callerOf(chain[0], stack, className, method),
    chain,
    stack,
    timestamp: new Date(captured.time).toISOString(),
  }
  for (const key of ['service', 'environment', 'release'] as const) if (settings[key] !== undefined) report[key] = settings[key]
  return report
}

function place(crossing: Crossing) {
  const table = crossing.table
  if (!table) throw new Error('woven module table missing (module not yet initialized)')
  const located = locate(table, crossing.fn, crossing.statement)
  const predict = located.prediction ?? settings.futureCalls.enabled
  return { ...located, file: table.file, futureCallSites: predict ? located.futureCallSites(settings.futureCalls.maxDepth) : [] }
}

/** Exact from the table when the direct caller is woven, else from the stack. */
function callerOf(outer: ChainEntry | undefined, stack: string | null, className: string | null, method: string): Report['caller'] {
  if (outer) return { function: outer.class ? `${outer.class}.${outer.method}` : outer.method, file: outer.file, line: outer.line }
  const frame = stack ? callerFrame(stack, className, method) : undefined
  return frame ? { function: frame.function, file: frame.file, line: frame.line } : null
}

/** Message, type and stack of any thrown value, without trusting it. */
export function describe(error: unknown): { message: string; errorType: string; stack: string | null } {
  try {
    if (error === null || error === undefined || (typeof error !== 'object' && typeof error !== 'function')) {
      return { message: cap(String(error)), errorType: error === null ? 'null' : typeof error, stack: null }
    }
    const name = read(error, 'name')
    const message = read(error, 'message')
    const stack = read(error, 'stack')
    const errorType = typeof name === 'string' && name ? name : constructorName(error)
    const text = typeof message === 'string' ? (message ? `${errorType}: ${message}` : errorType) : safeString(error)
    return { message: cap(text), errorType, stack: typeof stack === 'string' ? cap(stack) : null }
  } catch {
    return { message: '[unreadable thrown value]', errorType: 'unknown', stack: null }
  }
}

function read(target: object, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key]
  } catch {
    return undefined
  }
}

function constructorName(value: object): string {
  const constructor = read(value, 'constructor')
  const name = typeof constructor === 'function' ? read(constructor, 'name') : undefined
  return typeof name === 'string' && name ? name : 'Object'
}

function safeString(value: object): string {
  try {
    return String(value)
  } catch {
    return `[${constructorName(value)}]`
  }
}

function cap(text: string): string {
  return text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}...[truncated]` : text
}
