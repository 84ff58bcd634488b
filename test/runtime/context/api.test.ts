import { afterEach, beforeAll, beforeEach, expect, test } from 'vitest'
import type { Report } from 'errorweave'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { compile, importCompiled, nativeImport, ROOT } from '../../helpers/weave.js'

const { captureException, configure, flush, resetConfiguration, setContext, setTag, setUser, withContext }: typeof import('errorweave') = await nativeImport('errorweave')

const SOURCE = `
/** @ErrorMonitor */
export function fail(message: string) {
  throw new Error(message)
}
`
let fail: (message: string) => never
const reports: Report[] = []

beforeAll(async () => {
  ;({ fail } = await importCompiled<{ fail: typeof fail }>(compile(SOURCE, 'text', {}, 'src/fail.ts'), 'context-api'))
})
beforeEach(() => configure({ aggregateWindowMs: 0, transports: [(report) => void reports.push(report)] }))
afterEach(() => {
  reports.length = 0
  setUser(null)
  setTag('release-train', null)
  setContext('order', null)
  resetConfiguration()
})

function failQuietly(message: string): void {
  try {
    fail(message)
  } catch {
    // reported by the woven function
  }
}

async function reported(): Promise<Report[]> {
  expect(await flush()).toBe(true)
  return reports
}

test('setUser, setTag and setContext outside any request fill every report of the process', async () => {
  setUser({ id: 'user01', role: 'ROLE_BUSINESS' })
  setTag('release-train', 'blue')
  setContext('order', { id: 42, items: 3 })
  failQuietly('first')
  setUser(null)
  setContext('order', null)
  await flush()
  failQuietly('second')
  const [first, second] = await reported()
  expect(first).toMatchObject({ user: { id: 'user01', role: 'ROLE_BUSINESS' }, tags: { 'release-train': 'blue' }, contexts: { order: { id: 42, items: 3 } }, affectedUsers: { count: 1, sample: ['user01'] } })
  expect(second.user).toBeUndefined()
  expect(second.contexts).toBeUndefined()
  expect(second.affectedUsers).toBeUndefined()
})

test('withContext scopes its data to its call and its async continuations; the outer scope is unchanged', async () => {
  setTag('release-train', 'blue')
  const result = await withContext({ user: { id: 'inner' }, tags: { job: 'nightly' } }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 5))
    setTag('step', 'after-await')
    failQuietly('inside')
    return 'value'
  })
  expect(result).toBe('value')
  failQuietly('outside')
  const [inside, outside] = await reported()
  expect(inside).toMatchObject({ user: { id: 'inner' }, tags: { 'release-train': 'blue', job: 'nightly', step: 'after-await' } })
  expect(outside.user).toBeUndefined()
  expect(outside.tags).toEqual({ 'release-train': 'blue' })
})

test('withContext passes on what its function throws, unchanged', () => {
  const thrown = new RangeError('mine')
  expect(() =>
    withContext({ tags: { a: '1' } }, () => {
      throw thrown
    }),
  ).toThrow(thrown)
})

test('captureException reports a handled error with mechanism "manual", its place from the stack and the data given', async () => {
  setUser({ id: 'user07' })
  function chargeCard(): Error {
    return new TypeError('card declined by issuer')
  }
  captureException(chargeCard(), { tags: { gateway: 'toss' }, contexts: { payment: { amount: 1200 } }, severity: 'WARN', comment: 'retried later' })
  const [report] = await reported()
  expect(report).toMatchObject({
    mechanism: 'manual',
    woven: false,
    method: 'chargeCard',
    severity: 'WARN',
    comment: 'retried later',
    errorType: 'TypeError',
    message: 'TypeError: card declined by issuer',
    user: { id: 'user07' },
    tags: { gateway: 'toss' },
    contexts: { payment: { amount: 1200 } },
    category: 'permanent',
  })
  expect(report.file).toContain('api.test.ts')
  expect(report.line).toBeGreaterThan(0)
})

test('captureException takes anything and never throws; the same error captured twice before the drain is one report', async () => {
  const hostile = new Proxy({}, { get: () => { throw new Error('trap') } })
  const error = new Error('twice')
  expect(() => {
    captureException(undefined)
    captureException('a string')
    captureException(hostile, hostile as never)
    captureException(error)
    captureException(error)
  }).not.toThrow()
  const all = await reported()
  expect(all.map((report) => report.mechanism)).toEqual(['manual', 'manual', 'manual', 'manual'])
  expect(all.map((report) => report.message)).toEqual(['undefined', 'a string', all[2].message, 'Error: twice'])
  expect(all[2].tags).toBeUndefined()
})

test('bad tag values are refused with a warning, not thrown', async () => {
  expect(() => setTag('object', {} as never)).not.toThrow()
  expect(() => setUser(42 as never)).not.toThrow()
  failQuietly('tags')
  const [report] = await reported()
  expect(report.tags?.object).toBeUndefined()
  expect(report.user).toBeUndefined()
})

test('without AsyncLocalStorage (browsers): one global scope, and withContext covers the synchronous part of its function', async () => {
  const { runNode, tagged, writeWovenModule } = await import('../helpers/processes.js')
  const universal = pathToFileURL(path.join(ROOT, 'dist/runtime/index.js')).href
  // The universal entry, on a platform that offers no async context.
  const app = writeWovenModule(
    'no-async-context',
    `
delete (globalThis as any).AsyncLocalStorage
;(globalThis as any).process.getBuiltinModule = undefined
const { captureException, configure, consoleTransport, flush, setUser, withContext } = await import('${universal}')
configure({ aggregateWindowMs: 0, transports: [consoleTransport((line: string) => console.log('REPORT ' + line))] })
setUser({ id: 'page-user' })
await withContext({ tags: { step: 'checkout' } }, async () => {
  captureException(new Error('synchronous part'))
  await null
  captureException(new Error('after an await'))
})
captureException(new Error('outside'))
await flush(5000)
`,
  )
  const run = await runNode(app)
  expect(run.code, run.stderr).toBe(0)
  const reports = tagged<Report>(run.stdout, 'REPORT')
  expect(reports.map((report) => [report.message, report.user?.id, report.tags?.step])).toEqual([
    ['Error: synchronous part', 'page-user', 'checkout'],
    ['Error: after an await', 'page-user', undefined],
    ['Error: outside', 'page-user', undefined],
  ])
})
