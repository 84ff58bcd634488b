import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './paths.mjs'

/**
 * The runtime build under test: the repo's dist/, or another build named by BENCH_DIST
 * (for instance a build of an older commit, to compare).
 */
export const RUNTIME_DIST = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : path.join(ROOT, 'dist')

/**
 * Makes `dir` a project of its own with the runtime installed as a real dependency (a
 * copy, as users get it), so that `errorweave` imported by code under `dir` resolves to
 * it. Its own package.json matters: without it, code under the repo would resolve
 * `errorweave` to the repo itself (package self-reference), not to the installed copy.
 */
export function installRuntime(dir) {
  const manifest = path.join(dir, 'package.json')
  if (!existsSync(manifest)) writeFileSync(manifest, JSON.stringify({ name: `bench-${path.basename(dir)}`, private: true, type: 'module' }, null, 2))
  const target = path.join(dir, 'node_modules', 'errorweave')
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  cpSync(path.join(ROOT, 'package.json'), path.join(target, 'package.json'))
  cpSync(RUNTIME_DIST, path.join(target, 'dist'), { recursive: true, filter: (file) => !file.endsWith('.map') })
  return target
}
