/**
 * Child process: one cold production build of a project, as a user runs it:
 * `node one-build.mjs <bundler> <mode> <projectDir>`. Modes: plain, annotated, all
 * (`monitorAll`); the floors of floor-plugins.mjs (hook, replay-annotated, replay-all,
 * parse-annotated); the peers datadog (Datadog's live debugger, which weaves a probe and
 * a try/catch into every function) and istanbul (coverage counters). Bundler `vite-lib`
 * is a Vite library build of the entries in the project's entries.json (hono.mjs).
 * The time counts loading the bundler and the plugin, so the plugin's start-up cost is in it.
 */
const started = performance.now()
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { reply } from '../lib/child.mjs'

const [bundler, mode, dir] = process.argv.slice(2)
const entry = path.join(dir, 'src', 'index.ts')
const outDir = path.join(dir, `out-${bundler}-${mode}`)
const floor = /^(hook|parse-|replay-)/.test(mode)
const pluginOptions = mode === 'plain' ? undefined : { monitorAll: mode === 'all', root: dir }
const plugin = async (entryName) =>
  floor
    ? (await import('./floor-plugins.mjs')).floorPlugin(mode, dir, entryName)
    : (await import(`../../dist/transformer/bundlers/${entryName}.js`)).default(pluginOptions)

/** The Vite plugins of a mode: ours, a floor, or a peer's. */
async function vitePlugins() {
  if (mode === 'plain') return []
  if (mode === 'datadog') {
    const { datadogVitePlugin } = await import('@datadog/vite-plugin')
    // Its rewrite breaks the syntax of two of hono's files (an `else` after a statement it
    // inserts): they are left out, with its own default exclusions.
    const exclude = [/\/node_modules\//, /\0/, /^vite\//, /\/jsx\/base\.js$/, /\/jsx\/dom\/render\.js$/]
    return [datadogVitePlugin({ logLevel: 'none', liveDebugger: { exclude } })]
  }
  if (mode === 'istanbul') {
    const { default: istanbul } = await import('vite-plugin-istanbul')
    return [istanbul({ cwd: dir, include: 'src/**', forceBuildInstrument: true, checkProd: false, requireEnv: false })]
  }
  return [await plugin('vite')]
}

const builds = {
  async vite() {
    const { build } = await import('vite')
    await build({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      plugins: await vitePlugins(),
      build: { outDir, emptyOutDir: true, minify: true, rolldownOptions: { input: entry } },
    })
  },
  async 'vite-lib'() {
    const { build } = await import('vite')
    const entries = JSON.parse(readFileSync(path.join(dir, 'entries.json'), 'utf8'))
    await build({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      plugins: await vitePlugins(),
      build: { outDir, emptyOutDir: true, minify: true, lib: { entry: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, path.join(dir, file)])), formats: ['es'] } },
    })
  },
  async rolldown() {
    const { rolldown } = await import('rolldown')
    const bundle = await rolldown({
      input: entry,
      cwd: dir,
      tsconfig: path.join(dir, 'tsconfig.json'),
      plugins: pluginOptions ? [await plugin('rolldown')] : [],
      logLevel: 'silent',
    })
    await bundle.write({ dir: outDir, minify: true })
    await bundle.close()
  },
  async esbuild() {
    const esbuild = await import('esbuild')
    await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: dir,
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      outdir: outDir,
      logLevel: 'silent',
      plugins: pluginOptions ? [await plugin('esbuild')] : [],
    })
  },
  async webpack() {
    const { default: webpack } = await import('webpack')
    const { EsbuildPlugin } = await import('esbuild-loader')
    const config = {
      mode: 'production',
      context: dir,
      entry,
      output: { path: outDir },
      cache: false,
      devtool: false,
      resolve: { extensions: ['.ts', '.js'] },
      module: { rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2022' } }] },
      optimization: { minimizer: [new EsbuildPlugin({ target: 'es2022' })] },
      plugins: pluginOptions ? [await plugin('webpack')] : [],
    }
    await new Promise((resolve, reject) =>
      webpack(config, (error, stats) => {
        if (error || stats.hasErrors()) reject(error ?? new Error(stats.toString('errors-only')))
        else resolve()
      }),
    )
  },
}

await builds[bundler]()
reply({ bundler, mode, ms: performance.now() - started })
