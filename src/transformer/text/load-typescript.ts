import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import vm from 'node:vm'
import type TS from 'typescript'
import { cacheDirectory, writeAtomically } from './cache-directory.js'

let typescript: typeof TS | undefined

/**
 * The bundler entries' parser, loaded on the first file that needs it: a build without
 * annotations never pays for it. TypeScript is an optional peer dependency (23 MB that an
 * app running only the runtime should not install), found beside errorweave or in the
 * project. Compiling the 9 MB compiler is most of a cold load (150 of 185 ms); V8's code
 * cache, kept under the project's node_modules/.cache, brings the load to about 60 ms
 * from the second build on.
 */
export function loadTypeScript(): typeof TS {
  return (typescript ??= compileTypeScript())
}

/**
 * The one-line complaint when `version` is not TypeScript 5 or 6: 7 is the native
 * compiler, whose package has no compiler API (its main module exports the version only).
 */
export function typeScriptProblem(version: string | undefined, user: string, fix: string): string | undefined {
  if (version && /^[56]\./.test(version)) return undefined
  return `errorweave: ${user} needs TypeScript 5 or 6, found ${version ?? 'none'}; ${fix}`
}

function compileTypeScript(): typeof TS {
  const found = findTypeScript()
  const problem = typeScriptProblem(found?.version, 'the bundler entry', 'install it with npm install -D typescript@5')
  if (problem || !found) throw new Error(problem)
  const file = found.require.resolve('typescript')
  const cacheFile = codeCacheFile(found.version)
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

/** The `typescript` beside errorweave (its optional peer) or else the project's, without loading it. */
export function findTypeScript(): { require: NodeJS.Require; version: string } | undefined {
  for (const require of [createRequire(import.meta.url), createRequire(path.join(process.cwd(), 'package.json'))]) {
    try {
      return { require, version: (require('typescript/package.json') as { version: string }).version }
    } catch {
      // Not there: look in the next place.
    }
  }
  return undefined
}

/** One cache per compiler version and Node build: V8 rejects a cache made by another. */
function codeCacheFile(version: string): string | undefined {
  const directory = cacheDirectory()
  if (!directory) return undefined
  return path.join(directory, `typescript-${version}-node-${process.version}-${process.arch}.cache`)
}
