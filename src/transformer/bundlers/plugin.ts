import { createUnplugin, type UnpluginBuildContext } from 'unplugin'
import { weaveHook, type ErrorWeaveOptions } from './weave-hook.js'

export type { ErrorWeaveOptions }

/** The entries of bundlers whose plugin APIs differ (esbuild, webpack, Rspack, Bun), through unplugin. */
export const errorweave = createUnplugin((rawOptions: ErrorWeaveOptions | undefined, meta) => {
  const hook = weaveHook(rawOptions)
  const inlineMap = meta.framework === 'webpack' || meta.framework === 'rspack'
  return {
    name: 'errorweave',
    enforce: 'pre',
    transformInclude: hook.accepts,
    buildEnd: hook.save,
    transform: {
      filter: hook.filter,
      handler(code, id) {
        return hook.transform(this, code, id, buildWritesMaps(this), inlineMap)
      },
    },
  }
})

/** Whether the map of a woven module can reach any output: building one costs a third of the weave. */
function buildWritesMaps(context: UnpluginBuildContext): boolean {
  const native = context.getNativeBuildContext?.()
  switch (native?.framework) {
    case 'esbuild':
      return !!native.build.initialOptions.sourcemap
    case 'webpack':
    case 'rspack':
      return native.loaderContext?.sourceMap ?? true
    default:
      return true
  }
}
