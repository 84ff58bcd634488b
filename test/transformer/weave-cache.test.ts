import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { resolveOptions, type ErrorWeaveOptions } from '../../src/transformer/core/options.js'
import { bundlerWeaver, type BundlerWeave } from '../../src/transformer/text/weave-cache.js'
import { weaveFile } from '../../src/transformer/text/weave-file.js'

const SOURCE = '/** @ErrorMonitor */\nexport function parse(text: string) {\n  const value = JSON.parse(text)\n  return value.id\n}\n'
const FILE = '/project/src/parse.ts'

const dirs: string[] = []
function temporary(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'errorweave-weave-cache-'))
  dirs.push(dir)
  return dir
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const optionsOf = (extra: ErrorWeaveOptions = {}) => resolveOptions({ root: '/project', ...extra })

/** One build: weaves each file with a fresh weaver over `cache`, then saves as the build's end does. */
function build(cache: string, files: Array<[code: string, fileName: string]>, withMap = false, extra: ErrorWeaveOptions = {}): BundlerWeave[] {
  const weaver = bundlerWeaver(optionsOf(extra), cache)
  const results = files.map(([code, fileName]) => weaver.weave(code, fileName, withMap))
  weaver.save()
  return results
}

function packFiles(cache: string): string[] {
  const weaves = path.join(cache, 'weave')
  return existsSync(weaves) ? readdirSync(weaves).map((name) => path.join(weaves, name)) : []
}

function direct(code: string, fileName = FILE, extra: ErrorWeaveOptions = {}) {
  const result = weaveFile(code, fileName, optionsOf(extra))
  if (result.kind !== 'woven') throw new Error(`expected a woven file, got ${result.kind}`)
  return result
}

test('the next build reads a known file back from the pack instead of weaving it', () => {
  const cache = temporary()
  const [first] = build(cache, [[SOURCE, FILE]])
  expect(first).toEqual({ kind: 'woven', code: direct(SOURCE).code, map: null })
  const [pack] = packFiles(cache)
  const entries = JSON.parse(readFileSync(pack, 'utf8'))
  expect(Object.keys(entries)).toEqual([FILE])
  // Whatever the pack holds is what the next build gets: proof that it did not weave again.
  entries[FILE].code = 'export const fromThePack = true\n'
  writeFileSync(pack, JSON.stringify(entries))
  expect(build(cache, [[SOURCE, FILE]])[0]).toEqual({ kind: 'woven', code: 'export const fromThePack = true\n', map: null })
})

test('an edited file, another path or other options are woven anew', () => {
  const cache = temporary()
  build(cache, [[SOURCE, FILE]])
  const [pack] = packFiles(cache)
  const entries = JSON.parse(readFileSync(pack, 'utf8'))
  entries[FILE].code = 'stale'
  writeFileSync(pack, JSON.stringify(entries))

  const edited = SOURCE.replace('value.id', 'value.name')
  const [afterEdit] = build(cache, [[edited, FILE]])
  expect(afterEdit).toEqual({ kind: 'woven', code: direct(edited).code, map: null })
  const [elsewhere] = build(cache, [[SOURCE, '/project/src/other.ts']])
  expect(elsewhere).toEqual({ kind: 'woven', code: direct(SOURCE, '/project/src/other.ts').code, map: null })
  const [otherOptions] = build(cache, [[SOURCE, FILE]], false, { futureCalls: { enabled: false } })
  expect(otherOptions).toEqual({ kind: 'woven', code: direct(SOURCE, FILE, { futureCalls: { enabled: false } }).code, map: null })
  expect(packFiles(cache)).toHaveLength(2)
})

test('a build with maps gets the same map as a fresh weave, also when the file was kept without one', () => {
  const cache = temporary()
  build(cache, [[SOURCE, FILE]], false)
  const expected = direct(SOURCE).map()
  const [made] = build(cache, [[SOURCE, FILE]], true)
  expect(made.kind === 'woven' && made.map?.toString()).toBe(expected.toString())
  const [readBack] = build(cache, [[SOURCE, FILE]], true)
  expect(readBack.kind === 'woven' && readBack.map?.toUrl()).toBe(expected.toUrl())
  const [withoutMap] = build(cache, [[SOURCE, FILE]], false)
  expect(withoutMap).toEqual({ kind: 'woven', code: direct(SOURCE).code, map: null })
})

