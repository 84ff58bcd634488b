/**
 * The collector lives in its own package, @errorweave/collector (SQLite and the dashboard
 * are no dependency of an app that only uses the runtime); this module is its old address.
 */
export { COLLECTOR_USAGE, describeReport, generateCertificate, startCollector, type Collector, type CollectorOptions } from '@errorweave/collector'
