/** The universal runtime entry (browsers, workers, edge); Node takes node.ts, which adds to it. */
export { ErrorMonitor, NoErrorMonitor, type ErrorMonitorOptions } from './annotations/decorators.js'
export { Severity } from './annotations/severity.js'
export { type ErrorMonitorConfig, type Transport } from './config/settings.js'
export { flush, resetConfiguration, stats, type Stats } from './pipeline/pipeline.js'
export type { SenderCounts } from './delivery/types.js'
export { consoleTransport } from './delivery/transports/console.js'
export type { Report, ChainEntry, Caller, Category, Mechanism, RequestInfo, UserInfo } from './report/types.js'
export type { CauseEntry } from './report/describe.js'
export type { FutureCallSite, ModuleTable } from './capture/table.js'
/** The context API (DESIGN.md section 11). */
export { setUser, setTag, setContext, withContext, captureException, type ContextData, type CaptureData } from './context/api.js'
/** Used by woven code only. */
export { capture } from './capture/capture.js'
export { watch, watchers } from './capture/watch.js'
/** Used by trace builds (measurement only). */
export { traceEnter, traced, writeTrace } from './trace/trace.js'

import { configure as configureCore, type ErrorMonitorConfig } from './config/settings.js'
import { table as tableCore, type ModuleTable } from './capture/table.js'
import { watchPageErrors } from './platform/page-errors.js'

/** Every woven module calls it as it loads: the first call starts watching the page's uncaught errors. */
export function table(json: string): ModuleTable | undefined {
  watchPageErrors()
  return tableCore(json)
}

export function configure(config: ErrorMonitorConfig): void {
  watchPageErrors()
  configureCore(config)
}
