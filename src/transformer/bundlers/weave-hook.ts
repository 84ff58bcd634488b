import type { SourceMap } from 'magic-string'
import { resolveOptions, type ErrorWeaveOptions } from '../core/options.js'
import { bundlerWeaver } from '../text/weave-cache.js'

export type { ErrorWeaveOptions }

/** What every bundler's transform context offers: a warning, or an error that fails the build. */
export interface HookContext {
  warn(message: string): void
  error(message: string): void
}

export type HookResult = { code: string; map: SourceMap | null } | null

/** The one core of every bundler entry; each adapter only maps its bundler's hooks onto it. */
export function weaveHook(rawOptions: ErrorWeaveOptions | undefined) {
  const options = resolveOptions(rawOptions)
  const weaver = bundlerWeaver(options)
  return {
    accepts: options.accepts,
    /** Bundlers with native filters (Rolldown, Vite, Rollup 4.38+) then never hand us a file without the word. */
    filter: options.monitorAll ? undefined : { code: 'ErrorMonitor' },
    /** `inlineMap`: webpack loaders such as esbuild-loader drop the map a loader hands on, but read an inline one. */
    transform(context: HookContext, code: string, id: string, withMap: boolean, inlineMap = false): HookResult {
      const result = weaver.weave(code, id, withMap)
      switch (result.kind) {
        case 'woven': {
          const { code: woven, map } = result
          return { code: map && inlineMap ? `${woven}\n//# sourceMappingURL=${map.toUrl()}` : woven, map }
        }
        case 'syntax-error':
          context.warn(result.warning)
          return null
        case 'invalid-annotation':
          context.error(result.error)
          return null
        case 'untouched':
          return null
      }
    },
    /** At the end of a build: keeps what this build wove for the next one. */
    save: () => weaver.save(),
  }
}
