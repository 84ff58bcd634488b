import type { Mechanism } from '../report/types.js'
import type { ModuleTable } from './table.js'
import { counters, isBusy, untold } from './counters.js'
import { hooks } from '../platform/hooks.js'

/** One woven function the error crossed: its table, index and running statement. */
export interface Crossing {
  table: ModuleTable | undefined
  fn: number
  statement: number
}

/** What the runtime decorators (no plugin) know about a method. */
export interface UnwovenSite {
  class: string | null
  method: string
  severity: string
  comment: string | null
}

export interface Captured {
  error: unknown
  time: number
  mechanism: Mechanism
  /** Innermost first. */
  crossings: Crossing[]
  unwoven?: UnwovenSite
  /** The context scope current at capture (a reference; read when the report is built). */
  scope?: unknown
  /** The active OpenTelemetry span's ids at capture (errorweave/otel). */
  trace?: { traceId: string; spanId: string }
}

/** Captures waiting for the next macrotask, oldest at `head`. When full, the oldest is dropped and counted. */
const CAPACITY = 1000
const ring: Array<Captured | undefined> = new Array(CAPACITY).fill(undefined)
let head = 0
let size = 0
/**
 * The last LOOK_BACK pending captures and their thrown values, side by side, to find
 * the same value again (an error leaving an outer woven function): propagation is
 * immediate in sync code, and async code rarely fails this many other times before
 * a rejection reaches the outer function. A value sits in at most one slot (a new
 * occurrence of it empties its older one), so `indexOf` finds the newest capture of
 * it: V8 searches a flat array of objects with vector compares, 3x faster than a loop
 * over it and far cheaper on the error path than hashing values into a Map.
 */
const LOOK_BACK = 64
/** Marks a slot with no value: `undefined` is a value that can be thrown. */
const EMPTY = Symbol('empty')
const recentValues: unknown[] = new Array(LOOK_BACK).fill(EMPTY)
const recentCaptures: Array<Captured | undefined> = new Array(LOOK_BACK).fill(undefined)
let recentNext = 0
const MAX_CHAIN = 32
/** NaN is not === to itself: it is remembered as a marker of its own. */
const NAN = Symbol('NaN')
const recentKey = (error: unknown): unknown => (error !== error ? NAN : error)
/** Thrown objects already reported, weakly held: the global handlers never report one a second time. */
const reported = new WeakSet<object>()

/** Called as a capture is accepted for a report (not for one a storm drops unbuilt). */
export function markReported(error: unknown): void {
  if (Object(error) === error) reported.add(error as object)
}
/** Keeps one occurrence (or adds a chain entry to a pending one); the pipeline's drain takes it later. */
export function record(error: unknown, mechanism: Mechanism, crossing?: Crossing, unwoven?: UnwovenSite, scope?: unknown): void {
  try {
    if (isBusy()) {
      // An error raised by code the runtime itself called: never reported through itself.
      counters.ignored++
      return
    }
    const key = recentKey(error)
    const slot = recentValues.indexOf(key)
    const known = slot < 0 ? undefined : recentCaptures[slot]
    // Still pending (the crash follows the woven rethrow at once) or reported already.
    if ((mechanism === 'uncaught' || mechanism === 'unhandledrejection') && (known || reported.has(error as object))) return
    if (known && !isNewOccurrence(known, crossing)) {
      // The same error leaving an outer woven function: one report, one more chain entry.
      if (crossing && known.crossings.length > 0 && known.crossings.length < MAX_CHAIN) known.crossings.push(crossing)
      return
    }
    counters.captured++
    if (size === CAPACITY) {
      take()
      counters.dropped++
      untold.lost++
    }
    const captured: Captured = { error, time: Date.now(), mechanism, crossings: crossing ? [crossing] : [], unwoven, scope: hooks.context?.capture(error, scope), trace: activeTrace() }
    ring[(head + size++) % CAPACITY] = recentCaptures[recentNext] = captured
    if (slot >= 0) recentValues[slot] = EMPTY
    recentValues[recentNext] = key
    recentNext = (recentNext + 1) % LOOK_BACK
    hooks.recordOnSpan?.(error)
  } catch {
    counters.internalErrors++
  }
}

/**
 * A pending value seen again is a new occurrence when it leaves the same statement
 * again (a shared error object or a thrown string, rethrown in a loop). Leaving
 * another woven function is propagation (recursion included).
 */
function isNewOccurrence(known: Captured, crossing: Crossing | undefined): boolean {
  const innermost = known.crossings[0]
  return !!crossing && !!innermost && innermost.table === crossing.table && innermost.fn === crossing.fn && innermost.statement === crossing.statement
}

function activeTrace(): Captured['trace'] {
  try {
    return hooks.activeTrace?.()
  } catch {
    counters.internalErrors++
    return undefined
  }
}

function take(): Captured {
  const oldest = ring[head]!
  ring[head] = undefined
  head = (head + 1) % CAPACITY
  size--
  return oldest
}

/** Hands every pending capture to `consume`, oldest first; a value seen again after this is a new occurrence. */
export function drainInto(consume: (captured: Captured) => void): void {
  recentValues.fill(EMPTY)
  recentCaptures.fill(undefined)
  recentNext = 0
  while (size > 0) consume(take())
}

export function hasPendingCaptures(): boolean {
  return size > 0
}
