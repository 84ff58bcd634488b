/*
 * The error path: one function that always throws, called from a driver that catches.
 * bench/errors/index.mjs builds it plain (a bare throw/catch) and woven by the plugin.
 */
import { ErrorMonitor } from 'errorweave'

export class Parser {
  @ErrorMonitor()
  static parsePort(input: string): number {
    const port = Number.parseInt(input, 10)
    if (!(port > 0 && port < 65536)) throw new RangeError('port out of range')
    return port
  }
}

/** Throws `n` times and returns how many were caught. */
export function throwMany(n: number): number {
  let caught = 0
  for (let i = 0; i < n; i++) {
    try {
      Parser.parsePort('70000')
    } catch {
      caught++
    }
  }
  return caught
}
