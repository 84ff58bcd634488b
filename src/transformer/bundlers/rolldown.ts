import type { Plugin } from 'rolldown'
import { rollupPlugin } from './rollup-plugin.js'
import type { ErrorWeaveOptions } from './weave-hook.js'

export default (options?: ErrorWeaveOptions): Plugin => rollupPlugin(options)
