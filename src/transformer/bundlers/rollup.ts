import type { Plugin } from 'rollup'
import { rollupPlugin } from './rollup-plugin.js'
import type { ErrorWeaveOptions } from './weave-hook.js'

export default (options?: ErrorWeaveOptions): Plugin => rollupPlugin(options)
