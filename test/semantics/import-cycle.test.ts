import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Report } from 'errorweave'
import { describe, expect, test } from 'vitest'
import { compile, nativeImport, scratchDirectory, type Flavor } from '../helpers/weave.js'

/**
 * In an import cycle a woven function can run before its module's header: the module
 * it imports calls it while being evaluated. The header's variables are then still
 * undefined (hoisted `var`s), which must neither throw nor lose the rejection of a
 * returned promise: it is reported once, without a place, as capture() does without a table.
 */
const woven = `
import { started } from './caller.mjs'
/** @ErrorMonitor */
export async function early(fail: boolean) { return fail ? Promise.reject(new Error('early')) : Promise.resolve('fine') }
export const results = started
`
const caller = `
import { early } from './woven.mjs'
const settle = (p) => p.then((value) => ({ value }), (error) => ({ threw: error.message }))
export const started = Promise.all([settle(early(false)), settle(early(true))])
`

const { configure, flush }: typeof import('errorweave') = await nativeImport('errorweave')
let runs = 0

async function run(flavor: Flavor) {
  const reports: Report[] = []
  configure({ beforeSend: (report) => (reports.push(report), null) })
  const dir = scratchDirectory(`import-cycle-${flavor}-${++runs}`)
  const js = compile(woven, flavor, {}, 'test/semantics/import-cycle.ts')
  writeFileSync(path.join(dir, 'woven.mjs'), js)
  writeFileSync(path.join(dir, 'caller.mjs'), caller)
  const module = await nativeImport(pathToFileURL(path.join(dir, 'woven.mjs')).href)
  const results = await module.results
  await flush()
  return { js, results, reports }
}

describe('a woven async function called through an import cycle before its module header ran', () => {
  test.each(['text', 'tsc'] as const)('%s emitter: same results as plain, the rejection reported once without a place', async (flavor) => {
    const plain = await run('plain')
    const wovenRun = await run(flavor)
    expect(wovenRun.js).toContain('__ew.watch(')
    expect(wovenRun.results).toEqual(plain.results)
    expect(plain.reports).toEqual([])
    expect(wovenRun.reports).toHaveLength(1)
    expect(wovenRun.reports[0]).toMatchObject({ message: 'Error: early', woven: true, line: null })
  })
})
