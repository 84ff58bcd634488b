import { expect } from 'vitest'
import type { Report } from 'errorweave'
import { compile, importCompiled, nativeImport, type Flavor } from '../helpers/weave.js'
import { caseSource, PRELUDE_FUNCTIONS } from './case-source.js'

/**
 * One differential case: a small TypeScript module (the prelude below is put in
 * front of it) exporting `run()`, which returns an observation made of plain data.
 * The observation must be the same plain, woven by the text emitter and woven by
 * the AST emitter.
 */
export interface SemanticCase {
  name: string
  code: string
  /** Which decorator semantics the module is compiled with (default: legacy). */
  decorators?: 'legacy' | 'standard'
  /** Build option `monitorAll` (the prelude's own functions are then woven too). */
  monitorAll?: boolean
  /** How many functions the weave must wrap (counted as `__ew.capture(` in the output). */
  woven: number
  /** The reports the woven builds must send, as `Class.method` or `method`, in any order. */
  reports: string[]
  /** Shapes both woven outputs must have, where behaviour alone cannot show it (directives). */
  wovenMatches?: RegExp[]
}

/**
 * Shared by every case. `BOOM` is the module's sentinel: `label` turns a caught value
 * into 'BOOM' only when it is that very object, so identity is part of the observation.
 */
const runtime: typeof import('errorweave') = await nativeImport('errorweave')

const sent: Report[] = []
runtime.configure({
  beforeSend: (report) => {
    sent.push(report)
    return null
  },
})

const load = (js: string, file: string) => importCompiled<{ run(): unknown }>(js, file)

interface Run {
  observation: unknown
  js: string
  reports: Report[]
}

async function runFlavor(c: SemanticCase, flavor: Flavor, file: string): Promise<Run> {
  const { code, compilerOptions } = caseSource(c)
  const js = compile(code, flavor, { weave: { monitorAll: c.monitorAll }, compilerOptions }, file)
  const module = await load(js, file)
  const observation = await module.run()
  await runtime.flush()
  const reports = sent.filter((report) => report.file === file)
  return { observation, js, reports }
}

/** One entry per occurrence: an aggregated report stands for `count` escaped errors. */
function reportNames(reports: Report[]): string[] {
  return reports.flatMap((report) => {
    const name = report.class ? `${report.class}.${report.method}` : report.method
    return Array<string>((report as { count?: number }).count ?? 1).fill(name)
  })
}

/** Compiles and runs `c` three ways and checks the woven runs against the plain one. */
export async function runCase(c: SemanticCase, group: string, index: number): Promise<void> {
  const file = (flavor: Flavor) => `test/semantics/.cases/${group}-${index}.${flavor}.ts`
  const plain = await runFlavor(c, 'plain', file('plain'))
  expect(plain.js).not.toContain('__ew.capture')
  const expectedWoven = c.woven + (c.monitorAll ? PRELUDE_FUNCTIONS : 0)
  for (const flavor of ['text', 'tsc'] as const) {
    const woven = await runFlavor(c, flavor, file(flavor))
    expect(woven.js.split('__ew.capture(').length - 1, `${flavor}: woven functions`).toBe(expectedWoven)
    for (const shape of c.wovenMatches ?? []) expect(woven.js, `${flavor}: woven shape`).toMatch(shape)
    expect(woven.observation, `${flavor}: observation`).toStrictEqual(plain.observation)
    expect(reportNames(woven.reports).sort(), `${flavor}: reports`).toStrictEqual([...c.reports].sort())
    for (const report of woven.reports) expect(report.woven, `${flavor}: report.woven`).toBe(true)
  }
}
