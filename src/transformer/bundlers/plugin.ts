import { createUnplugin, type UnpluginBuildContext } from 'unplugin'
import { resolveOptions, type ErrorWeaveOptions } from '../core/options.js'
import { bundlerWeaver } from '../text/weave-cache.js'

export type { ErrorWeaveOptions }

/** The one bundler core; each entry file is one line over it. */
export const errorweave = createUnplugin((rawOptions: ErrorWeaveOptions | undefined, meta) => {
  const options = resolveOptions(rawOptions)
  const weaver = bundlerWeaver(options)
  // webpack loaders such as esbuild-loader drop the map a loader hands on, but read an inline one.
  const inlineMap = meta.framework === 'webpack' || meta.framework === 'rspack'
  // Vite knows before the first module whether it writes maps; Rollup, Rolldown and Bun only decide at output.
  let viteWritesMaps = true
  return {
    name: 'errorweave',
    enforce: 'pre',
    vite: {
      configResolved(config) {
        viteWritesMaps = config.command === 'serve' || config.build.sourcemap !== false
      },
    },
    transformInclude: (id) => options.accepts(id),
    buildEnd: () => weaver.save(),
    transform: {
      // Bundlers with native filters (Rolldown, Vite) then never hand us a file without the word.
      filter: options.monitorAll ? undefined : { code: 'ErrorMonitor' },
      handler(code, id) {
        const result = weaver.weave(code, id, buildWritesMaps(this, viteWritesMaps))
        switch (result.kind) {
          case 'woven': {
            const { code: woven, map } = result
            return { code: map && inlineMap ? `${woven}\n//# sourceMappingURL=${map.toUrl()}` : woven, map }
          }
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

/** Whether the map of a woven module can reach any output: building one costs a third of the weave. */
function buildWritesMaps(context: UnpluginBuildContext, viteWritesMaps: boolean): boolean {
  const native = context.getNativeBuildContext?.()
  switch (native?.framework) {
    case 'esbuild':
      return !!native.build.initialOptions.sourcemap
    case 'webpack':
    case 'rspack':
      return native.loaderContext?.sourceMap ?? true
    default:
      return viteWritesMaps
  }
}
