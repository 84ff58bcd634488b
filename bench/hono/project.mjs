/**
 * hono, a real project for the build and size benchmarks, fetched at run time from the
 * npm registry into .tmp (git-ignored, never committed). No npm package ships hono's
 * TypeScript sources (the `hono` tarball has only `dist/`: ESM JavaScript, CommonJS and
 * declarations), so the project is its published ESM JavaScript: `dist/**\/*.js`
 * without `dist/cjs` and `dist/types`, 191 files, 0.43 MB.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from '../lib/paths.mjs'
import { installRuntime } from '../lib/runtime.mjs'

export const HONO_VERSION = '4.13.23'
const DOWNLOAD = path.join(ROOT, '.tmp', 'hono-package')

/** Every JavaScript file of `dir`/src, relative to `dir`/src, sorted. */
export function sourceFiles(dir) {
  return readdirSync(path.join(dir, 'src'), { recursive: true })
    .filter((name) => name.endsWith('.js'))
    .sort()
}

/**
 * A project at `dir` whose src/ is hono's ESM build, with the runtime installed.
 * `annotated`: one file in ten (every tenth, sorted by path) gets `@ErrorMonitor` in the
 * JSDoc of each of its top-level functions and classes.
 */
export function honoProject(dir, { annotated = false } = {}) {
  const dist = fetchHono()
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  cpSync(dist, path.join(dir, 'src'), { recursive: true, filter: (file) => !/[\\/]dist[\\/](cjs|types)$/.test(file) })
  if (annotated) {
    sourceFiles(dir).forEach((name, i) => {
      if (i % 10 !== 0) return
      const file = path.join(dir, 'src', name)
      writeFileSync(file, annotateTopLevel(readFileSync(file, 'utf8')))
    })
  }
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-hono', private: true, type: 'module' }, null, 2))
  writeFileSync(path.join(dir, LIBRARY_ENTRIES), JSON.stringify(libraryEntries(path.dirname(dist))))
  installRuntime(dir)
  return dir
}

/** The `@ErrorMonitor` JSDoc before each top-level function declaration, arrow-function constant and class. */
function annotateTopLevel(code) {
  return code.replace(/^((?:export )?(?:async )?(?:function\*? |class )|(?:export )?(?:const|let|var) \w+ = (?:async )?(?:\([^)\n]*\)|\w+) =>)/gm, '/** @ErrorMonitor */\n$1')
}

/** The file one-build.mjs's `vite-lib` build takes its entries from: name -> file under src/. */
export const LIBRARY_ENTRIES = 'entries.json'

/** The entries of a library build as hono's package exports them (`hono/jsx` -> src/jsx/index.js). */
function libraryEntries(packageDir) {
  const { exports } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'))
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([name, target]) => !name.includes('*') && typeof target === 'object' && target.import?.startsWith('./dist/'))
      .map(([name, target]) => [name === '.' ? 'index' : name.slice(2), target.import.replace('./dist/', 'src/')]),
  )
}

/** hono's dist/ from the registry (`npm pack`), once per version. */
function fetchHono() {
  const unpacked = path.join(DOWNLOAD, HONO_VERSION)
  const dist = path.join(unpacked, 'package', 'dist')
  if (existsSync(dist)) return dist
  rmSync(unpacked, { recursive: true, force: true })
  mkdirSync(unpacked, { recursive: true })
  const tarball = execFileSync('npm', ['pack', `hono@${HONO_VERSION}`, '--silent', '--pack-destination', unpacked], { encoding: 'utf8' }).trim().split('\n').pop()
  execFileSync('tar', ['xzf', path.join(unpacked, tarball), '-C', unpacked])
  return dist
}
