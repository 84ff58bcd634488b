import { createRequire } from 'node:module'
import path from 'node:path'
import type Picomatch from 'picomatch'

export type FilterPattern = string | RegExp | ReadonlyArray<string | RegExp>

/** Build options: the same names in every entry. */
export interface ErrorWeaveOptions {
  /** Files to weave. Default: TypeScript and JavaScript files. */
  include?: FilterPattern
  /** Files never woven. Default: anything under node_modules. */
  exclude?: FilterPattern
  /** Weave every function of included files, as if annotated. Default false. */
  monitorAll?: boolean
  futureCalls?: { enabled?: boolean; maxDepth?: number }
  /** `file` in reports is relative to it. Default: the working directory. */
  root?: string
  /** Measurement only: record what really runs, for `errorweave accuracy`. Default false. */
  trace?: boolean
  /** Bundler entries: keep woven files under node_modules/.cache/errorweave for the next build. Default true. */
  cache?: boolean
}

export interface ResolvedOptions {
  monitorAll: boolean
  futureCalls: { enabled: boolean; maxDepth: number }
  root: string
  trace: boolean
  cache: boolean
  accepts: (file: string) => boolean
}

const DEFAULT_INCLUDE = /\.[cm]?[jt]sx?$/
const DEFAULT_EXCLUDE = /[\\/]node_modules[\\/]/

const OPTION_NAMES = ['include', 'exclude', 'monitorAll', 'futureCalls', 'root', 'trace', 'cache']
const FUTURE_CALLS_OPTION_NAMES = ['enabled', 'maxDepth']

/**
 * Normalizes options; a bad value is reported once by key and replaced by its default,
 * an unknown key once with the closest valid name. `hostKeys` are the host's own keys
 * sharing the object (ts-patch's `transform`, `after`, ...).
 */
export function resolveOptions(
  options: ErrorWeaveOptions = {},
  warn: (message: string) => void = console.warn,
  hostKeys: readonly string[] = [],
): ResolvedOptions {
  warnUnknownKeys(options, [...OPTION_NAMES, ...hostKeys], '', warn)
  if (options.futureCalls && typeof options.futureCalls === 'object') warnUnknownKeys(options.futureCalls, FUTURE_CALLS_OPTION_NAMES, 'futureCalls.', warn)
  const flag = (key: string, value: unknown, fallback: boolean) => {
    if (value === undefined) return fallback
    if (typeof value === 'boolean') return value
    warn(`errorweave: option '${key}' must be true or false; using ${fallback}`)
    return fallback
  }
  let maxDepth = options.futureCalls?.maxDepth ?? 5
  if (!Number.isInteger(maxDepth) || maxDepth < 0) {
    warn(`errorweave: option 'futureCalls.maxDepth' must be a whole number >= 0; using 5`)
    maxDepth = 5
  }
  const root = path.resolve(options.root ?? process.cwd())
  const include = matcher(options.include ?? DEFAULT_INCLUDE, root)
  const exclude = matcher(options.exclude ?? DEFAULT_EXCLUDE, root)
  return {
    monitorAll: flag('monitorAll', options.monitorAll, false),
    futureCalls: { enabled: flag('futureCalls.enabled', options.futureCalls?.enabled, true), maxDepth },
    root,
    trace: flag('trace', options.trace, false),
    cache: flag('cache', options.cache, true),
    accepts: (file) => {
      const clean = pathOfModule(file)
      return !clean.startsWith('\0') && include(clean) && !exclude(clean)
    },
  }
}

function warnUnknownKeys(options: object, known: readonly string[], prefix: string, warn: (message: string) => void): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue
    const closest = closestName(key, known)
    const hint = closest ? `did you mean '${prefix}${closest}'?` : `valid options: ${known.map((name) => prefix + name).join(', ')}`
    warn(`errorweave: unknown option '${prefix}${key}' is ignored; ${hint}`)
  }
}

/** The known name a typo most likely meant: same letters in another case, or at most a third of them edited. */
export function closestName(key: string, known: readonly string[]): string | undefined {
  const scored = known.map((name) => ({ name, distance: editDistance(key.toLowerCase(), name.toLowerCase()) }))
  const best = scored.reduce((a, b) => (b.distance < a.distance ? b : a))
  return best.distance <= Math.max(1, Math.floor(best.name.length / 3)) ? best.name : undefined
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}

/** A bundler's module id without its query or hash (`/src/a.ts?v=3` -> `/src/a.ts`). */
export function pathOfModule(id: string): string {
  return id.replace(/[?#].*$/, '')
}

/** Loaded for the first glob only: the default patterns are regular expressions, and picomatch takes ~6 ms to load. */
let picomatch: typeof Picomatch | undefined

function matcher(pattern: FilterPattern, root: string): (file: string) => boolean {
  const patterns = (Array.isArray(pattern) ? pattern : [pattern]) as Array<string | RegExp>
  const tests = patterns.map((p) => {
    if (p instanceof RegExp) return (file: string) => p.test(file)
    picomatch ??= createRequire(import.meta.url)('picomatch') as typeof Picomatch
    const glob = picomatch(path.isAbsolute(p) ? p : path.posix.join(root.split(path.sep).join('/'), p), { dot: true })
    return (file: string) => glob(file.split(path.sep).join('/'))
  })
  return (file) => tests.some((test) => test(file))
}
