/**
 * After tsc: each bundler entry becomes one module holding all of our transformer code it
 * runs (dependencies stay imports): a build loads one file instead of ~20, ~3 ms less of
 * module loading in every build. tsc's per-module tree stays beside them for the tsconfig
 * entry and the tests; its declarations type the entries.
 */
import { build } from 'esbuild'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const ENTRIES = ['vite', 'rollup', 'rolldown', 'esbuild', 'webpack', 'rspack', 'bun']
const { hashOfTransformer } = await import('../dist/transformer/text/weave-cache.js')

await build({
  absWorkingDir: ROOT,
  entryPoints: ENTRIES.map((name) => `src/transformer/bundlers/${name}.ts`),
  outdir: 'dist/transformer/bundlers',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  // The weave cache's key, as the tree computes it at run time: the bundles need not read it.
  define: { ERRORWEAVE_TRANSFORMER_HASH: JSON.stringify(hashOfTransformer(path.join(ROOT, 'dist', 'transformer'))) },
  logLevel: 'warning',
})
