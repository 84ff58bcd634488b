/**
 * After tsc, two bundles; dependencies stay imports, tsc's declarations type both.
 * - Each bundler entry becomes a module over one chunk holding all of the transformer code:
 *   a build loads two files instead of ~20 (~3 ms less). tsc's per-module transformer tree
 *   stays beside them for the tsconfig entry and the tests.
 * - The runtime entries become one module graph of a few shared chunks instead of ~25
 *   modules, which every bundler resolves, loads and parses for an app's woven files
 *   (~10 ms of a Vite build). The entries still share ONE state: the chunks hold it.
 */
import { build } from 'esbuild'
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const BUNDLER_ENTRIES = ['vite', 'rollup', 'rolldown', 'esbuild', 'webpack', 'rspack', 'bun']
/**
 * Runtime modules reached by path beside the package's entries: the script the runtime runs
 * in a child process at a crash, the table format tsc's transformer tree shares with the
 * runtime, and modules the tests and benchmarks import.
 */
const RUNTIME_MODULES_BY_PATH = ['delivery/last-delivery', 'capture/table-format', 'context/request', 'platform/hooks', 'capture/table']
const { hashOfTransformer } = await import('../dist/transformer/text/weave-cache.js')

const common = { absWorkingDir: ROOT, bundle: true, splitting: true, chunkNames: 'chunks/[name]-[hash]', packages: 'external', format: 'esm', sourcemap: true, sourcesContent: false, logLevel: 'warning' }

// Chunks are named by hash: those of an earlier build would stay in the package.
rmSync(path.join(ROOT, 'dist', 'transformer', 'bundlers', 'chunks'), { recursive: true, force: true })
await build({
  ...common,
  entryPoints: BUNDLER_ENTRIES.map((name) => `src/transformer/bundlers/${name}.ts`),
  outdir: 'dist/transformer/bundlers',
  platform: 'node',
  target: 'node20',
  // The weave cache's key, as the tree computes it at run time: the bundles need not read it.
  define: { ERRORWEAVE_TRANSFORMER_HASH: JSON.stringify(hashOfTransformer(path.join(ROOT, 'dist', 'transformer'))) },
})

const { exports } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
const runtimeEntries = Object.values(exports)
  .flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)))
  .filter((file) => file.startsWith('./dist/runtime/') && file.endsWith('.js'))
  .map((file) => file.slice('./dist/runtime/'.length, -'.js'.length))
const runtime = await build({
  ...common,
  entryPoints: [...new Set([...runtimeEntries, ...RUNTIME_MODULES_BY_PATH])].map((name) => `src/runtime/${name}.ts`),
  outbase: 'src/runtime',
  outdir: 'dist/runtime',
  platform: 'neutral',
  target: 'es2022',
  metafile: true,
})
// tsc's modules that the bundle replaced: left, they would be a second copy of the runtime's state.
const written = new Set(Object.keys(runtime.metafile.outputs).map((file) => path.resolve(ROOT, file)))
const runtimeDir = path.join(ROOT, 'dist', 'runtime')
for (const file of readdirSync(runtimeDir, { recursive: true, encoding: 'utf8' })) {
  const full = path.join(runtimeDir, file)
  if (/\.js(\.map)?$/.test(file) && !written.has(full)) rmSync(full)
}
// tsc's transformer tree imports runtime modules by path: each must have stayed.
const transformerDir = path.join(ROOT, 'dist', 'transformer')
for (const file of readdirSync(transformerDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'))) {
  const full = path.join(transformerDir, file)
  for (const [, relative] of readFileSync(full, 'utf8').matchAll(/from ['"](\.[^'"]*\/runtime\/[^'"]+)['"]/g)) {
    if (!existsSync(path.resolve(path.dirname(full), relative))) throw new Error(`bundle-entries: ${path.relative(ROOT, full)} imports ${relative}, which the runtime bundle removed: add it to RUNTIME_MODULES_BY_PATH`)
  }
}
// A file the runtime finds beside its own module (`new URL('../x.js', import.meta.url)`) must
// still be there from the chunk that now holds that module.
for (const output of written) {
  if (!output.endsWith('.js')) continue
  for (const [, relative] of readFileSync(output, 'utf8').matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)) {
    if (!existsSync(path.resolve(path.dirname(output), relative))) throw new Error(`bundle-entries: ${path.relative(ROOT, output)} refers to ${relative}, which the bundle does not hold`)
  }
}
