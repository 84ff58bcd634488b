import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import vm from 'node:vm'
import type TS from 'typescript'
import { cacheDirectory, writeAtomically } from './cache-directory.js'

let typescript: typeof TS | undefined

/**
 * Our own TypeScript (the project's may be 7, with no JS API, or absent), loaded on the
 * first file that needs it: a build without annotations never pays for it. Compiling
 * the 9 MB compiler is most of a cold load (150 of 185 ms); V8's code cache, kept under
 * the project's node_modules/.cache, brings the load to about 60 ms from the second build on.
 */
export function loadTypeScript(): typeof TS {
  return (typescript ??= compileTypeScript())
}

function compileTypeScript(): typeof TS {
  const require = createRequire(import.meta.url)
  const file = require.resolve('typescript')
  const cacheFile = codeCacheFile(require)
  let cachedData: Buffer | undefined
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile)
  } catch {
    // No cache yet: this build writes it.
  }
  const source = readFileSync(file, 'utf8')
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData })
  const module = { exports: {} as typeof TS }
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file))
  // Written after the first file is parsed, so the parser's own functions are in it too.
  if (cacheFile && (!cachedData || script.cachedDataRejected)) setImmediate(() => writeAtomically(cacheFile, script.createCachedData()))
  return module.exports
}

/** One cache per compiler version and Node build: V8 rejects a cache made by another. */
function codeCacheFile(require: NodeJS.Require): string | undefined {
  const directory = cacheDirectory()
  if (!directory) return undefined
  const { version } = require('typescript/package.json') as { version: string }
  return path.join(directory, `typescript-${version}-node-${process.version}-${process.arch}.cache`)
}