test('files with nothing to weave are kept too; syntax errors and invalid annotations are not, so their messages come every build', () => {
  const cache = temporary()
  const mentionOnly = '// ErrorMonitor is not used here\nexport const answer = 42\n'
  const broken = '/** @ErrorMonitor */\nexport function broken( {\n'
  const invalid = "/** @ErrorMonitor({ severity: 'LOUD' }) */\nexport function f() {}\n"
  const files: Array<[string, string]> = [
    [mentionOnly, '/project/src/mention.ts'],
    [broken, '/project/src/broken.ts'],
    [invalid, '/project/src/invalid.ts'],
  ]
  const first = build(cache, files).map((result) => result.kind)
  expect(first).toEqual(['untouched', 'syntax-error', 'invalid-annotation'])
  expect(Object.keys(JSON.parse(readFileSync(packFiles(cache)[0], 'utf8')))).toEqual(['/project/src/mention.ts'])
  expect(build(cache, files).map((result) => result.kind)).toEqual(first)
})

test('a damaged pack is ignored and written anew; packs of another errorweave version are removed', () => {
  const cache = temporary()
  build(cache, [[SOURCE, FILE]])
  const [pack] = packFiles(cache)
  const old = path.join(cache, 'weave', '0000000000000000-settings.json')
  writeFileSync(old, '{}')
  writeFileSync(pack, '{"truncated')
  expect(build(cache, [[SOURCE, FILE]])[0]).toEqual({ kind: 'woven', code: direct(SOURCE).code, map: null })
  expect(packFiles(cache)).toEqual([pack])
  expect(JSON.parse(readFileSync(pack, 'utf8'))[FILE].code).toBe(direct(SOURCE).code)
})

/** Real source files: a build's end keeps entries of files it did not ask for only while they exist. */
function project(names: string[]): string[] {
  const dir = temporary()
  return names.map((name) => {
    const file = path.join(dir, name)
    writeFileSync(file, SOURCE)
    return file
  })
}

const packedFiles = (cache: string) => Object.keys(JSON.parse(readFileSync(packFiles(cache)[0], 'utf8'))).sort()

test('two builds writing one pack keep both their files', () => {
  const cache = temporary()
  const [a, b] = project(['a.ts', 'b.ts'])
  const options = optionsOf()
  const first = bundlerWeaver(options, cache)
  const second = bundlerWeaver(options, cache)
  first.weave(SOURCE, a, false)
  second.weave(SOURCE, b, false)
  first.save()
  second.save()
  expect(packedFiles(cache)).toEqual([a, b])
})

test('entries of deleted files are dropped when a build ends; files the build did not ask for stay while they exist', () => {
  const cache = temporary()
  const [kept, deleted, later] = project(['kept.ts', 'deleted.ts', 'later.ts'])
  build(cache, [
    [SOURCE, kept],
    [SOURCE, deleted],
    [SOURCE, `${later}?v=1`],
  ])
  rmSync(deleted)
  // A rebuild that weaves nothing new still drops the deleted file.
  build(cache, [[SOURCE, kept]])
  expect(packedFiles(cache)).toEqual([kept, `${later}?v=1`])
  rmSync(later)
  build(cache, [[SOURCE, kept]])
  expect(packedFiles(cache)).toEqual([kept])
})

const WEAVE_CACHE = path.resolve(__dirname, '../../dist/transformer/text/weave-cache.js')
const OPTIONS = path.resolve(__dirname, '../../dist/transformer/core/options.js')

/** A build in a fresh process in `cwd` with the plugin's default cache directory. */
function buildInFreshProcess(cwd: string, options: ErrorWeaveOptions): void {
  const script = `
    const { bundlerWeaver } = await import(${JSON.stringify(WEAVE_CACHE)})
    const { resolveOptions } = await import(${JSON.stringify(OPTIONS)})
    const weaver = bundlerWeaver(resolveOptions({ root: process.cwd(), ...${JSON.stringify(options)} }))
    if (weaver.weave(${JSON.stringify(SOURCE)}, 'parse.ts', false).kind !== 'woven') process.exit(3)
    weaver.save()`
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd })
}

test("the plugin keeps its pack under the project's node_modules/.cache, and none when told not to or without node_modules", () => {
  const withModules = temporary()
  mkdirSync(path.join(withModules, 'node_modules'))
  buildInFreshProcess(withModules, {})
  expect(readdirSync(path.join(withModules, 'node_modules', '.cache', 'errorweave', 'weave'))).toHaveLength(1)

  const disabled = temporary()
  mkdirSync(path.join(disabled, 'node_modules'))
  buildInFreshProcess(disabled, { cache: false })
  expect(existsSync(path.join(disabled, 'node_modules', '.cache', 'errorweave', 'weave'))).toBe(false)

  const bare = temporary()
  buildInFreshProcess(bare, {})
  expect(readdirSync(bare)).toEqual([])
})

test('a cache directory that cannot be used only loses the speed-up', () => {
  const blocker = path.join(temporary(), 'a-file')
  writeFileSync(blocker, 'not a directory')
  const [result] = build(path.join(blocker, 'cache'), [[SOURCE, FILE]])
  expect(result).toEqual({ kind: 'woven', code: direct(SOURCE).code, map: null })
  expect(readFileSync(blocker, 'utf8')).toBe('not a directory')
})
