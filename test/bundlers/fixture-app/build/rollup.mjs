// node build/rollup.mjs <input> <outDir>: the runtime stays external, resolved by Node at run time.
import { rollup } from 'rollup'
import esbuild from 'rollup-plugin-esbuild'
import errorweave from 'errorweave/rollup'

const [input, outDir] = process.argv.slice(2)
const bundle = await rollup({
  input,
  external: ['errorweave'],
  plugins: [errorweave(), esbuild({ target: 'es2022' })],
})
await bundle.write({ dir: outDir, format: 'es', sourcemap: true })
await bundle.close()
