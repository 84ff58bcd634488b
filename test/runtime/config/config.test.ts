import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import type { Report } from 'errorweave'
import { fromEnvironment, fromProperties } from '../../../src/runtime/config/node-sources.js'
import { parseProperties } from '../../../src/runtime/config/properties.js'
import { nativeImport } from '../../helpers/weave.js'
import { runNode, RUNTIME_TMP, tagged, warnings, writeWovenModule } from '../helpers/processes.js'
import { startServer, type TestServer } from '../helpers/servers.js'

/** The one runtime instance of this worker (the one natively imported woven code would use). */
const runtime: typeof import('errorweave') = await nativeImport('errorweave')
const { configure, flush, resetConfiguration } = runtime

const SEED = readFileSync(path.join(__dirname, 'fixtures/seed.properties'), 'utf8')

/** Runs `action` and returns what it warned (console.warn), without printing it. */
function warned(action: () => void): string[] {
  const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  try {
    action()
    return spy.mock.calls.map((call) => String(call[0]))
  } finally {
    spy.mockRestore()
  }
}

describe('the properties file', () => {
  test('the seed example loads as written, trailing # comments included, without a warning', () => {
    let values: unknown
    expect(warned(() => (values = fromProperties(SEED, 'seed.properties')))).toStrictEqual([])
    expect(values).toStrictEqual({
      enabled: true,
      serverUrl: 'https://errors.example.com/report',
      futureCallsEnabled: true,
      futureCallsMaxDepth: 5,
      apikey: 'ABC123',
    })
  })

  test('Java syntax: comments, `:` and blank separators, continuations, escapes, CRLF and a BOM', () => {
    const text = '\uFEFF# comment\r\n! also a comment\r\nerror.monitor.service : billing\r\nerror.monitor.environment   staging\r\nerror.monitor.release = 1.2.\\\r\n    3\r\nerror.monitor.comment\\u0041 = x\r\nerror.monitor.apikey = a\\#b  # not part of the key\r\n'
    expect(parseProperties(text)).toStrictEqual({
      entries: [
        { key: 'error.monitor.service', value: 'billing', line: 3 },
        { key: 'error.monitor.environment', value: 'staging', line: 4 },
        { key: 'error.monitor.release', value: '1.2.3', line: 5 },
        { key: 'error.monitor.commentA', value: 'x', line: 7 },
        { key: 'error.monitor.apikey', value: 'a#b', line: 8 },
      ],
      problems: [],
    })
  })

  // Each malformed input: exactly one warning that names the line and key, and the rest still loads.
  const malformed: Array<[string, string, RegExp]> = [
    ['a word for a number', 'error.monitor.future-calls.max-depth=five   # oops', /case0\.properties:2: error\.monitor\.future-calls\.max-depth: "five" is not a whole number from 0 to 100; ignored/],
    ['a negative depth', 'error.monitor.future-calls.max-depth=-1', /:2: error\.monitor\.future-calls\.max-depth: "-1" is not a whole number/],
    ['a fractional depth', 'error.monitor.future-calls.max-depth=2.5', /"2\.5" is not a whole number/],
    ['a depth too large', 'error.monitor.future-calls.max-depth=1000', /"1000" is not a whole number from 0 to 100/],
    ['a word for a boolean', 'error.monitor.enabled=maybe', /:2: error\.monitor\.enabled: "maybe" is not true or false; ignored/],
    ['a key without value', 'error.monitor.future-calls.enabled', /:2: error\.monitor\.future-calls\.enabled: "" is not true or false/],
    ['plain http to a remote host', 'error.monitor.server-url=http://errors.example.com/report', /:2: error\.monitor\.server-url: the value is not an https: URL/],
    ['not a URL', 'error.monitor.server-url = errors example.com', /:2: error\.monitor\.server-url: the value is not an https: URL/],
    ['an unknown key', 'error.monitor.severity=WARN', /:2: unknown key error\.monitor\.severity; ignored/],
    ['a malformed \\u escape', 'error.monitor.apikey=\\u00ZZ', /:2: malformed \\u escape "\\u00ZZ" \(four hex digits expected\); the line is ignored/],
    ['an empty service', 'error.monitor.service=', /:2: error\.monitor\.service: "" is not text of 1 to 200 characters/],
    ['a control character in the API key', 'error.monitor.apikey=abc\\tdef', /:2: error\.monitor\.apikey: the value is not printable ASCII text/],
  ]
  for (const [index, [name, line, expected]] of malformed.entries()) {
    test(`malformed: ${name}`, () => {
      let values: Record<string, unknown> = {}
      const said = warned(() => (values = fromProperties(`error.monitor.service=kept\n${line}\nerror.monitor.release=also-kept\n`, `case${index}.properties`)))
      expect(said).toHaveLength(1)
      expect(said[0]).toMatch(/^errorweave: /)
      expect(said[0]).toMatch(expected)
      expect(values).toMatchObject({ service: 'kept', release: 'also-kept' })
    })
  }

  test('a secret is never echoed in a warning', () => {
    const said = warned(() => fromProperties('error.monitor.apikey=sk_live_abc\u0007def\nerror.monitor.discord.webhook-url=http://discord.example/api/webhooks/1/TOKENVALUE\n', 's.properties'))
    expect(said).toHaveLength(2)
    expect(said.join('\n')).not.toMatch(/sk_live|TOKENVALUE|discord\.example/)
  })

  test('a file that is not a properties file gets one warning', () => {
    expect(warned(() => fromProperties('{ "enabled": true }\n', 'wrong.json'))).toStrictEqual(['errorweave: wrong.json: no error.monitor.* keys found; is this the right file?'])
  })
})

