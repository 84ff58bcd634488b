/**
 * Child process: the plugin's transform over every file of a project's src/, in MB/s
 * of source, cold (first pass, as in a one-off build) and warm (median of later passes;
 * no source maps, as in a build that writes none); the cold first file (loading the
 * plugin, then weaving the first file it weaves, in a fresh process); plus the warm pipeline
 * split into its phases: TypeScript's parse of the whole text (with and without JSDoc nodes),
 * skim + parse as the pipeline does it, analyze, splice + source map.
 * `node throughput.mjs <projectDir> <annotated|all>`
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { reply } from '../lib/child.mjs'
import { median } from '../lib/stats.mjs'

const loadStarted = performance.now()
const { weaveFile, analyzeFile, parse, relativeFile, skimFor } = await import('../../dist/transformer/text/weave-file.js')
const loadMs = performance.now() - loadStarted
const { resolveOptions } = await import('../../dist/transformer/core/options.js')
const { emitText } = await import('../../dist/transformer/text/emit.js')
const { analyze, headerPosition } = await import('../../dist/transformer/core/analyze.js')
const { loadTypeScript } = await import('../../dist/transformer/text/load-typescript.js')
const ts = loadTypeScript()

const WARM_PASSES = 7
const [dir, mode] = process.argv.slice(2)
const srcDir = path.join(dir, 'src')
const files = readdirSync(srcDir, { recursive: true })
  .filter((name) => /\.[jt]s$/.test(name))
  .sort()
  .map((name) => {
    const file = path.join(srcDir, name)
    return { file, code: readFileSync(file, 'utf8') }
  })
const megabytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.code), 0) / 1e6

const options = resolveOptions({ root: dir, monitorAll: mode === 'all' })
const pass = () => timed(() => files.forEach(({ file, code }) => weaveFile(code, file, options)))
// The cold pass, file by file: the first woven file carries what a first build pays up front.
let coldFirstFileMs
const cold = timed(() =>
  files.forEach(({ file, code }) => {
    const started = performance.now()
    const result = weaveFile(code, file, options)
    if (coldFirstFileMs === undefined && result.kind === 'woven') coldFirstFileMs = loadMs + performance.now() - started
  }),
)
const warm = median(Array.from({ length: WARM_PASSES }, pass))
reply({
  files: files.length,
  megabytes,
  pluginLoadMs: loadMs,
  coldFirstFileMs,
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
  const parseAll = parseWith(ts.JSDocParsingMode.ParseAll)
  // What the pipeline parses: the skimmed text where the skim applies, else the whole file.
  const skimAndParse = () => timed(() => files.forEach(({ file, code }) => parse(skimFor(code, file, options)?.text ?? code, file)))
  const parsed = files.map(({ file, code }) => ({ file, sourceFile: parse(skimFor(code, file, options)?.text ?? code, file) }))
  const analyzeOnly = () => timed(() => parsed.forEach(({ file, sourceFile }) => analyze(ts, sourceFile, relativeFile(file, options.root), options)))
  const emit = () =>
    timed(() => analyzed.forEach((a) => a.ir.functions.length && emitText(a.code, a.ir, headerPosition(ts, a.sourceFile), a.file).map()))
  const rate = (run) => megabytes / (median(Array.from({ length: WARM_PASSES }, run)) / 1000)
  return {
    parseMBps: rate(parseAll),
    // The analysis reads annotations from the source text, not from TypeScript's JSDoc nodes.
    parseWithoutJsDocMBps: rate(parseWith(ts.JSDocParsingMode.ParseNone)),
    skimAndParseMBps: rate(skimAndParse),
    analyzeMBps: rate(analyzeOnly),
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
