// bun build/bun.mjs <input> <outDir>: Bun.build with the plugin, run by Bun itself.
import errorweave from 'errorweave/bun'

const [input, outDir] = process.argv.slice(2)
const result = await Bun.build({
  entrypoints: [input],
  outdir: outDir,
  target: 'node',
  format: 'esm',
  sourcemap: 'linked',
  plugins: [errorweave()],
})
for (const log of result.logs) console.warn(String(log))
if (!result.success) process.exitCode = 1
