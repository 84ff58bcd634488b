// node build/vite.mjs <input> <outDir>: the Vite entry as a user's build script would use it.
// Unminified so that stack frames keep function names (the report's caller from the stack).
import { build } from 'vite'
import errorweave from 'errorweave/vite'

const [input, outDir] = process.argv.slice(2)
await build({
  configFile: false,
  logLevel: 'warn',
  plugins: [errorweave()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    modulePreload: { polyfill: false },
    rolldownOptions: { input, output: { entryFileNames: '[name].js' } },
  },
})
