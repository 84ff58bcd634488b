/**
 * Child process: the plugin's transform over every .ts/.tsx/.js file under a project's
 * src/ (not .d.ts), in MB/s of source, cold (first pass, as in a one-off build, the
 * plugin's load included in its time as `coldFirstFileMs`) and warm (median of the passes after
 * WARM_UP more, once the JIT has settled: passes 2-5 still run partly unoptimized code;
 * no source maps, as in a build that writes none); plus the warm pipeline split into its
 * phases: oxc's parse (raw transfer where Node supports it, and without), analyze, splice + map.
 * `node throughput.mjs <projectDir> <annotated|all>`
 */
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { reply } from '../lib/child.mjs'
import { median } from '../lib/stats.mjs'

const WARM_PASSES = 7
/** Passes run, not measured, between the cold one and the warm ones. */
const WARM_UP = 5
const [dir, mode] = process.argv.slice(2)
const srcDir = path.join(dir, 'src')
const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
  .filter((name) => /\.(tsx?|js)$/.test(name) && !name.endsWith('.d.ts'))
  .sort()
  .map((name) => {
    const file = path.join(srcDir, name)
    return { file, code: readFileSync(file, 'utf8') }
  })
const megabytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.code), 0) / 1e6

const loadStarted = performance.now()
const { weaveFile, analyzeFile } = await import('../../dist/transformer/text/weave-file.js')
const { resolveOptions } = await import('../../dist/transformer/core/options.js')
const pluginLoadMs = performance.now() - loadStarted
const options = resolveOptions({ root: dir, monitorAll: mode === 'all' })
// The first file that needs weaving also loads oxc-parser.
const first = files.find(({ code }) => mode === 'all' || code.includes('ErrorMonitor')) ?? files[0]
weaveFile(first.code, first.file, options)
const coldFirstFileMs = performance.now() - loadStarted

const { parseFile } = await import('../../dist/transformer/text/parse.js')
const { analyze, headerPosition } = await import('../../dist/transformer/core/analyze.js')
const { relativeFile } = await import('../../dist/transformer/text/weave-file.js')
const { emitText } = await import('../../dist/transformer/text/emit.js')

const pass = () => timed(() => files.forEach(({ file, code }) => weaveFile(code, file, options)))
const cold = pass()
Array.from({ length: WARM_UP }, pass)
const warm = median(Array.from({ length: WARM_PASSES }, pass))
reply({
  files: files.length,
  megabytes,
  pluginLoadMs,
  coldFirstFileMs,
  coldMBps: megabytes / (cold / 1000),
  warmMBps: megabytes / (warm / 1000),
  wovenFunctions: countFunctions(),
  phases: phases(),
})

/** Warm MB/s of each phase, through the same pieces weaveFile strings together. */
function phases() {
  const parseWith = (rawTransfer) => () => timed(() => files.forEach(({ file, code }) => parseFile(code, file, { rawTransfer })))
  const parsed = files.map(({ file, code }) => ({ file, code, syntax: parseFile(code, file) }))
  const analyzeOnly = () => timed(() => parsed.forEach(({ file, syntax }) => 'program' in syntax && analyze(syntax, relativeFile(file, options.root), options)))
  const analyzed = files.map(({ file, code }) => ({ name: file, code, ...analyzeFile(code, file, options) }))
  const emit = () => timed(() => analyzed.forEach((a) => a.ir?.functions.length && emitText(a.code, a.ir, headerPosition(a.file), a.name).map()))
  const rate = (run) => megabytes / (median(Array.from({ length: WARM_PASSES }, run)) / 1000)
  return { parseMBps: rate(parseWith(true)), parseWithoutRawTransferMBps: rate(parseWith(false)), analyzeMBps: rate(analyzeOnly), emitMBps: rate(emit) }
}

function countFunctions() {
  return files.reduce((sum, { file, code }) => {
    const result = weaveFile(code, file, options)
    return sum + (result.kind === 'woven' ? result.ir.functions.length : 0)
  }, 0)
}

function timed(run) {
  const start = performance.now()
  run()
  return performance.now() - start
}
