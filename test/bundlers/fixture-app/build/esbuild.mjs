// node build/esbuild.mjs <input> <outDir> [no-maps]
import * as esbuild from 'esbuild'
import errorweave from 'errorweave/esbuild'

const [input, outDir, maps] = process.argv.slice(2)
const withMaps = maps !== 'no-maps'
await esbuild.build({
  entryPoints: [input],
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  sourcemap: withMaps,
  logLevel: 'warning',
  plugins: [errorweave()],
})
