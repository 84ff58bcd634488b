import path from 'node:path'
import { expect } from 'vitest'
import { ROOT, TSPATCH_DIR, parseFrames, position } from './project.js'

/** The eight build entries; each builds the fixture the way a user's project would. */
export const ENTRY_NAMES = ['vite', 'rollup', 'rolldown', 'esbuild', 'webpack', 'rspack', 'bun', 'tspc'] as const
export type EntryName = (typeof ENTRY_NAMES)[number]

/** ts-patch's compiler, run by the current Node. */
export const TSPC = path.join(TSPATCH_DIR, 'node_modules/.bin/tspc')

/**
 * The command that builds `input` into `outDir` (both relative to the project).
 * For `tspc`, `input` is the tsconfig file and the tsconfig names the output directory.
 */
export function buildCommand(entry: EntryName, input: string, outDir: string): [string, string[]] {
  switch (entry) {
    case 'bun':
      return [path.join(ROOT, 'node_modules/.bin/bun'), ['build/bun.mjs', input, outDir]]
    case 'tspc':
      return [process.execPath, [TSPC, '-p', input]]
    default:
      return [process.execPath, [`build/${entry}.mjs`, input, outDir]]
  }
}

/** The fixture app built by one entry: what to build and which file to run. */
export function appBuild(entry: EntryName): { input: string; outDir: string; main: string } {
  const outDir = `out/${entry}`
  switch (entry) {
    case 'vite':
      return { input: 'index.html', outDir, main: `${outDir}/index.js` }
    case 'tspc':
      return { input: 'tsconfig.json', outDir, main: `${outDir}/main.js` }
    case 'webpack':
    case 'rspack':
      return { input: 'src/main.ts', outDir, main: `${outDir}/main.cjs` }
    default:
      return { input: 'src/main.ts', outDir, main: `${outDir}/main.js` }
  }
}

export type Report = Record<string, unknown> & { method: string; message: string }

export interface AppOutput {
  /** Reports delivered before the app printed EWDONE (after its `await flush()`). */
  reports: Report[]
  /** The stack of each caught error, by scenario. */
  stacks: Map<string, string>
  done: boolean
}

/** Parses the fixture app's console lines (see fixture-app/src/main.ts). */
export function parseAppOutput(lines: readonly string[]): AppOutput {
  const output: AppOutput = { reports: [], stacks: new Map(), done: false }
  for (const line of lines) {
    if (line === 'EWDONE') {
      output.done = true
      break
    }
    if (line.startsWith('EWREPORT ')) output.reports.push(JSON.parse(line.slice('EWREPORT '.length)) as Report)
    if (line.startsWith('EWSTACK ')) {
      const { scenario, stack } = JSON.parse(line.slice('EWSTACK '.length)) as { scenario: string; stack: string }
      output.stacks.set(scenario, stack)
    }
  }
  return output
}

/** The fields every test compares exactly (stack and timestamp vary by run). */
export const REPORT_FIELDS = [
  'class',
  'method',
  'line',
  'message',
  'severity',
  'futureCalls',
  'futureCallSites',
  'column',
  'file',
  'comment',
  'errorType',
  'woven',
  'caller',
  'chain',
] as const

/** The seed's six keys, first and always present. */
export const SEED_KEYS = ['class', 'method', 'line', 'message', 'severity', 'futureCalls']

export function pickFields(report: Report): Record<string, unknown> {
  return Object.fromEntries(REPORT_FIELDS.map((key) => [key, report[key]]))
}

/**
 * The three reports the fixture app produces, by innermost method. `syncCaller` is the
 * caller of syncUsers: its caller `runScenarios` is not woven, so it comes from the stack.
 */