describe('environment variables', () => {
  test('each known variable is read and checked; unknown ERROR_MONITOR_* names and bad values warn once each', () => {
    let values: unknown
    const said = warned(
      () =>
        (values = fromEnvironment({
          ERROR_MONITOR_ENABLED: 'false',
          ERROR_MONITOR_FUTURE_CALLS_MAX_DEPTH: '3',
          ERROR_MONITOR_SERVICE: 'env-service',
          ERROR_MONITOR_FUTURE_CALLS_ENABLED: 'sometimes',
          ERROR_MONITOR_SERVERURL: 'https://typo.example',
          ERROR_MONITOR_RELEASE: '',
          ERROR_MONITOR_CONFIG: 'ignored-here.properties',
          OTHER: 'x',
        })),
    )
    expect(values).toStrictEqual({ enabled: false, futureCallsMaxDepth: 3, service: 'env-service' })
    expect(said).toStrictEqual([
      'errorweave: ERROR_MONITOR_FUTURE_CALLS_ENABLED: "sometimes" is not true or false; ignored',
      'errorweave: ERROR_MONITOR_SERVERURL: unknown setting; ignored',
      'errorweave: ERROR_MONITOR_RELEASE is set but empty; it counts as unset',
    ])
  })
})

describe('the endings settings', () => {
  test('global-handlers, exit-timeout-ms and spool-dir come from the properties file and the environment', () => {
    const file = 'error.monitor.global-handlers=false  # crashes are reported by the platform\nerror.monitor.exit-timeout-ms=2500\nerror.monitor.spool-dir=/var/spool/errorweave\n'
    expect(warned(() => expect(fromProperties(file, 'a.properties')).toStrictEqual({ globalHandlers: false, exitTimeoutMs: 2500, spoolDir: '/var/spool/errorweave' }))).toStrictEqual([])
    const env = { ERROR_MONITOR_GLOBAL_HANDLERS: 'true', ERROR_MONITOR_EXIT_TIMEOUT_MS: '0', ERROR_MONITOR_SPOOL_DIR: 'off' }
    expect(warned(() => expect(fromEnvironment(env)).toStrictEqual({ globalHandlers: true, exitTimeoutMs: 0, spoolDir: 'off' }))).toStrictEqual([])
  })

  test('http: is loopback only for localhost itself and loopback IP literals', () => {
    for (const url of ['http://localhost:4318/r', 'http://127.0.0.1/r', 'http://127.9.8.7/r', 'http://[::1]:8080/r']) expect(fromEnvironment({ ERROR_MONITOR_SERVER_URL: url })).toStrictEqual({ serverUrl: url })
    // Each refused; the warning is the same text, so it is said once.
    const said = warned(() => {
      for (const url of ['http://anything.localhost/r', 'http://localhost.example.com/r', 'http://10.0.0.1/r']) expect(fromEnvironment({ ERROR_MONITOR_SERVER_URL: url })).toStrictEqual({})
    })
    expect(said).toStrictEqual(['errorweave: ERROR_MONITOR_SERVER_URL: the value is not an https: URL without credentials (plain http: only for localhost, 127.x.x.x or [::1]; the key goes in apikey); ignored'])
  })
})

