import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { EXPECTED_FORM } from '../../src/transformer/core/annotations.js'
import { buildCommand, type EntryName } from './app.js'
import { inPool, position, prepareProject, removeProject, runProcess, type ProcessResult } from './project.js'

const PASS_THROUGH_ENTRIES = ['vite', 'esbuild'] as const
// Vite parses with oxc too: a file our parser refuses cannot build there.
const REJECTED_ENTRIES = ['esbuild'] as const
const BAD_OPTION_ENTRIES = ['vite', 'esbuild', 'tspc'] as const

interface EdgeBuild {
  key: string
  entry: EntryName
  input: string
  outDir: string
}

const passThrough = (entry: EntryName): EdgeBuild => ({
  key: `${entry} private-chain`,
  entry,
  input: 'edge/private-chain.ts',
  outDir: `out/${entry}-private-chain`,
})
const elsewhere = (entry: EntryName): EdgeBuild => ({
  key: `${entry} private-chain-elsewhere`,
  entry,
  input: 'edge/private-chain-elsewhere.ts',
  outDir: `out/${entry}-private-chain-elsewhere`,
})
const badOption = (entry: EntryName): EdgeBuild => ({
  key: `${entry} bad-option`,
  entry,
  input: entry === 'tspc' ? 'tsconfig.bad-option.json' : 'edge/bad-option.ts',
  outDir: `out/${entry}-bad-option`,
})

let project = ''
const builds = new Map<string, ProcessResult>()

beforeAll(async () => {
  project = await prepareProject('edge')
  const all = [...REJECTED_ENTRIES.map(passThrough), ...PASS_THROUGH_ENTRIES.map(elsewhere), ...BAD_OPTION_ENTRIES.map(badOption)]
  await inPool(all, 2, async ({ key, entry, input, outDir }) => {
    const [command, args] = buildCommand(entry, input, outDir)
    builds.set(key, await runProcess(command, args, project))
  })
}, 120_000)

afterAll(() => {
  if (project) removeProject(project)
})

const logOf = (result: ProcessResult) => `${result.stdout}\n${result.stderr}`

describe.each(REJECTED_ENTRIES)('errorweave entry %s, a file its parser rejects in annotated code', (entry) => {
  // `declare accessor` is refused by oxc-parser: the bundler can build it, so the plugin
  // must not be the one to break the build.
  test('passes through untouched with one warning, and the build goes on', async () => {
    const { outDir } = passThrough(entry)
    const build = builds.get(passThrough(entry).key)!
    expect(build.code, logOf(build)).toBe(0)
    const file = path.join(project, 'edge/private-chain.ts')
    const where = position('edge/private-chain.ts', 'declare accessor', 'class Vault')
    expect(logOf(build)).toContain(`${file}:${where.line}:${where.column}: syntax error`)
    expect(logOf(build).split('passed through unwoven').length - 1).toBe(1)

    const output = readFileSync(path.join(project, outDir, 'private-chain.js'), 'utf8')
    expect(output).toContain('vault?.#secret')
    expect(output).not.toMatch(/__ew|capture\(/)
    const run = await runProcess(process.execPath, [path.join(outDir, 'private-chain.js')], project)
    expect(run.stdout.trim(), run.stderr).toBe('EWPEEK secret 42')
  })
})

describe.each(PASS_THROUGH_ENTRIES)('errorweave entry %s, a file the TypeScript parser rejected', (entry) => {
  test('weaves the annotated function without a warning; the bundler builds the rest', async () => {
    const { outDir } = elsewhere(entry)
    const build = builds.get(elsewhere(entry).key)!
    expect(build.code, logOf(build)).toBe(0)
    expect(logOf(build)).not.toContain('errorweave')
    const output = readFileSync(path.join(project, outDir, 'private-chain-elsewhere.js'), 'utf8')
    expect(output).toContain('vault?.#secret')
    expect(output).toMatch(/capture\(/)
    const run = await runProcess(process.execPath, [path.join(outDir, 'private-chain-elsewhere.js')], project)
    expect(run.stdout.trim(), run.stderr).toBe('EWPEEK secret 42')
  })
})

describe.each(BAD_OPTION_ENTRIES)('errorweave entry %s, invalid annotation options', (entry) => {
  test('fail the build with file:line:col and the expected form', () => {
    const build = builds.get(badOption(entry).key)!
    expect(build.code, logOf(build)).not.toBe(0)
    const file = path.join(project, 'edge/bad-option.ts')
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const problems = [
      { at: position('edge/bad-option.ts', 'describe()'), option: 'comment' },
      { at: position('edge/bad-option.ts', "'FATAL'"), option: 'severity' },
    ]
    for (const { at, option } of problems) {
      const line = new RegExp(`${escape(`${file}:${at.line}:${at.column}: `)}[^\\n]*'${option}'[^\\n]*${escape(EXPECTED_FORM)}`)
      expect(logOf(build)).toMatch(line)
    }
  })
})
