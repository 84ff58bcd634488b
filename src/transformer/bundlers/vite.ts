import type { Plugin } from 'vite'
import { rollupPlugin } from './rollup-plugin.js'
import type { ErrorWeaveOptions } from './weave-hook.js'

export default (options?: ErrorWeaveOptions): Plugin => rollupPlugin(options)
