// node build/esbuild.mjs <input> <outDir>
import * as esbuild from 'esbuild'
import errorweave from 'errorweave/esbuild'

const [input, outDir] = process.argv.slice(2)
await esbuild.build({
  entryPoints: [input],
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [errorweave()],
})
