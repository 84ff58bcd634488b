/**
 * The front-end equivalence check on real code: weaves every .ts/.tsx file (not .d.ts)
 * under a corpus directory with this checkout's build (dist/) and with the build of an
 * earlier commit, under monitorAll, as it is, and with a JSDoc `@ErrorMonitor` put before
 * every function and method that starts a line, and compares the woven
 * text byte for byte. Where they differ, the only difference allowed is the future
 * calls of `throw` statements (the rule of issue 13): every other difference is listed.
 * `npm run build && node bench/build/compare-weave.mjs <corpusDir> [gitRef]` (gitRef
 * defaults to main; the earlier build goes into a temporary directory, never committed).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { table as expandTable } from '../../dist/runtime/capture/table.js'
import { TABLE_FORMAT } from '../../dist/runtime/capture/table-format.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const [corpus, ref = 'main'] = process.argv.slice(2)
if (!corpus) {
  console.error('usage: node bench/build/compare-weave.mjs <corpusDir> [gitRef]')
  process.exit(2)
}

// A function declaration or a method that starts its line (not a call, not a control statement).
const DECLARATION_LINE = /^([ \t]*)(?=(?:export\s+(?:default\s+)?)?(?:async\s+)?function\b|(?:(?:public|private|protected|static|async|override)\s+)*(?!(?:if|for|while|switch|catch|return|function)\b)[A-Za-z_$][\w$]*\s*(?:<[^>]*>)?\([^;]*\)\s*(?::[^=;]*)?\{\s*$)/gm
const annotate = (code) => code.replace(DECLARATION_LINE, '$1/** @ErrorMonitor */ ')
const TABLE = /__ew\.table\("(?:[^"\\]|\\.)*"\)/
const oldBuild = buildAt(ref)
try {
  const load = async (dir) => ({
    weaveFile: (await import(pathToFileURL(path.join(dir, 'dist/transformer/text/weave-file.js')).href)).weaveFile,
    resolveOptions: (await import(pathToFileURL(path.join(dir, 'dist/transformer/core/options.js')).href)).resolveOptions,
  })
  const before = await load(oldBuild)
  const after = await load(ROOT)
  const files = sourceFiles(path.resolve(corpus))
  const tally = { files: files.length, megabytes: 0, woven: 0, identical: 0, throwOnly: 0, throwStatements: 0, other: [] }
  for (const file of files) {
    const code = readFileSync(file, 'utf8')
    tally.megabytes += Buffer.byteLength(code) / 1e6
    for (const [mode, text, monitorAll] of [['monitorAll', code, true], ['as is', code, false], ['annotated', annotate(code), false]]) {
      const weave = ({ weaveFile, resolveOptions }) => weaveFile(text, file, resolveOptions({ root: corpus, monitorAll }))
      const [a, b] = [weave(before), weave(after)]
      if (b.kind === 'woven') tally.woven++
      const differences = compare(text, a, b)
      if (differences === undefined) tally.other.push(`${file} (${mode}): ${a.kind} before, ${b.kind} after`)
      else if (differences.others.length > 0) tally.other.push(...differences.others.map((d) => `${file} (${mode}): ${d}`))
      else if (differences.throws === 0) tally.identical++
      else {
        tally.throwOnly++
        tally.throwStatements += differences.throws
      }
    }
  }
  console.log(JSON.stringify({ ...tally, megabytes: Number(tally.megabytes.toFixed(2)), other: tally.other.slice(0, 40), otherCount: tally.other.length }, null, 2))
  process.exitCode = tally.other.length > 0 ? 1 : 0
} finally {
  rmSync(oldBuild, { recursive: true, force: true })
}

/** Differences between two weaves of `code`: how many throw statements changed, and anything else; undefined when the outcomes differ. */
function compare(code, a, b) {
  if (a.kind !== b.kind) return undefined
  if (a.kind !== 'woven') return a.kind === 'syntax-error' || a.kind === 'untouched' || a.error === b.error ? { throws: 0, others: [] } : { throws: 0, others: ['annotation errors differ'] }
  if (a.code === b.code) return { throws: 0, others: [] }
  const [tableA, tableB] = [tableOf(a.code), tableOf(b.code)]
  if (a.code.replace(TABLE, '') !== b.code.replace(TABLE, '')) return { throws: 0, others: ['woven code differs outside the table'] }
  const others = []
  let throws = 0
  const lines = code.split(/\r\n?|\n/)
  tableA.functions.forEach((fn, f) => {
    const fnB = tableB.functions[f]
    if (JSON.stringify(fn.slice(0, 7)) !== JSON.stringify(fnB.slice(0, 7))) others.push(`function ${f} identity differs`)
    fn[7].forEach((statement, s) => {
      const [sa, sb] = [decode(tableA, statement), decode(tableB, fnB[7][s])]
      if (sa === sb) return
      const [line, column] = statement
      if (lines[line - 1]?.slice(column - 1).startsWith('throw')) throws++
      else others.push(`statement ${line}:${column} differs: ${sa} -> ${sb}`)
    })
  })
  return { throws, others }
}

/**
 * A table in any form: the object older builds wrote, or the compact array (transformer/core/table.ts)
 * made whole in that object's shape; the array of format 2 is format 3's without its number (and resolved names kept whole).
 */
function tableOf(woven) {
  const json = JSON.parse(TABLE.exec(woven)[0].slice('__ew.table('.length, -1))
  if (!json.startsWith('[')) return JSON.parse(json)
  const compact = JSON.parse(json)
  const { file, calls, functions } = expandTable(JSON.stringify(typeof compact[0] === 'string' ? [TABLE_FORMAT, ...compact] : compact))
  const wholeRow = ([className, method, line, column, statements, severity = 'ERROR', comment = null, prediction = null]) => [className, method, line, column, severity, comment, prediction, statements]
  return { file, calls, functions: functions.map(wholeRow) }
}

/** A statement's line, column and future calls by what they are, not by their index in the call list. */
function decode(table, [line, column, ...codes]) {
  const calls = codes.map((code) => `${table.calls[code >> 1].join('@')}${code & 1 ? '?' : ''}`)
  return `${line}:${column} ${calls.join(', ')}`
}

function sourceFiles(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts') && !name.split(path.sep).includes('node_modules'))
    .sort()
    .map((name) => path.join(dir, name))
}

/** Builds the transformer of `ref` into a temporary directory that shares this checkout's node_modules. */
function buildAt(gitRef) {
  const dir = mkdtempSync(path.join(tmpdir(), 'errorweave-compare-'))
  const archive = execFileSync('git', ['archive', gitRef, 'src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'], { cwd: ROOT })
  execFileSync('tar', ['-x', '-C', dir], { input: archive })
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'))
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' })
  return dir
}
