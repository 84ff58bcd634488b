import { settings } from '../config/settings.js'
import { schedule } from '../pipeline/pipeline.js'
import { record, type UnwovenSite } from './queue.js'
import type { Mechanism } from '../report/types.js'
import type { ModuleTable } from './table.js'

/**
 * Called from every woven catch block. O(1): it records and schedules; building
 * and sending happen later, off the failing call. It never throws.
 */
export function capture(error: unknown, table: ModuleTable | undefined, fn: number, statement: number): void {
  if (!settings.enabled) return
  record(error, 'woven', { table, fn, statement })
  schedule()
}

export function captureUnwoven(error: unknown, site: UnwovenSite): void {
  if (!settings.enabled) return
  record(error, 'decorator', undefined, site)
  schedule()
}


/** An error no woven function saw that reached the global handlers; one a woven function reported is not reported again. */
export function captureUncaught(error: unknown, mechanism: Extract<Mechanism, 'uncaught' | 'unhandledrejection'>): void {
  if (!settings.enabled || !settings.globalHandlers) return
  record(error, mechanism)
  schedule()
}
