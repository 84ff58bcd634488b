export { ErrorMonitor, NoErrorMonitor, type ErrorMonitorOptions } from './decorators.js'
export { Severity } from './severity.js'
export { configure, resetConfiguration, type ErrorMonitorConfig, type Transport } from './config.js'
export { flush } from './deliver.js'
export type { Report, ChainEntry } from './report.js'
export type { FutureCallSite, ModuleTable } from './table.js'
/** Used by woven code only. */
export { capture } from './capture.js'
export { table } from './table.js'
