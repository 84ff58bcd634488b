/**
 * What an app installs to run woven code: this repo packed as npm publishes it (`npm
 * pack`, so `files` and `dependencies` decide), then installed from that tarball into an
 * empty project with `npm install --omit=dev` (dependencies come from the registry).
 * Sizes are the files' bytes (not disk blocks), per package under node_modules.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT, WORK } from '../lib/paths.mjs'

export function installSize() {
  const dir = path.join(WORK, 'install')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const tarball = path.join(dir, execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop())
  const app = path.join(dir, 'app')
  mkdirSync(app)
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'install-probe', private: true }))
  execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock', tarball], { cwd: app, stdio: 'ignore' })
  const modules = path.join(app, 'node_modules')
  const packages = packageDirs(modules)
    .map((name) => ({ name, bytes: bytesUnder(path.join(modules, name)) }))
    .sort((a, b) => b.bytes - a.bytes)
  return { tarballBytes: statSync(tarball).size, installedBytes: packages.reduce((sum, p) => sum + p.bytes, 0), packages }
}

/** Top-level packages, scoped ones by their full name. */
function packageDirs(modules) {
  return readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? readdirSync(path.join(modules, name)).map((inner) => `${name}/${inner}`) : [name]))
}

function bytesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size, 0)
}
