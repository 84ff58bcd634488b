/**
 * Lower bounds for any build-time weaver, built as errorweave's entries are (a plain plugin
 * object for Vite, Rollup and Rolldown, unplugin for the others) with the same filter and
 * file test, so the bundler hands them exactly the files it hands us:
 * - `hook`: takes every annotated file and returns nothing: what handing each file to a
 *   JavaScript plugin costs the bundler;
 * - `replay-<setting>`: returns errorweave's woven text for each file, read from a file
 *   written before the build: what building our output costs, without our weaving;
 * - `parse-<setting>`: the same, after parsing each file as we do, with oxc-parser (native,
 *   the fastest parser on npm, AST handed to JavaScript): the least a weaver that reads
 *   the code it weaves pays, with the fastest parser there is.
 * A target below these floors cannot be met by weaving in a plugin.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const replayFile = (dir, setting) => path.join(dir, `woven-${setting}.json`)

/** Weaves every file of the project once, ahead of the timed builds, for `replay` and `parse`. */
export async function writeReplay(dir, setting, files) {
  const { weaveFile } = await import('../../dist/transformer/text/weave-file.js')
  const { resolveOptions } = await import('../../dist/transformer/core/options.js')
  const options = resolveOptions({ root: dir, monitorAll: setting === 'all' })
  const woven = {}
  for (const file of files) {
    const result = weaveFile(readFileSync(file, 'utf8'), file, options)
    if (result.kind === 'woven') woven[file] = result.code
  }
  writeFileSync(replayFile(dir, setting), JSON.stringify(woven))
}

/** Bundlers that take our plain plugin object, as the entries of `src/transformer/bundlers` build it. */
const ROLLUP_FAMILY = new Set(['vite', 'rollup', 'rolldown'])

/**
 * The floor plugin for `node one-build.mjs <bundler> <hook|replay-annotated|replay-all|parse-annotated> <dir>`,
 * for the entry `entryName` (vite, rollup, rolldown, esbuild, webpack), built as ours is.
 */
export async function floorPlugin(floor, dir, entryName) {
  const [kind, setting] = floor.split('-')
  const { resolveOptions } = await import('../../dist/transformer/core/options.js')
  const options = resolveOptions({ root: dir, monitorAll: setting === 'all' })
  const woven = kind === 'hook' ? {} : JSON.parse(readFileSync(replayFile(dir, setting), 'utf8'))
  const parse = kind === 'parse' ? (await import('../../dist/transformer/text/parse.js')).parseFile : () => {}
  const filter = options.monitorAll ? undefined : { code: 'ErrorMonitor' }
  const handler = (source, id) => {
    parse(source, id)
    const code = woven[id]
    return code === undefined ? null : { code, map: null }
  }
  const name = `floor-${floor}`
  if (ROLLUP_FAMILY.has(entryName)) {
    return { name, enforce: 'pre', transform: { filter, handler: (source, id) => (options.accepts(id) ? handler(source, id) : null) } }
  }
  const { createUnplugin } = await import('unplugin')
  return createUnplugin(() => ({ name, enforce: 'pre', transformInclude: (id) => options.accepts(id), transform: { filter, handler } }))[entryName]()
}
