import { fileURLToPath } from 'node:url'
import errorweave from 'errorweave/vite'
import { defineConfig } from 'vite'

const here = fileURLToPath(new URL('.', import.meta.url))

// A library build for Node: one ESM file, the runtime left as an import so the
// shop and its entry point share one errorweave instance.
export default defineConfig({
  root: here,
  logLevel: 'warn',
  plugins: [errorweave({ root: here, futureCalls: { maxDepth: 5 } })],
  ssr: { external: ['errorweave'] },
  build: {
    ssr: 'src/main.ts',
    outDir: '.out/vite',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
  },
})
