import { settings } from '../config/settings.js'
import { schedule } from '../pipeline/pipeline.js'
import { record, type UnwovenSite } from './queue.js'
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

