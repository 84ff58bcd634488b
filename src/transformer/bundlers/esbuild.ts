import { errorweave } from './plugin.js'

export default errorweave.esbuild