export function expectedReports(syncCaller: unknown): Record<string, Record<string, unknown>> {
  return {
    price: {
      class: 'BillingService',
      method: 'price',
      ...position('src/billing.ts', 'throw new RangeError'),
      message: 'RangeError: negative amount: -5',
      severity: 'WARN',
      // Class options set no prediction and the app leaves the global setting off.
      futureCalls: [],
      futureCallSites: [],
      file: 'src/billing.ts',
      comment: 'billing path',
      errorType: 'RangeError',
      woven: true,
      caller: { function: 'BillingService.charge', file: 'src/billing.ts', line: position('src/billing.ts', 'const total').line },
      chain: [
        {
          class: 'BillingService',
          method: 'charge',
          ...position('src/billing.ts', 'const total'),
          file: 'src/billing.ts',
          futureCalls: ['this.record()', 'notify()'],
        },
      ],
    },
    syncUsers: {
      class: null,
      method: 'syncUsers',
      ...position('src/sync.ts', 'const users'),
      message: 'TypeError: bad id: x',
      severity: 'INFO',
      futureCalls: ['tick()', 'audit()', 'save()'],
      futureCallSites: [
        { call: 'tick()', ...position('src/sync.ts', 'tick()', 'const users'), conditional: false, resolved: 'tick' },
        { call: 'audit()', ...position('src/sync.ts', 'audit(users)'), conditional: true, resolved: 'audit' },
        { call: 'save()', ...position('src/sync.ts', 'save(users)'), conditional: false, resolved: 'save' },
      ],
      file: 'src/sync.ts',
      comment: 'user sync',
      errorType: 'TypeError',
      woven: true,
      caller: syncCaller,
      chain: [],
    },
    parseLength: {
      class: null,
      method: 'parseLength',
      ...position('src/handlers.ts', 'JSON.parse(input).value'),
      message: "TypeError: Cannot read properties of undefined (reading 'length')",
      severity: 'ERROR',
      futureCalls: [],
      futureCallSites: [],
      file: 'src/handlers.ts',
      comment: null,
      errorType: 'TypeError',
      woven: true,
      caller: { function: 'handle', file: 'src/handlers.ts', line: position('src/handlers.ts', 'const size').line },
      chain: [{ class: null, method: 'handle', ...position('src/handlers.ts', 'const size'), file: 'src/handlers.ts', futureCalls: [] }],
    },
  }
}

/** With source maps, the stack names the original module: its path ends in the fixture's file. */
export const mappedFile = (file: string) => expect.stringMatching(new RegExp(`(^|/)${file.replace(/\./g, '\\.')}$`))

/** A frame expected at an original position; `column` may be a range where bundlers' maps differ in detail. */
interface ExpectedFrame {
  file: string
  line: number
  column: number | readonly [number, number]
}

const frameAt = (file: string, snippet: string): ExpectedFrame => ({ file, ...position(file, snippet) })

/**
 * A property read that fails inside `expression`: V8 places it inside the member chain,
 * and each bundler's map resolves a position inside a chain to a different token of it.
 */
function frameWithin(file: string, expression: string, after?: string): ExpectedFrame {
  const start = position(file, expression, after)
  return { file, line: start.line, column: [start.column, start.column + expression.length - 1] }
}

/** The first frames of each stack the app prints, at original positions. */
export const EXPECTED_FRAMES: Record<string, ExpectedFrame[]> = {
  charge: [
    frameAt('src/billing.ts', 'new RangeError'),
    frameAt('src/billing.ts', 'price(amount)'),
    frameAt('src/main.ts', 'charge(-5)'),
  ],
  audit: [frameAt('src/billing.ts', "new Error('audit"), frameAt('src/main.ts', 'audit()')],
  syncUsers: [
    frameAt('src/sync.ts', 'new TypeError'),
    frameAt('src/sync.ts', 'map(parseId)'),
    frameAt('src/main.ts', 'await syncUsers'),
  ],
  handle: [
    frameWithin('src/handlers.ts', 'JSON.parse(input).value.length'),
    frameAt('src/handlers.ts', 'parseLength(request'),
    frameAt('src/main.ts', 'handle({'),
  ],
  plainParse: [
    frameWithin('src/handlers.ts', 'JSON.parse(input).value.length', 'function plainParse'),
    frameAt('src/main.ts', 'plainParse('),
  ],
  uncaught: [
    frameAt('src/billing.ts', 'new RangeError'),
    frameAt('src/billing.ts', 'price(amount)'),
    frameAt('src/main.ts', 'charge(-1)'),
  ],
}

/**
 * The first frames of `stack` as `file:line:column`, in the form of the expected ones
 * so that a mismatch shows as a plain diff. A column inside an expected range counts as it.
 */
export function compareFrames(
  stack: string,
  expected: readonly ExpectedFrame[],
  { columns = true } = {},
): { actual: string[]; expected: string[] } {
  const actual = parseFrames(stack)
    .slice(0, expected.length)
    .map((frame, i) => {
      const want = expected[i]
      const file = frame.file === want.file || frame.file.endsWith(`/${want.file}`) ? want.file : frame.file
      const inRange = Array.isArray(want.column) && frame.column >= want.column[0] && frame.column <= want.column[1]
      return columns ? `${file}:${frame.line}:${columnText(inRange ? want.column : frame.column)}` : `${file}:${frame.line}`
    })
  const wanted = expected.map((frame) => (columns ? `${frame.file}:${frame.line}:${columnText(frame.column)}` : `${frame.file}:${frame.line}`))
  return { actual, expected: wanted }
}

const columnText = (column: ExpectedFrame['column']) => (typeof column === 'number' ? String(column) : `${column[0]}-${column[1]}`)