describe('configure()', () => {
  afterEach(() => resetConfiguration())

  const bad: Array<[string, unknown, string]> = [
    ['not an object', 'text', 'errorweave: configure() takes an object of settings, not string; ignored'],
    ['null', null, 'errorweave: configure() takes an object of settings, not null; ignored'],
    ['an unknown key', { serverURL: 'https://x.example' }, 'errorweave: configure(): unknown setting "serverURL"; ignored'],
    ['a key named like an Object method', { toString: 1 }, 'errorweave: configure(): unknown setting "toString"; ignored'],
    ['an unknown nested key', { futureCalls: { depth: 3 } }, 'errorweave: configure(): unknown setting "futureCalls.depth"; ignored'],
    ['futureCalls not an object', { futureCalls: true }, 'errorweave: configure(): futureCalls must be an object like { enabled, maxDepth }; ignored'],
    ['a fractional maxDepth', { futureCalls: { maxDepth: 2.5 } }, 'errorweave: configure(): futureCalls.maxDepth: 2.5 is not a whole number from 0 to 100; ignored'],
    ['an ftp: serverUrl', { serverUrl: 'ftp://errors.example.com' }, 'errorweave: configure(): serverUrl: the value is not an https: URL without credentials (plain http: only for localhost, 127.x.x.x or [::1]; the key goes in apikey); ignored'],
    ['a webhook URL with credentials in it', { discord: { webhookUrl: 'https://user:hunter2@discord.example/api/webhooks/1/abc' } }, 'errorweave: configure(): discord.webhookUrl: the value is not an https: URL without credentials (plain http: only for localhost, 127.x.x.x or [::1]; the key goes in apikey); ignored'],
    ['a word for globalHandlers', { globalHandlers: 'maybe' }, 'errorweave: configure(): globalHandlers: "maybe" is not true or false; ignored'],
    ['a negative exitTimeoutMs', { exitTimeoutMs: -1 }, 'errorweave: configure(): exitTimeoutMs: -1 is not a whole number from 0 to 600000; ignored'],
    ['a word for enabled', { enabled: 'perhaps' }, 'errorweave: configure(): enabled: "perhaps" is not true or false; ignored'],
    ['beforeSend not a function', { beforeSend: 3 }, 'errorweave: configure(): beforeSend must be a function or null; ignored'],
    ['transports not an array', { transports: 'console' }, 'errorweave: configure(): transports must be an array; ignored'],
    ['a transport that is neither function nor sender', { transports: [42, () => undefined] }, 'errorweave: configure(): a transport must be a function or an object with send(report); that entry is ignored'],
    ['a negative timeout', { timeoutMs: -5 }, 'errorweave: configure(): timeoutMs must be a whole number from 100 to 120000; ignored'],
    ['a Proxy that throws', new Proxy({}, { ownKeys: () => { throw new Error('no keys') } }), 'errorweave: configure(): the settings object could not be read; ignored'],
  ]
  for (const [name, input, message] of bad) {
    test(`bad input: ${name} -> one warning, nothing thrown`, () => {
      expect(warned(() => configure(input as never))).toStrictEqual([message])
    })
  }

  test('a bad key does not stop the good ones next to it', async () => {
    const reports: Report[] = []
    warned(() => configure({ service: 'svc', futureCalls: { maxDepth: -1 }, release: 'r1', transports: [(report) => void reports.push(report)] }))
    const { capture, table } = runtime
    const moduleTable = table(JSON.stringify([3, 'src/a.ts', [], [[null, 'f', 1, 1, [[1, 3]]]], 0]))
    capture(new Error('x'), moduleTable, 0, 1)
    await flush()
    expect(reports[0]).toMatchObject({ service: 'svc', release: 'r1', method: 'f', line: 2 })
  })
})

