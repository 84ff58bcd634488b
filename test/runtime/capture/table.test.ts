import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, expect, test, vi } from 'vitest'
import { table } from '../../../src/runtime/capture/table.js'
import { RUNTIME_TMP, runNode, tagged, warnings } from '../helpers/processes.js'

afterEach(() => {
  vi.restoreAllMocks()
})

/**
 * `fixtures/control-flow.format-2.js` is a real module as the tsc emitter wove it before
 * table format 3 (commit b455b82, test/transformer/__snapshots__/control-flow.ts.tsc.js):
 * its table has no format number. Loaded twice under two names by a real Node process
 * with this runtime, it must load and run exactly as written, report its error without
 * a place, and say why once.
 */
test('modules woven by an older errorweave load, run and report without their place, with one warning', async () => {
  const directory = path.join(RUNTIME_TMP, `format-2-${process.pid}`)
  mkdirSync(directory, { recursive: true })
  for (const name of ['first', 'second']) copyFileSync(path.join(__dirname, 'fixtures', 'control-flow.format-2.js'), path.join(directory, `${name}.mjs`))
  const app = path.join(directory, 'app.mjs')
  writeFileSync(
    app,
    `import { configure, flush } from 'errorweave'
const reports = []
configure({ beforeSend: (report) => (reports.push(report), null) })
for (const name of ['first', 'second']) {
  const module = await import('./' + name + '.mjs')
  console.log('observation ' + JSON.stringify(await module.scenario()))
}
await flush()
for (const report of reports) console.log('report ' + JSON.stringify(report))
`,
  )
  const run = await runNode(app, { cwd: directory })
  expect(run.code, run.stderr).toBe(0)
  // test/transformer/fixtures/control-flow.ts: 'skip' continues, 'stop' breaks, then notify and finish; ['bad'] throws in count().
  const observed = { first: 5, log: ['a', 'b', 'notified', 'finished'], failure: 'bad item' }
  expect(tagged(run.stdout, 'observation')).toEqual([observed, observed])
  const reports = tagged(run.stdout, 'report')
  expect(reports).toHaveLength(2)
  for (const report of reports) expect(report).toMatchObject({ message: 'Error: bad item', woven: true, mechanism: 'woven', method: '<unknown>', line: null, file: null, futureCalls: [] })
  expect(warnings(run.stderr)).toEqual([expect.stringContaining('woven by another errorweave version')])
})

test('a damaged table or one of another format is not read, and the runtime says so once', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  for (const json of ['{', '"text"', 'null', '[2, "src/a.ts", [], [], 0]', '[3, "src/a.ts", 5, [], 0]', '[3, "src/a.ts", [], [[null, "f", 1, 1, null]], 0]']) {
    expect(table(json), json).toBeUndefined()
  }
  expect(warn).toHaveBeenCalledTimes(1)
  expect(table('[3, "src/a.ts", [["this.#save()", 2, 5, "Store."]], [[null, "f", 1, 1, [[1, 3, 0]]]], 0]')).toEqual({
    file: 'src/a.ts',
    calls: [['this.#save()', 2, 5, 'Store.#save']],
    functions: [[null, 'f', 1, 1, [[2, 3, 0]]]],
  })
})
