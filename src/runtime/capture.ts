import { settings } from './config.js'
import { deliver } from './deliver.js'
import type { ModuleTable } from './table.js'

/** One woven function the error crossed: its table, index and running statement. */
export interface Crossing {
  table: ModuleTable | undefined
  fn: number
  statement: number
}

/** What the runtime decorators (no plugin) know about a method. */
export interface UnwovenSite {
  className: string | null
  method: string
  severity: string
  comment: string | null
}

export interface Captured {
  error: unknown
  time: number
  /** Innermost first. */
  crossings: Crossing[]
  unwoven?: UnwovenSite
  done: boolean
}

const MAX_PENDING = 1000
const MAX_CHAIN = 32

const pending: Captured[] = []
const byObject = new WeakMap<object, Captured>()
const byPrimitive = new Map<unknown, Captured>()
let scheduled = false
export const counters = { dropped: 0, internalErrors: 0 }

/**
 * Called from every woven catch block. O(1): it records and schedules; building
 * and sending happen later, off the failing call. It never throws.
 */
export function capture(error: unknown, table: ModuleTable | undefined, fn: number, statement: number): void {
  record(error, { table, fn, statement }, undefined)
}

export function captureUnwoven(error: unknown, site: UnwovenSite): void {
  record(error, undefined, site)
}

function record(error: unknown, crossing: Crossing | undefined, unwoven: UnwovenSite | undefined): void {
  try {
    if (!settings.enabled) return
    const isObject = (typeof error === 'object' && error !== null) || typeof error === 'function'
    const known = isObject ? byObject.get(error as object) : byPrimitive.get(error)
    if (known && !(known.done && isSameFunction(known.crossings[0], crossing))) {
      // The same error leaving an outer woven function: one report, one more chain entry.
      if (!known.done && crossing && known.crossings.length < MAX_CHAIN) known.crossings.push(crossing)
      return
    }
    const captured: Captured = { error, time: Date.now(), crossings: crossing ? [crossing] : [], unwoven, done: false }
    if (isObject) byObject.set(error as object, captured)
    else byPrimitive.set(error, captured)
    if (pending.length >= MAX_PENDING) {
      pending.shift()!.done = true
      counters.dropped++
    }
    pending.push(captured)
    if (!scheduled) {
      scheduled = true
      setTimeout(drain, 0)
    }
  } catch {
    counters.internalErrors++
  }
}

/** A reported error object thrown again from where it first failed is a new error. */
function isSameFunction(a: Crossing | undefined, b: Crossing | undefined): boolean {
  return !!a && !!b && a.table === b.table && a.fn === b.fn
}

/** Hands every pending capture to delivery; called by the timer and by flush(). */
export function drain(): void {
  scheduled = false
  byPrimitive.clear()
  for (const captured of pending.splice(0)) {
    captured.done = true
    deliver(captured)
  }
}
