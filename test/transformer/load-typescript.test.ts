import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, expect, test } from 'vitest'

const WEAVE_FILE = path.resolve(__dirname, '../../dist/transformer/text/weave-file.js')
const SOURCE = '/** @ErrorMonitor */\nexport function parse(text: string) {\n  return JSON.parse(text)\n}\n'

/** A fresh Node process in `cwd` weaves one file, as a cold build does, and prints the result's kind. */
function weaveInFreshProcess(cwd: string): string {
  const script = `
    const { weaveFile } = await import(${JSON.stringify(WEAVE_FILE)})
    const { resolveOptions } = await import(${JSON.stringify(path.resolve(__dirname, '../../dist/transformer/core/options.js'))})
    console.log(weaveFile(${JSON.stringify(SOURCE)}, 'parse.ts', resolveOptions({ root: process.cwd() })).kind)`
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' }).trim()
}

const dirs: string[] = []
function project(withModules: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'errorweave-ts-cache-'))
  dirs.push(dir)
  if (withModules) mkdirSync(path.join(dir, 'node_modules'))
  return dir
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const cacheDir = (dir: string) => path.join(dir, 'node_modules', '.cache', 'errorweave')

test("the first build writes TypeScript's code cache under the project's node_modules/.cache", () => {
  const dir = project(true)
  expect(weaveInFreshProcess(dir)).toBe('woven')
  const files = readdirSync(cacheDir(dir))
  expect(files).toEqual([`typescript-${typescriptVersion()}-node-${process.version}-${process.arch}.cache`])
  expect(statSync(path.join(cacheDir(dir), files[0])).size).toBeGreaterThan(100_000)
})

test('a damaged cache is rejected by V8, weaving still works and the cache is written anew', () => {
  const dir = project(true)
  weaveInFreshProcess(dir)
  const [file] = readdirSync(cacheDir(dir)).map((name) => path.join(cacheDir(dir), name))
  const good = readFileSync(file)
  writeFileSync(file, Buffer.alloc(good.length, 7))
  expect(weaveInFreshProcess(dir)).toBe('woven')
  expect(readFileSync(file).equals(Buffer.alloc(good.length, 7))).toBe(false)
})

test('a directory without node_modules gets none: the build works without a cache', () => {
  const dir = project(false)
  expect(weaveInFreshProcess(dir)).toBe('woven')
  expect(existsSync(path.join(dir, 'node_modules'))).toBe(false)
})

function typescriptVersion(): string {
  return (JSON.parse(readFileSync(path.resolve(__dirname, '../../node_modules/typescript/package.json'), 'utf8')) as { version: string }).version
}
