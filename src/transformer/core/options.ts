import path from 'node:path'
import picomatch from 'picomatch'

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

/** Normalizes options; a bad value is reported once by key and replaced by its default. */
export function resolveOptions(options: ErrorWeaveOptions = {}, warn: (message: string) => void = console.warn): ResolvedOptions {
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

/** A bundler's module id without its query or hash (`/src/a.ts?v=3` -> `/src/a.ts`). */
export function pathOfModule(id: string): string {
  return id.replace(/[?#].*$/, '')
}

function matcher(pattern: FilterPattern, root: string): (file: string) => boolean {
  const patterns = (Array.isArray(pattern) ? pattern : [pattern]) as Array<string | RegExp>
  const tests = patterns.map((p) => {
    if (p instanceof RegExp) return (file: string) => p.test(file)
    const glob = picomatch(path.isAbsolute(p) ? p : path.posix.join(root.split(path.sep).join('/'), p), { dot: true })
    return (file: string) => glob(file.split(path.sep).join('/'))
  })
  return (file) => tests.some((test) => test(file))
}
