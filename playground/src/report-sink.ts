import type { Transport } from 'errorweave'

/**
 * Where the shop's reports go: one JSON line each on stdout, after this mark, for
 * playground/run-demo.mjs to read and print (the same mark is in run-demo.mjs).
 * A real service would set `serverUrl` instead; this transport is the one part to swap.
 */
export const REPORT_MARK = '@@errorweave-report '

export const reportSink: Transport = (report) => {
  process.stdout.write(`${REPORT_MARK}${JSON.stringify(report)}\n`)
}
