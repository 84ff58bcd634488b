/** The universal runtime entry (browsers, workers, edge); Node takes node.ts, which adds to it. */
export { ErrorMonitor, NoErrorMonitor, type ErrorMonitorOptions } from './decorators.js'
export { Severity } from './severity.js'
export { configure, type ErrorMonitorConfig, type Transport } from './config.js'
export { flush, resetConfiguration, stats, type Stats } from './pipeline.js'
export type { SenderCounts } from './sender.js'
export { consoleTransport } from './console.js'
export type { Report, ChainEntry, Caller } from './report.js'
export type { CauseEntry } from './describe.js'
export type { FutureCallSite, ModuleTable } from './table.js'
/** Used by woven code only. */
export { capture } from './capture.js'
export { table } from './table.js'
export { watch, watchers } from './watch.js'
/** Used by trace builds (measurement only). */
export { traceEnter, traced, writeTrace } from './trace.js'
