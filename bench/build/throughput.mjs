/**
 * Child process: the plugin's transform over every file of a generated project, in
 * MB/s of TypeScript source, cold (first pass, as in a one-off build) and warm (median
 * of later passes; no source maps, as in a build that writes none); plus the warm pipeline
 * split into its phases: parse, analyze, splice + source map (and the parse without JSDoc
 * nodes, for comparison).
 * `node throughput.mjs <projectDir> <annotated|all>`
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { reply } from '../lib/child.mjs'
import { median } from '../lib/stats.mjs'

const loadStarted = performance.now()
const { weaveFile, analyzeFile } = await import('../../dist/transformer/text/weave-file.js')
const loadMs = performance.now() - loadStarted
const { resolveOptions } = await import('../../dist/transformer/core/options.js')
const { emitText } = await import('../../dist/transformer/text/emit.js')
const { headerPosition } = await import('../../dist/transformer/core/analyze.js')
const { default: ts } = await import('typescript')

const WARM_PASSES = 7
const [dir, mode] = process.argv.slice(2)
const srcDir = path.join(dir, 'src')
const files = readdirSync(srcDir).map((name) => {
  const file = path.join(srcDir, name)
  return { file, code: readFileSync(file, 'utf8') }
})
const megabytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.code), 0) / 1e6

const options = resolveOptions({ root: dir, monitorAll: mode === 'all' })
const pass = () => timed(() => files.forEach(({ file, code }) => weaveFile(code, file, options)))
const cold = pass()
const warm = median(Array.from({ length: WARM_PASSES }, pass))
reply({
  files: files.length,
  megabytes,
  pluginLoadMs: loadMs,
  coldMBps: megabytes / (cold / 1000),
  warmMBps: megabytes / (warm / 1000),
  wovenFunctions: countFunctions(),
  phases: phases(),
})

/** Warm MB/s of each phase, through the same pieces weaveFile strings together. */
function phases() {
  const analyzed = files.map(({ file, code }) => ({ file, code, ...analyzeFile(code, file, options) }))
  const parseWith = (jsDocParsingMode) => () =>
    timed(() => files.forEach(({ file, code }) => ts.createSourceFile(file, code, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode }, true, ts.ScriptKind.TS)))
  const parse = parseWith(ts.JSDocParsingMode.ParseAll)
  const analyze = () => timed(() => files.forEach(({ file, code }) => analyzeFile(code, file, options)))
  const emit = () =>
    timed(() => analyzed.forEach((a) => a.ir.functions.length && emitText(a.code, a.ir, headerPosition(ts, a.sourceFile), a.file).map()))
  const rate = (run) => megabytes / (median(Array.from({ length: WARM_PASSES }, run)) / 1000)
  const parseMBps = rate(parse)
  // analyzeFile parses too: its own share is what it adds to the parse.
  const analyzeMs = 1000 * megabytes * (1 / rate(analyze) - 1 / parseMBps)
  return {
    parseMBps,
    // The analysis reads annotations from the source text, not from TypeScript's JSDoc nodes.
    parseWithoutJsDocMBps: rate(parseWith(ts.JSDocParsingMode.ParseNone)),
    analyzeMBps: megabytes / (analyzeMs / 1000),
    emitMBps: rate(emit),
  }
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
