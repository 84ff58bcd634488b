import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Report } from 'errorweave'
import { nativeImport } from '../../helpers/weave.js'
import { runNode, RUNTIME_TMP, tagged, warnings, writeWovenModule } from '../helpers/processes.js'

const { captureException, configure, flush, resetConfiguration, stats }: typeof import('errorweave') = await nativeImport('errorweave')

class HttpException extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}
class NotFoundException extends HttpException {}

describe('ignore from code', () => {
  const reports: Report[] = []
  beforeEach(() => configure({ aggregateWindowMs: 0, transports: [(report) => void reports.push(report)] }))
  afterEach(() => {
    reports.length = 0
    resetConfiguration()
  })

  /** Which of `errors` are reported under `ignore`, and how many stats counts as ignored. */
  async function reportedUnder(ignore: Parameters<typeof configure>[0]['ignore'], errors: unknown[]): Promise<{ messages: string[]; ignored: number }> {
    configure({ ignore })
    const before = stats().ignoredByRule
    for (const error of errors) captureException(error)
    await flush()
    return { messages: reports.map((report) => report.message), ignored: stats().ignoredByRule - before }
  }

  test('by error type: the name or any class it extends', async () => {
    const result = await reportedUnder(['HttpException', 'RangeError'], [new NotFoundException('no order', 404), new RangeError('too far'), new TypeError('kept')])
    expect(result).toEqual({ messages: ['TypeError: kept'], ignored: 2 })
  })

  test('by category', async () => {
    const result = await reportedUnder(['category:business'], [new NotFoundException('no order', 404), Object.assign(new Error('invalid'), { name: 'ValidationError' }), new Error('a defect')])
    expect(result).toEqual({ messages: ['Error: a defect'], ignored: 2 })
  })

  test('by RegExp over the message (a /g flag does not make it stateful)', async () => {
    const result = await reportedUnder([/^client went away/g], [new Error('client went away'), new Error('client went away'), new Error('server went away')])
    expect(result).toEqual({ messages: ['Error: server went away'], ignored: 2 })
  })

  test('by predicate; a predicate that throws ignores nothing and is counted', async () => {
    const internal = stats().internalErrors
    const result = await reportedUnder(
      [
        (error) => (error as { expected?: boolean }).expected === true,
        () => {
          throw new Error('predicate broke')
        },
      ],
      [Object.assign(new Error('expected one'), { expected: true }), new Error('unexpected one')],
    )
    expect(result).toEqual({ messages: ['Error: unexpected one'], ignored: 1 })
    expect(stats().internalErrors).toBeGreaterThan(internal)
  })

  test('decided before the report is built: an ignored error’s stack is never read', async () => {
    let stackReads = 0
    const error = new NotFoundException('no order', 404)
    Object.defineProperty(error, 'stack', {
      get: () => {
        stackReads++
        return 'NotFoundException: no order\n    at handler (file.js:1:1)'
      },
    })
    const result = await reportedUnder(['category:business'], [error])
    expect(result.ignored).toBe(1)
    expect(stackReads).toBe(0)
  })

  test('a bad entry: one warning naming the setting, nothing ignored', async () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      const result = await reportedUnder(['not a type!'], [new Error('kept')])
      expect(result.messages).toEqual(['Error: kept'])
      expect(spy.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringMatching(/^errorweave: configure\(\): ignore: \["not a type!"\] is not error types or category:<name>, comma-separated; ignored$/)])
    } finally {
      spy.mockRestore()
    }
  })
})

describe('ignore from the properties file and the environment', () => {
  const APP = `
import { captureException, configure, consoleTransport, flush, stats } from 'errorweave'
configure({ aggregateWindowMs: 0, transports: [consoleTransport((line) => console.log('REPORT ' + line))] })
class NotFoundException extends Error { status = 404 }
class StockTimeoutError extends Error {}
captureException(new NotFoundException('order 42 not found'))
captureException(new StockTimeoutError('stock service slow'))
captureException(new TypeError('a real defect'))
await flush(5000)
console.log('IGNORED ' + stats().ignoredByRule)
`
  const app = writeWovenModule('ignore-app', APP, 'src/ignore-app.ts')

  async function run(env: Record<string, string>) {
    const finished = await runNode(app, { env })
    expect(finished.code, finished.stderr).toBe(0)
    return { messages: tagged<Report>(finished.stdout, 'REPORT').map((report) => report.message), ignored: tagged<number>(finished.stdout, 'IGNORED')[0], warnings: warnings(finished.stderr) }
  }

  test('error.monitor.ignore in the properties file: types and categories, comma-separated, with a trailing comment', async () => {
    const file = path.join(RUNTIME_TMP, 'ignore.properties')
    writeFileSync(file, 'error.monitor.ignore = StockTimeoutError, category:business   # expected failures\n')
    expect(await run({ ERROR_MONITOR_CONFIG: file })).toEqual({ messages: ['TypeError: a real defect'], ignored: 2, warnings: [] })
  })

  test('ERROR_MONITOR_IGNORE in the environment, above the file', async () => {
    const file = path.join(RUNTIME_TMP, 'ignore-below.properties')
    writeFileSync(file, 'error.monitor.ignore=TypeError\n')
    const result = await run({ ERROR_MONITOR_CONFIG: file, ERROR_MONITOR_IGNORE: 'category:transient' })
    expect(result).toEqual({ messages: ['Error: order 42 not found', 'TypeError: a real defect'], ignored: 1, warnings: [] })
  })

  test('a malformed value: one warning naming the key, nothing ignored, the rest of the file still loads', async () => {
    const file = path.join(RUNTIME_TMP, 'ignore-bad.properties')
    writeFileSync(file, 'error.monitor.ignore=category:nonsense\nerror.monitor.service=still-loaded\n')
    const result = await run({ ERROR_MONITOR_CONFIG: file })
    expect(result.messages).toHaveLength(3)
    expect(result.warnings).toEqual([expect.stringMatching(/ignore-bad\.properties:1: error\.monitor\.ignore: "category:nonsense" is not error types or category:<name>, comma-separated; ignored/)])
  })
})
