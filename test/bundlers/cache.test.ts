import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { appBuild, buildCommand, type EntryName } from './app.js'
import { inPool, prepareProject, removeProject, runProcess, type ProcessResult } from './project.js'

// Every bundler entry saves its weave at the end of a build (each maps that moment its
// own way) and the next build of the same project reads it back instead of weaving.
const CACHING_ENTRIES = ['vite', 'rollup', 'rolldown', 'esbuild', 'webpack', 'rspack', 'bun'] as const
const MARKER = 'read back from the pack'

interface Rebuild {
  project: string
  first: ProcessResult
  /** The project's pack after the first build: woven file -> entry. */
  pack: Record<string, { kind: string; code?: string }>
  second?: ProcessResult
  bundle: string
}

const weaveDirectory = (project: string) => path.join(project, 'node_modules', '.cache', 'errorweave', 'weave')

/** The pack files holding this project's files (the project is the build's root, so they hold only these). */
function packsOf(project: string): string[] {
  return readdirSync(weaveDirectory(project))
    // A pack being written is `<pack>.json.<pid>` until its rename: another test's build may be writing one.
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(weaveDirectory(project), name))
    .filter((file) => Object.keys(JSON.parse(readFileSync(file, 'utf8'))).some((key) => key.startsWith(`${project}/`)))
}

function bundleText(project: string, outDir: string): string {
  const dir = path.join(project, outDir)
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.c?js$/.test(file))
    .map((file) => readFileSync(path.join(dir, file), 'utf8'))
    .join('\n')
}

const rebuilds = new Map<EntryName, Rebuild>()

beforeAll(async () => {
  await inPool(CACHING_ENTRIES, 2, async (entry) => {
    const project = await prepareProject(`cache-${entry}`)
    const { input, outDir } = appBuild(entry)
    const build = (name: string) => {
      const [command, args] = buildCommand(entry, input, `${outDir}-${name}`)
      return runProcess(command, args, project)
    }
    const first = await build('first')
    const packs = first.code === 0 ? packsOf(project) : []
    const rebuild: Rebuild = { project, first, pack: packs.length === 1 ? JSON.parse(readFileSync(packs[0], 'utf8')) : {}, bundle: '' }
    rebuilds.set(entry, rebuild)
    if (packs.length !== 1) return
    // What the pack says is what the next build ships: a marker in one entry proves it was read.
    const billing = path.join(project, 'src', 'billing.ts')
    const tampered = structuredClone(rebuild.pack)
    tampered[billing].code += `\n;(globalThis as Record<string, unknown>).errorweaveMarker = '${MARKER}'\n`
    writeFileSync(packs[0], JSON.stringify(tampered))
    rebuild.second = await build('second')
    if (rebuild.second.code === 0) rebuild.bundle = bundleText(project, `${outDir}-second`)
  })
}, 240_000)

afterAll(() => {
  for (const { project } of rebuilds.values()) {
    // The tampered pack must not outlive its project.
    for (const pack of packsOf(project)) rmSync(pack, { force: true })
    removeProject(project)
  }
})

describe.each(CACHING_ENTRIES)('errorweave entry %s, built twice', (entry) => {
  test('the first build keeps every woven file of the project in one pack', () => {
    const { first, pack, project } = rebuilds.get(entry)!
    expect(first.code, `${first.stdout}\n${first.stderr}`).toBe(0)
    const woven = ['billing.ts', 'handlers.ts', 'sync.ts'].map((name) => path.join(project, 'src', name))
    // Files that only mention the name (here errorweave's own runtime, linked in) are kept as untouched.
    const wovenInPack = Object.keys(pack).filter((file) => pack[file].kind === 'woven')
    expect(wovenInPack.sort()).toEqual(woven)
    for (const file of woven) expect(pack[file].code, file).toContain('__ew')
  })

  test('the second build reads the woven files back from the pack', () => {
    const { second, bundle } = rebuilds.get(entry)!
    expect(second?.code, `${second?.stdout}\n${second?.stderr}`).toBe(0)
    expect(bundle).toContain(MARKER)
  })
})
