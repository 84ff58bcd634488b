/**
 * The gzip bytes the weave adds per woven function on hono: every module bundled into
 * one file by esbuild as the size section bundles (errorweave and Node's modules
 * external), woven minus plain, divided by the woven functions; then where those bytes
 * go: the woven text with one part taken out at a time (the part's bytes are what its
 * removal saves).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import errorweave from '../../dist/transformer/bundlers/esbuild.js'
import { resolveOptions } from '../../dist/transformer/core/options.js'
import { RUNTIME } from '../../dist/transformer/core/table.js'
import { weaveFile } from '../../dist/transformer/text/weave-file.js'
import { bundle } from '../size/index.mjs'
import { sourceFiles } from './project.mjs'

const EXTERNAL = ['errorweave', 'node:*']
const { namespace: NS, table: TABLE, statement: STATEMENT } = RUNTIME
const TABLE_LITERAL = new RegExp(`${NS}\\.table\\(("(?:[^"\\\\]|\\\\.)*")\\)`)

/** Each part: how the woven text reads without it. */
const WITHOUT = {
  table: (code) => code.replace(TABLE_LITERAL, `${NS}.table("")`),
  'table: call sites': (code) => editTable(code, ([format, file, , functions, depth]) => [format, file, [], functions, depth]),
  "table: statements' future calls": (code) =>
    editTable(code, ([format, file, calls, functions, depth]) => [format, file, calls, functions.map(([c, m, l, col, rows, ...o]) => [c, m, l, col, rows.map((row) => row.slice(0, 2)), ...o]), depth]),
  'statement probes': (code) => code.replace(new RegExp(`(?<!let )${STATEMENT}(?: = \\d+|\\+\\+); `, 'g'), '').replace(new RegExp(`\\(${STATEMENT} = \\d+, `, 'g'), '('),
}

function editTable(code, edit) {
  return code.replace(TABLE_LITERAL, (_, literal) => `${NS}.table(${JSON.stringify(JSON.stringify(edit(JSON.parse(JSON.parse(literal)))))})`)
}

/** `projects`: setup name -> [projectDir, plugin options]. */
export async function honoBytes(projects) {
  const results = {}
  for (const [setup, [dir, options]] of Object.entries(projects)) {
    const entry = writeEntry(dir)
    const plain = await bundle(entry, { external: EXTERNAL })
    const woven = await bundle(entry, { external: EXTERNAL, plugins: [errorweave({ root: dir, ...options })] })
    const { functions, texts } = weaveAll(dir, options)
    const perFunction = (bytes) => bytes / functions
    const parts = {}
    if (options.monitorAll) {
      const whole = await bundle(entry, { external: EXTERNAL, plugins: [replaced(texts, (code) => code)] })
      for (const [part, without] of Object.entries(WITHOUT)) {
        parts[part] = perFunction(whole.gzipBytes - (await bundle(entry, { external: EXTERNAL, plugins: [replaced(texts, without)] })).gzipBytes)
      }
      const code = Object.keys(WITHOUT).filter((part) => !part.startsWith('table: '))
      parts['try/catch and module header (the rest)'] = perFunction(whole.gzipBytes - plain.gzipBytes) - code.reduce((sum, part) => sum + parts[part], 0)
    }
    results[setup] = { functions, plainGzipBytes: plain.gzipBytes, wovenGzipBytes: woven.gzipBytes, gzipBytesPerFunction: perFunction(woven.gzipBytes - plain.gzipBytes), parts }
  }
  return results
}

/** One module that imports every module of the project and keeps them all. */
function writeEntry(dir) {
  const files = sourceFiles(dir)
  const entry = path.join(dir, 'bundle-all.js')
  const imports = files.map((file, i) => `import * as m${i} from './src/${file}'`).join('\n')
  writeFileSync(entry, `${imports}\nglobalThis.modules = [${files.map((_, i) => `m${i}`).join(', ')}]\n`)
  return entry
}

function weaveAll(dir, options) {
  const resolved = resolveOptions({ root: dir, ...options })
  const texts = new Map()
  let functions = 0
  for (const name of sourceFiles(dir)) {
    const file = path.join(dir, 'src', name)
    const result = weaveFile(readFileSync(file, 'utf8'), file, resolved)
    if (result.kind !== 'woven') continue
    texts.set(file, result.code)
    functions += result.ir.functions.length
  }
  return { functions, texts }
}

/** An esbuild plugin that loads each woven file as `edit` leaves its woven text. */
function replaced(texts, edit) {
  return {
    name: 'woven-text',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, (args) => (texts.has(args.path) ? { contents: edit(texts.get(args.path)), loader: 'js' } : undefined))
    },
  }
}
