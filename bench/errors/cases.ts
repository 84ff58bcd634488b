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

  @ErrorMonitor()
  static parseName(input: string): string {
    if (!/^[a-z]+$/.test(input)) throw new TypeError(`unexpected name ${input}`)
    return input
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

/** Letters only (digits would be ignored by the fingerprint): a distinct name for every `i`. */
function nameOf(i: number): string {
  let name = ''
  for (let rest = i; name.length < 4 || rest > 0; rest = Math.floor(rest / 26)) name += String.fromCharCode(97 + (rest % 26))
  return name
}

/** Throws `n` distinct errors, `first` on, and returns how many were caught. */
export function throwDistinct(first: number, n: number): number {
  let caught = 0
  for (let i = first; i < first + n; i++) {
    try {
      Parser.parseName(`${nameOf(i)}!`)
    } catch {
      caught++
    }
  }
  return caught
}
