import { weaveHook, type ErrorWeaveOptions, type HookContext } from './weave-hook.js'

/** The part of Vite's resolved config the plugin reads. */
interface ViteConfig {
  command: string
  build: { sourcemap: unknown }
}

/**
 * Vite, Rollup and Rolldown take the same plugin object, so their entries build it
 * themselves: going through unplugin cost ~6 ms of module loading in every build.
 */
export function rollupPlugin(rawOptions: ErrorWeaveOptions | undefined) {
  const hook = weaveHook(rawOptions)
  // Vite knows before the first module whether it writes maps; Rollup and Rolldown only decide at output.
  let writesMaps = true
  return {
    name: 'errorweave',
    enforce: 'pre' as const,
    configResolved(config: ViteConfig) {
      writesMaps = config.command === 'serve' || config.build.sourcemap !== false
    },
    transform: {
      filter: hook.filter,
      handler(this: HookContext, code: string, id: string) {
        return hook.accepts(id) ? hook.transform(this, code, id, writesMaps) : null
      },
    },
    buildEnd: () => hook.save(),
  }
}
