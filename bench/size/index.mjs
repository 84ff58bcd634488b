/**
 * Size: the browser runtime a woven app ships (configure + capture + HTTPS delivery),
 * min+gzip, next to the smallest error-only setups of @sentry/browser, @bugsnag/js and
 * rollbar, all bundled by esbuild the same way; the gzip bytes the weave adds per
 * woven function in the generated project; what `npm install --omit=dev` of the packed
 * package puts on disk (install.mjs).
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'
import ts from 'typescript'
import errorweave from '../../dist/transformer/bundlers/esbuild.js'
import { resolveOptions } from '../../dist/transformer/core/options.js'
import { weaveFile } from '../../dist/transformer/text/weave-file.js'
import { generateProject } from '../build/generate.mjs'
import { BENCH, ROOT, WORK } from '../lib/paths.mjs'
import { installRuntime } from '../lib/runtime.mjs'
import { installSize } from './install.mjs'

const PEERS = {
  '@sentry/browser': 'sentry.js',
  '@bugsnag/js': 'bugsnag.js',
  rollbar: 'rollbar.js',
}

export async function sizeBench(log) {
  log('size: browser runtime and peers')
  const dir = path.join(WORK, 'size')
  mkdirSync(dir, { recursive: true })
  installRuntime(dir)
  const app = path.join(dir, 'app.ts')
  copyFileSync(path.join(BENCH, 'size', 'entries', 'app.ts'), app)
  const withRuntime = await bundle(app, { plugins: [errorweave({ root: dir })] })
  const appOnly = await bundle(app, { plugins: [errorweave({ root: dir })], external: ['errorweave'] })
  const runtime = {
    minBytes: withRuntime.minBytes - appOnly.minBytes,
    gzipBytes: withRuntime.gzipBytes - appOnly.gzipBytes,
    // Every string, template and regular expression emptied: what the logic alone weighs,
    // so how far deleting messages, patterns and key names could ever take this design.
    textlessGzipBytes: gzipSize(withoutText(withRuntime.code)) - gzipSize(withoutText(appOnly.code)),
    modules: Object.entries(withRuntime.inputs)
      .filter(([input]) => input.includes('node_modules/errorweave/'))
      .map(([input, bytes]) => ({ module: input.replace(/^.*node_modules\/errorweave\/dist\//, ''), bytes })),
  }

  const peers = {}
  for (const [name, entry] of Object.entries(PEERS)) {
    const { minBytes, gzipBytes } = await bundle(path.join(BENCH, 'size', 'entries', entry))
    peers[name] = { version: installedVersion(name), entry: `bench/size/entries/${entry}`, minBytes, gzipBytes }
  }

  log('size: bytes per woven function')
  const perFunction = await bytesPerWovenFunction()
  log('size: npm install --omit=dev of the packed package')
  return { runtime, peers, perFunction, install: installSize() }
}

/**
 * The generated project bundled with errorweave external (so only the weave counts),
 * plain and woven; the gzip difference divided by the number of woven functions.
 */
async function bytesPerWovenFunction() {
  const spread = generateProject(path.join(ROOT, '.tmp', 'bench-project'))
  const clustered = generateProject(path.join(ROOT, '.tmp', 'bench-project-clustered'), { layout: 'clustered' })
  const setups = {
    annotated: [spread, {}],
    clustered: [clustered, {}],
    monitorAll: [spread, { monitorAll: true }],
    'monitorAll, futureCalls off': [spread, { monitorAll: true, futureCalls: { enabled: false } }],
  }
  const plain = {}
  const results = {}
  for (const [setup, [dir, options]] of Object.entries(setups)) {
    const entry = path.join(dir, 'src', 'index.ts')
    plain[dir] ??= await bundle(entry, { external: ['errorweave'] })
    const functions = countWoven(dir, options)
    try {
      const woven = await bundle(entry, { external: ['errorweave'], plugins: [errorweave({ root: dir, ...options })] })
      const added = woven.gzipBytes - plain[dir].gzipBytes
      results[setup] = { functions, plainGzipBytes: plain[dir].gzipBytes, wovenGzipBytes: woven.gzipBytes, gzipBytesPerFunction: added / functions }
    } catch (error) {
      results[setup] = { functions, failed: String(error.message).split('\n').slice(0, 3).join(' | ').slice(0, 300) }
    }
  }
  return results
}

/** Read from node_modules directly: not every package exports its package.json. */
function installedVersion(name) {
  return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version
}

function countWoven(dir, options) {
  const resolved = resolveOptions({ root: dir, ...options })
  return readdirSync(path.join(dir, 'src')).reduce((sum, name) => {
    const file = path.join(dir, 'src', name)
    const result = weaveFile(readFileSync(file, 'utf8'), file, resolved)
    return sum + (result.kind === 'woven' ? result.ir.functions.length : 0)
  }, 0)
}

/** esbuild, the same way for everyone: bundled, minified, ESM, browser; gzip level 9. */
export async function bundle(entry, { plugins = [], external = [] } = {}) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    metafile: true,
    logLevel: 'silent',
    external,
    plugins,
  })
  const code = result.outputFiles[0].text
  const [output] = Object.values(result.metafile.outputs)
  const inputs = Object.fromEntries(Object.entries(output.inputs).map(([input, { bytesInOutput }]) => [input, bytesInOutput]))
  return { code, minBytes: Buffer.byteLength(code), gzipBytes: gzipSize(code), inputs }
}

export function gzipSize(code) {
  return gzipSync(code, { level: 9 }).length
}

/** What each literal with text becomes when its text is removed. */
const EMPTIED = {
  [ts.SyntaxKind.StringLiteral]: '""',
  [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: '``',
  [ts.SyntaxKind.TemplateHead]: '`${',
  [ts.SyntaxKind.TemplateMiddle]: '}${',
  [ts.SyntaxKind.TemplateTail]: '}`',
  [ts.SyntaxKind.RegularExpressionLiteral]: '/(?:)/',
}

/** The minified bundle with the text of every literal string, template part and regular expression removed. */
function withoutText(code) {
  const file = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS)
  const edits = []
  const visit = (node) => {
    if (node.kind in EMPTIED) edits.push([node.getStart(file), node.end, EMPTIED[node.kind]])
    else ts.forEachChild(node, visit)
  }
  visit(file)
  let out = code
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end)
  return out
}
