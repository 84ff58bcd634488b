// node build/vite.mjs <input> <outDir> [no-maps]: the Vite entry as a user's build script would use it.
// Unminified so that stack frames keep function names (the report's caller from the stack).
import { build } from 'vite'
import errorweave from 'errorweave/vite'

const [input, outDir, maps] = process.argv.slice(2)
const withMaps = maps !== 'no-maps'
await build({
  configFile: false,
  logLevel: 'warn',
  plugins: [errorweave()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: withMaps,
    minify: false,
    modulePreload: { polyfill: false },
    rolldownOptions: { input, output: { entryFileNames: '[name].js' } },
  },
})
