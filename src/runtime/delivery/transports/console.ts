import type { Transport } from '../../config/settings.js'

/** A transport that writes each report as one JSON line (default: console.log). */
export function consoleTransport(write: (line: string) => void = (line) => console.log(line)): Transport {
  return (report) => write(JSON.stringify(report))
}
