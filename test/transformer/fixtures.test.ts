import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Report } from 'errorweave'
import { describe, expect, test } from 'vitest'
import { compile, importCompiled, nativeImport, TS_MAJOR, weaveText, type Flavor } from '../helpers/weave.js'

// TypeScript 5.9 and 6 print the AST emitter's output identically: one snapshot serves both.

/**
 * One fixture per construct: input -> woven output snapshot (both emitters) -> executed
 * plain and woven, which must behave alike, the woven runs giving exactly the expected reports.
 * `*.all.ts` fixtures are woven with `monitorAll`.
 */
const directory = path.join(__dirname, 'fixtures')
const fixtures = readdirSync(directory).filter((name) => name.endsWith('.ts'))

interface Fixture {
  scenario: () => Promise<unknown>
  expectedReports: Array<Record<string, unknown>>
}

/** The runtime instance the compiled modules share (see nativeImport). */
const { configure, flush }: typeof import('errorweave') = await nativeImport('errorweave')

async function run(code: string, flavor: Flavor, name: string, monitorAll: boolean) {
  const reports: Report[] = []
  configure({ beforeSend: (report) => (reports.push(report), report) })
  const js = compile(code, flavor, { weave: { monitorAll } }, `test/transformer/fixtures/${name}`)
  const fixture = await importCompiled<Fixture>(js, name)
  const observation = await fixture.scenario()
  await flush()
  return { observation, reports, expected: fixture.expectedReports, js }
}

describe.each(fixtures)('%s', (name) => {
  const code = readFileSync(path.join(directory, name), 'utf8')
  const monitorAll = name.endsWith('.all.ts')
  const file = `test/transformer/fixtures/${name}`

  test('text emitter output', async () => {
    await expect(weaveText(code, file, { monitorAll })).toMatchFileSnapshot(`__snapshots__/${name}.text.ts`)
  })

  test(`AST emitter output (TypeScript ${TS_MAJOR})`, async () => {
    await expect(compile(code, 'tsc', { weave: { monitorAll } }, file)).toMatchFileSnapshot(`__snapshots__/${name}.tsc.js`)
  })

  test('both emitters write the same table, byte for byte', () => {
    const table = (js: string) => /__ew\.table\(("(?:[^"\\]|\\.)*")\)/.exec(js)?.[1]
    const fromText = table(compile(code, 'text', { weave: { monitorAll } }, file))
    expect(fromText).toBeDefined()
    expect(table(compile(code, 'tsc', { weave: { monitorAll } }, file))).toBe(fromText)
  })

  test('both emitters watch the same returns through the same handlers', () => {
    // The handler list (`[fn, statement]` per site) and which site each watched return uses.
    const watching = (js: string) => ({
      sites: /__ew\.watchers\(__ew_T, (\[[^;]*\])\)/.exec(js)?.[1].replace(/\s/g, '') ?? null,
      uses: [...js.matchAll(/__ew_W, (\d+)\)/g)].map((match) => Number(match[1])),
    })
    expect(watching(compile(code, 'tsc', { weave: { monitorAll } }, file))).toEqual(watching(compile(code, 'text', { weave: { monitorAll } }, file)))
  })

  test.each(['text', 'tsc'] as const)('woven by the %s emitter: runs like plain and reports exactly', async (flavor) => {
    const plain = await run(code, 'plain', name, monitorAll)
    const woven = await run(code, flavor, name, monitorAll)
    expect(woven.js).toContain('__ew.capture(')
    expect(woven.observation).toEqual(plain.observation)
    expect(plain.reports.every((report) => !report.woven)).toBe(true)
    expect(woven.reports).toHaveLength(woven.expected.length)
    expect(woven.reports).toMatchObject(woven.expected.map((expected) => ({ woven: true, file, ...expected })))
  })
})
