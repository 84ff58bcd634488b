import { createUnplugin } from 'unplugin'
import { resolveOptions, type ErrorWeaveOptions } from '../core/options.js'
import { weaveFile } from '../text/weave-file.js'

export type { ErrorWeaveOptions }

/** The one bundler core; each entry file is one line over it. */
export const errorweave = createUnplugin((rawOptions: ErrorWeaveOptions | undefined, meta) => {
  const options = resolveOptions(rawOptions)
  // webpack loaders such as esbuild-loader drop the map a loader hands on, but read an inline one.
  const inlineMap = meta.framework === 'webpack' || meta.framework === 'rspack'
  return {
    name: 'errorweave',
    enforce: 'pre',
    transformInclude: (id) => options.accepts(id),
    transform: {
      // Bundlers with native filters (Rolldown, Vite) then never hand us a file without the word.
      filter: options.monitorAll ? undefined : { code: 'ErrorMonitor' },
      handler(code, id) {
        const result = weaveFile(code, id, options)
        switch (result.kind) {
          case 'woven':
            return { code: inlineMap ? `${result.code}\n//# sourceMappingURL=${result.map.toUrl()}` : result.code, map: result.map }
          case 'syntax-error':
            this.warn(result.warning)
            return null
          case 'invalid-annotation':
            return this.error(result.error)
          case 'untouched':
            return null
        }
      },
    },
  }
})