describe('sources together, in a real process', () => {
  let collector: TestServer
  let app: string
  const APP = `
import { ErrorMonitor, configure, consoleTransport, flush } from 'errorweave'
class Checkout {
  @ErrorMonitor
  pay(cart: { total?: number }) {
    const total = cart.total!.toFixed(2)
    this.charge(total)
    this.receipt()
    return total
  }
  charge(_total: string) {}
  receipt() {}
}
const extra = JSON.parse(process.env.TEST_CONFIGURE ?? '{}')
configure({ ...extra, transports: [consoleTransport((line) => console.log('REPORT ' + line))] })
try { new Checkout().pay({}) } catch {}
try { throw new Error('unrelated') } catch {}
if (process.env.TEST_LEAK) { try { new Checkout().pay(null as never) } catch {} }
console.log('FLUSH ' + JSON.stringify(await flush(5000)))
`
  beforeAll(async () => {
    collector = await startServer(() => ({ status: 202 }))
    app = writeWovenModule('config-app', APP, 'src/checkout.ts')
  })
  afterAll(() => collector.close())

  test('the seed file as written: loaded (API key, future calls), with the environment above it for server-url', async () => {
    const run = await runNode(app, {
      env: { ERROR_MONITOR_CONFIG: path.join(__dirname, 'fixtures/seed.properties'), ERROR_MONITOR_SERVER_URL: `${collector.url}/r` },
    })
    expect(run.code, run.stderr).toBe(0)
    expect(warnings(run.stderr)).toStrictEqual([])
    const [report] = tagged<Report>(run.stdout, 'REPORT')
    expect(report).toMatchObject({ class: 'Checkout', method: 'pay', line: 6, futureCalls: ['this.charge()', 'this.receipt()'] })
    expect(collector.received).toHaveLength(1)
    expect(collector.received[0].headers['x-api-key']).toBe('ABC123')
    expect(collector.received[0].path).toBe('/r')
  })

  test('precedence: configure() > environment > properties file > defaults; null in configure() falls back', async () => {
    const file = path.join(RUNTIME_TMP, 'precedence.properties')
    writeFileSync(file, 'error.monitor.service=from-file\nerror.monitor.environment=from-file\nerror.monitor.release=from-file\nerror.monitor.future-calls.enabled=true\nerror.monitor.future-calls.max-depth=2\n')
    const run = await runNode(app, {
      env: { ERROR_MONITOR_CONFIG: file, ERROR_MONITOR_ENVIRONMENT: 'from-env', ERROR_MONITOR_RELEASE: 'from-env', ERROR_MONITOR_FUTURE_CALLS_MAX_DEPTH: '1', TEST_CONFIGURE: JSON.stringify({ release: 'from-code', service: null }) },
    })
    expect(run.code, run.stderr).toBe(0)
    const [report] = tagged<Report>(run.stdout, 'REPORT')
    expect(report).toMatchObject({ service: 'from-file', environment: 'from-env', release: 'from-code', futureCalls: ['this.charge()'] })
  })

  test('annotation-level prediction is off unless enabled somewhere; the default is false', async () => {
    const run = await runNode(app, {})
    const [report] = tagged<Report>(run.stdout, 'REPORT')
    expect(report.futureCalls).toStrictEqual([])
    expect(report).not.toHaveProperty('service')
  })

  test('enabled=false in the file: a true no-op (nothing captured, nothing sent, no warning)', async () => {
    const file = path.join(RUNTIME_TMP, 'disabled.properties')
    writeFileSync(file, `error.monitor.enabled=false   # off in this environment\nerror.monitor.server-url=${collector.url}/off\n`)
    const before = collector.received.length
    const run = await runNode(app, { env: { ERROR_MONITOR_CONFIG: file } })
    expect(run.code, run.stderr).toBe(0)
    expect(tagged(run.stdout, 'REPORT')).toStrictEqual([])
    expect(tagged(run.stdout, 'FLUSH')).toStrictEqual([true])
    expect(run.stderr).toBe('')
    expect(collector.received.length).toBe(before)
  })

  test('./error-monitor.properties in the working directory is read when ERROR_MONITOR_CONFIG is not set', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'errorweave-cwd-'))
    writeFileSync(path.join(directory, 'error-monitor.properties'), 'error.monitor.service = from-cwd-file\n')
    const run = await runNode(app, { cwd: directory })
    expect(run.stderr).toBe('')
    expect(tagged<Report>(run.stdout, 'REPORT')[0]).toMatchObject({ service: 'from-cwd-file' })
  })

  test('a missing file named by ERROR_MONITOR_CONFIG: one warning, the rest still works', async () => {
    const run = await runNode(app, { env: { ERROR_MONITOR_CONFIG: 'nowhere/error-monitor.properties', ERROR_MONITOR_SERVICE: 'still-here' } })
    expect(warnings(run.stderr)).toStrictEqual(['errorweave: ERROR_MONITOR_CONFIG names nowhere/error-monitor.properties, which cannot be read (ENOENT); it is ignored'])
    expect(tagged<Report>(run.stdout, 'REPORT')[0]).toMatchObject({ service: 'still-here', method: 'pay' })
  })

  test('a properties file that exists but cannot be read: one warning naming it, the rest still works', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'errorweave-cwd-'))
    // A folder where the file should be: it exists, and reading it fails (EISDIR) even for root.
    mkdirSync(path.join(directory, 'error-monitor.properties'))
    const run = await runNode(app, { cwd: directory, env: { ERROR_MONITOR_SERVICE: 'still-here' } })
    expect(warnings(run.stderr)).toStrictEqual(['errorweave: error-monitor.properties exists but cannot be read (EISDIR); it is ignored'])
    expect(tagged<Report>(run.stdout, 'REPORT')[0]).toMatchObject({ service: 'still-here' })
  })

  test('ERROR_MONITOR_SERVER_URL="" counts as unset, with a warning: the properties file\'s server-url applies', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'errorweave-props-')), 'monitor.properties')
    writeFileSync(file, `error.monitor.server-url=${collector.url}/from-file\n`)
    const before = collector.received.length
    const run = await runNode(app, { env: { ERROR_MONITOR_CONFIG: file, ERROR_MONITOR_SERVER_URL: '' } })
    expect(warnings(run.stderr)).toStrictEqual(['errorweave: ERROR_MONITOR_SERVER_URL is set but empty; it counts as unset'])
    expect(collector.received.slice(before).map((request) => request.path)).toStrictEqual(['/from-file'])
  })

  test('a URL with credentials is refused with a warning that never echoes them; nothing is sent there', async () => {
    const url = new URL(collector.url)
    const before = collector.received.length
    const run = await runNode(app, { env: { ERROR_MONITOR_SERVER_URL: `http://user:hunter2@${url.host}/r` } })
    expect(warnings(run.stderr)).toStrictEqual(['errorweave: ERROR_MONITOR_SERVER_URL: the value is not an https: URL without credentials (plain http: only for localhost, 127.x.x.x or [::1]; the key goes in apikey); ignored'])
    expect(run.stderr + run.stdout).not.toContain('hunter2')
    expect(collector.received.length).toBe(before)
  })

  test('the API key from the file is masked wherever it appears in a report', async () => {
    const run = await runNode(app, { env: { ERROR_MONITOR_CONFIG: path.join(__dirname, 'fixtures/seed.properties'), ERROR_MONITOR_SERVER_URL: `${collector.url}/r`, TEST_LEAK: '1' } })
    expect(run.stdout).not.toContain('ABC123')
  })
})
