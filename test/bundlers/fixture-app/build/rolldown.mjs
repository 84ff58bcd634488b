// node build/rolldown.mjs <input> <outDir>
import { build } from 'rolldown'
import errorweave from 'errorweave/rolldown'

const [input, outDir] = process.argv.slice(2)
await build({
  input,
  platform: 'node',
  plugins: [errorweave()],
  output: { dir: outDir, format: 'es', sourcemap: true },
})
