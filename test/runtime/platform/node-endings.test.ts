import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { RUNTIME_TMP, runNode, tagged, warnings, writeWovenModule, type Finished, type RunOptions } from '../helpers/processes.js'
import { closedPort, makeCertificate, startServer, type Answer, type Certificate, type Received, type TestServer } from '../helpers/servers.js'

/**
 * Every way a Node process ends, run for real: a child process, a local HTTPS
 * collector with a generated certificate, and the child's exit code or signal,
 * stderr and what the collector received, each compared with the same app run
 * without errorweave where the ending prints something.
 */

/** Not woven: errorweave is only imported (TEST_PLAIN=1: not even that), so line numbers match in both runs. */
const UNWOVEN_APP = `
if (process.env.TEST_PLAIN !== '1') (await import('errorweave')).configure({ service: 'endings' })
const mode = process.env.TEST_MODE
if (mode === 'crash') setTimeout(() => { throw new TypeError('unwoven crash') }, 1)
if (mode === 'reject') setTimeout(() => Promise.reject(new RangeError('unwoven rejection')), 1)
if (mode === 'handled') {
  process.on('uncaughtException', (error) => console.log('APP ' + JSON.stringify({ handled: error.message })))
  setTimeout(() => { throw new Error('handled by the app') }, 1)
  setTimeout(() => console.log('APP ' + JSON.stringify({ alive: true })), 50)
}
if (mode === 'handled-rejection') {
  process.on('unhandledRejection', (reason) => console.log('APP ' + JSON.stringify({ handled: reason.message })))
  setTimeout(() => Promise.reject(new RangeError('handled by the app')), 1)
  setTimeout(() => console.log('APP ' + JSON.stringify({ alive: true })), 50)
}
`

/** Woven: Payments.charge fails above 100. */
const WOVEN_APP = `
import { ErrorMonitor } from 'errorweave'

class Payments {
  @ErrorMonitor
  charge(amount: number, customer: string) {
    if (amount > 100) throw new Error('limit exceeded for ' + customer)
    return amount
  }
}

const payments = new Payments()
/** Distinct messages (letters, not numbers), so no two aggregate. */
const customer = (i: number) => String.fromCharCode(97 + (i % 26), 97 + Math.floor(i / 26))
const failMany = (n: number) => {
  for (let i = 0; i < n; i++) {
    try { payments.charge(500, customer(i)) } catch {}
  }
}
const mode = process.env.TEST_MODE
if (mode === 'crash') setTimeout(() => payments.charge(500, 'crash'), 1)
if (mode === 'exit') {
  failMany(1)
  process.exit(3)
}
if (mode === 'signal') {
  failMany(3)
  setInterval(() => {}, 1000)
  setTimeout(() => console.log('READY'), 100)
}
if (mode === 'app-signal') {
  failMany(1)
  process.on('SIGTERM', () => console.log('APP ' + JSON.stringify({ sigterm: 'mine' })))
  const keepAlive = setInterval(() => {}, 1000)
  setTimeout(() => clearInterval(keepAlive), 1500)
  setTimeout(() => console.log('READY'), 100)
}
if (mode === 'normal') failMany(Number(process.env.TEST_N ?? 1))
`

let certificate: Certificate
let unwoven: string
let woven: string
const servers: TestServer[] = []

beforeAll(() => {
  certificate = makeCertificate()
  mkdirSync(RUNTIME_TMP, { recursive: true })
  unwoven = path.join(RUNTIME_TMP, `unwoven-endings-${process.pid}.mjs`)
  writeFileSync(unwoven, UNWOVEN_APP)
  woven = writeWovenModule('woven-endings', WOVEN_APP, 'src/payments.ts')
})
afterAll(async () => {
  for (const server of servers) await server.close()
})

async function collector(script: (request: Received, index: number) => Answer = () => ({ status: 202 })): Promise<TestServer> {
  const server = await startServer(script, certificate)
  servers.push(server)
  return server
}

/** A fresh spool folder per test, so no test sees another's leftovers. */
function spoolDir(): string {
  mkdirSync(RUNTIME_TMP, { recursive: true })
  return mkdtempSync(path.join(RUNTIME_TMP, 'spool-'))
}

function run(file: string, url: string, env: Record<string, string>, options: RunOptions = {}): Promise<Finished> {
  return runNode(file, {
    ...options,
    env: { ERROR_MONITOR_SERVER_URL: `${url}/report`, ERROR_MONITOR_APIKEY: 'endings-key', NODE_EXTRA_CA_CERTS: certificate.certFile, ...env, ...options.env },
  })
}

function spooled(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json') || name.endsWith('.claimed'))
}

const reports = (server: TestServer) => server.received.map((request) => request.json)

/** The unwoven app in `mode`, with errorweave and without it (TEST_PLAIN), side by side. */
async function runWithAndWithout(mode: string, server: TestServer, options: RunOptions = {}): Promise<{ monitored: Finished; plain: Finished; folder: string }> {
  const env = { TEST_MODE: mode, ERROR_MONITOR_SPOOL_DIR: spoolDir() }
  const [monitored, plain] = await Promise.all([run(unwoven, server.url, env, options), run(unwoven, server.url, { ...env, TEST_PLAIN: '1' }, options)])
  return { monitored, plain, folder: env.ERROR_MONITOR_SPOOL_DIR }
}

describe('crashes', () => {
  test('an unwoven uncaught exception is delivered before the process ends, which ends exactly as without errorweave', async () => {
    const server = await collector()
    const { monitored, plain, folder } = await runWithAndWithout('crash', server)
    expect(monitored.code).toBe(1)
    expect(monitored.stderr).toBe(plain.stderr)
    expect(monitored.stderr).toContain(`${path.basename(unwoven)}:4\nif (mode === 'crash') setTimeout(() => { throw new TypeError('unwoven crash') }, 1)\n`)
    expect(monitored.stderr).toContain('\n\nTypeError: unwoven crash\n    at Timeout._onTimeout')
    expect(reports(server)).toHaveLength(1)
    expect(reports(server)[0]).toMatchObject({
      mechanism: 'uncaught',
      woven: false,
      errorType: 'TypeError',
      message: 'TypeError: unwoven crash',
      file: path.basename(unwoven),
      line: 4,
      column: 48,
      service: 'endings',
    })
    expect(server.received[0].headers['x-api-key']).toBe('endings-key')
    expect(spooled(folder)).toStrictEqual([])
  })

  test('an unhandled rejection is delivered with mechanism unhandledrejection; exit code and message as without errorweave', async () => {
    const server = await collector()
    const { monitored, plain } = await runWithAndWithout('reject', server)
    expect(monitored.code).toBe(1)
    expect(monitored.stderr).toBe(plain.stderr)
    expect(monitored.stderr).toContain('RangeError: unwoven rejection')
    expect(reports(server)).toHaveLength(1)
    expect(reports(server)[0]).toMatchObject({ mechanism: 'unhandledrejection', errorType: 'RangeError', line: 5 })
  })

  test.each([
    ['warn', 0],
    ['strict', 1],
    ['none', 0],
  ])('--unhandled-rejections=%s: the same exit code (%i) and stderr as without errorweave', async (mode, code) => {
    const server = await collector()
    const { monitored, plain } = await runWithAndWithout('reject', server, { nodeArgs: [`--unhandled-rejections=${mode}`] })
    expect(monitored.code).toBe(code)
    expect(plain.code).toBe(code)
    expect(monitored.stderr.replace(/\(node:\d+\)/g, '(node)')).toBe(plain.stderr.replace(/\(node:\d+\)/g, '(node)'))
    // Only the modes that end the process go through Node's uncaught path, where errorweave reports them.
    expect(reports(server).map((report) => report.mechanism)).toStrictEqual(mode === 'strict' ? ['unhandledrejection'] : [])
  })

  test('an unwoven crash in built code is located in the source through its source map', async () => {
    const source = [
      "import { configure } from 'errorweave'",
      "configure({ service: 'mapped' })",
      '',
      'interface Job { name: string }',
      'function runJob(job: Job): void {',
      "  throw new Error('job ' + job.name + ' failed')",
      '}',
      "setTimeout(() => runJob({ name: 'nightly' }), 1)",
      '',
    ].join('\n')
    const built = ts.transpileModule(source, {
      fileName: path.join(RUNTIME_TMP, 'src', 'jobs.ts'),
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, inlineSourceMap: true, sourceRoot: '../src/' },
    }).outputText
    mkdirSync(path.join(RUNTIME_TMP, 'dist'), { recursive: true })
    const file = path.join(RUNTIME_TMP, 'dist', `jobs-${process.pid}.mjs`)
    writeFileSync(file, built)
    const server = await collector()
    const finished = await run(file, server.url, { ERROR_MONITOR_SPOOL_DIR: spoolDir() })
    expect(finished.code).toBe(1)
    expect(reports(server)).toHaveLength(1)
    expect(reports(server)[0]).toMatchObject({ mechanism: 'uncaught', method: 'runJob', file: 'src/jobs.ts', line: 6, column: 9, service: 'mapped' })
  })

  test.each([
    ['uncaughtException', 'handled', 'uncaught', 'Error: handled by the app'],
    ['unhandledRejection', 'handled-rejection', 'unhandledrejection', 'RangeError: handled by the app'],
  ])("an app's own %s handler keeps its process alive; the error is still reported", async (_event, mode, mechanism, message) => {
    const server = await collector()
    const finished = await run(unwoven, server.url, { TEST_MODE: mode, ERROR_MONITOR_SPOOL_DIR: spoolDir() })
    expect(finished.code).toBe(0)
    expect(finished.stderr).toBe('')
    expect(tagged(finished.stdout, 'APP')).toStrictEqual([{ handled: 'handled by the app' }, { alive: true }])
    expect(reports(server).map((report) => [report.mechanism, report.message])).toStrictEqual([[mechanism, message]])
  })

  test('a woven error that crashes the process: one woven report (no second uncaught one), exit code 1, Node names the error', async () => {
    const server = await collector()
    const finished = await run(woven, server.url, { TEST_MODE: 'crash', ERROR_MONITOR_SPOOL_DIR: spoolDir() })
    expect(finished.code).toBe(1)
    expect(finished.stderr).toMatch(/\n\nError: limit exceeded for crash\n {4}at Payments\.charge /)
    expect(finished.stderr).toMatch(/\nNode\.js v\d+\.\d+\.\d+\n$/)
    expect(reports(server)).toHaveLength(1)
    expect(reports(server)[0]).toMatchObject({ mechanism: 'woven', woven: true, class: 'Payments', method: 'charge', line: 7, file: 'src/payments.ts' })
  })

  test('global-handlers=false: an unwoven crash is not reported, and ends the same', async () => {
    const server = await collector()
    const finished = await run(unwoven, server.url, { TEST_MODE: 'crash', ERROR_MONITOR_GLOBAL_HANDLERS: 'false', ERROR_MONITOR_SPOOL_DIR: spoolDir() })
    expect(finished.code).toBe(1)
    expect(finished.stderr).toContain('TypeError: unwoven crash')
    expect(server.received).toHaveLength(0)
  })
})

describe('exits and signals', () => {
  test('process.exit(3) right after a caught woven error: delivered, and the exit code stays 3', async () => {
    const server = await collector()
    const finished = await run(woven, server.url, { TEST_MODE: 'exit', ERROR_MONITOR_SPOOL_DIR: spoolDir() })
    expect(finished.code).toBe(3)
    expect(finished.stderr).toBe('')
    expect(reports(server).map((report) => report.message)).toStrictEqual(['Error: limit exceeded for aa'])
  })

  const onReady = (signal: NodeJS.Signals): RunOptions['onSpawn'] => (child) =>
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && child.kill(signal))

  test.each(['SIGTERM', 'SIGINT'] as const)('%s while the collector is slow: queued reports are delivered, then the process ends by the same signal', async (signal) => {
    const server = await collector(() => ({ status: 202, delayMs: 600 }))
    const folder = spoolDir()
    const finished = await run(woven, server.url, { TEST_MODE: 'signal', ERROR_MONITOR_SPOOL_DIR: folder }, { onSpawn: onReady(signal) })
    expect(finished.signal).toBe(signal)
    expect(finished.stderr).toBe('')
    expect(reports(server).map((report) => report.message)).toStrictEqual(['Error: limit exceeded for aa', 'Error: limit exceeded for ba', 'Error: limit exceeded for ca'])
    expect(spooled(folder)).toStrictEqual([])
  })

  test('SIGTERM with a collector slower than exit-timeout-ms: the process ends by SIGTERM on time and the reports wait in the spool', async () => {
    const server = await collector(() => 'hang')
    const folder = spoolDir()
    const finished = await run(woven, server.url, { TEST_MODE: 'signal', ERROR_MONITOR_SPOOL_DIR: folder, ERROR_MONITOR_EXIT_TIMEOUT_MS: '1000' }, { onSpawn: onReady('SIGTERM') })
    expect(finished.signal).toBe('SIGTERM')
    expect(finished.elapsedMs).toBeLessThan(10_000)
    expect(spooled(folder)).toHaveLength(3)
  })

  test("an app's own SIGTERM handler decides: errorweave does not end the process", async () => {
    const server = await collector()
    const finished = await run(woven, server.url, { TEST_MODE: 'app-signal', ERROR_MONITOR_SPOOL_DIR: spoolDir() }, { onSpawn: onReady('SIGTERM') })
    expect(finished.signal).toBe(null)
    expect(finished.code).toBe(0)
    expect(tagged(finished.stdout, 'APP')).toStrictEqual([{ sigterm: 'mine' }])
    expect(reports(server)).toHaveLength(1)
  })
})

describe('normal end and the spool', () => {
  test('503 three times, then 429 with Retry-After: 1, at a normal end: everything arrives before the process ends', async () => {
    const server = await collector((_request, index) =>
      index < 3 ? { status: 503 } : index === 3 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 202 },
    )
    const folder = spoolDir()
    const finished = await run(woven, server.url, { TEST_MODE: 'normal', TEST_N: '20', ERROR_MONITOR_SPOOL_DIR: folder })
    expect(finished.code).toBe(0)
    expect(finished.stderr).toBe('')
    const accepted = server.received.slice(4)
    expect(accepted).toHaveLength(20)
    expect(new Set(accepted.map((request) => request.headers['idempotency-key'])).size).toBe(20)
    expect(spooled(folder)).toStrictEqual([])
  })

  test('collector down: the reports wait in the spool; the next start with the same destination sends them, once, saying so in one line', async () => {
    const { port, folder, url, finished: first } = await runWhileDown(woven, { TEST_MODE: 'normal', TEST_N: '3' })
    expect(first.code).toBe(0)
    expect(first.stderr).toBe('')
    expect(spooled(folder)).toHaveLength(3)
    for (const name of spooled(folder)) {
      expect(name).toMatch(/\.json$/)
      // Masked reports and their keys only: the API key is never written to disk.
      expect(readFileSync(path.join(folder, name), 'utf8')).not.toContain('endings-key')
    }

    // The same port, now with a collector on it.
    const server = await startServerOn(port)
    const second = await run(woven, url, { TEST_MODE: 'quiet', ERROR_MONITOR_SPOOL_DIR: folder })
    expect(second.code).toBe(0)
    expect(warnings(second.stderr)).toStrictEqual([expect.stringMatching(/^errorweave: reports an earlier run could not deliver wait in .+: 3; sending them now$/)])
    expect(second.stderr.trim().split('\n')).toHaveLength(1)
    expect(reports(server).map((report) => report.message).sort()).toStrictEqual(['Error: limit exceeded for aa', 'Error: limit exceeded for ba', 'Error: limit exceeded for ca'])
    expect(spooled(folder)).toStrictEqual([])
    const third = await run(woven, url, { TEST_MODE: 'quiet', ERROR_MONITOR_SPOOL_DIR: folder })
    expect(third.stderr).toBe('')
    expect(server.received).toHaveLength(3)
  })

  test('several processes starting at once share the spool: each report is sent by exactly one of them', async () => {
    const { port, folder, url, finished: first } = await runWhileDown(woven, { TEST_MODE: 'normal', TEST_N: '40' })
    expect(first.code).toBe(0)
    expect(spooled(folder)).toHaveLength(40)
    const server = await startServerOn(port)
    const starts = await Promise.all([1, 2, 3, 4].map(() => run(woven, url, { TEST_MODE: 'quiet', ERROR_MONITOR_SPOOL_DIR: folder })))
    for (const start of starts) expect(start.code).toBe(0)
    const keys = server.received.map((request) => request.headers['idempotency-key'])
    expect(keys).toHaveLength(40)
    expect(new Set(keys).size).toBe(40)
    expect(spooled(folder)).toStrictEqual([])
  })

  test('a crash while the collector is down: the report is spooled and the next start delivers it', async () => {
    const { port, folder, url, finished: crashed } = await runWhileDown(unwoven, { TEST_MODE: 'crash' })
    expect(crashed.code).toBe(1)
    expect(spooled(folder)).toHaveLength(1)
    const server = await startServerOn(port)
    const next = await run(unwoven, url, { TEST_MODE: 'none', ERROR_MONITOR_SPOOL_DIR: folder })
    expect(next.code).toBe(0)
    expect(reports(server).map((report) => report.mechanism)).toStrictEqual(['uncaught'])
  })

  test('spool-dir=off: nothing is written; a crash is still delivered by the last delivery', async () => {
    const server = await collector()
    const folder = spoolDir()
    const finished = await run(unwoven, server.url, { TEST_MODE: 'crash', ERROR_MONITOR_SPOOL_DIR: 'off' }, { cwd: folder })
    expect(finished.code).toBe(1)
    expect(reports(server)).toHaveLength(1)
    expect(readdirSync(folder)).toStrictEqual([])
  })
})

/** A run while nothing listens at its destination: what it captured waits in a fresh spool folder. */
async function runWhileDown(file: string, env: Record<string, string>): Promise<{ port: number; folder: string; url: string; finished: Finished }> {
  const port = await closedPort()
  const folder = spoolDir()
  const url = `https://127.0.0.1:${port}`
  const finished = await run(file, url, { ERROR_MONITOR_SPOOL_DIR: folder, ERROR_MONITOR_EXIT_TIMEOUT_MS: '1000', ...env })
  return { port, folder, url, finished }
}

/** A collector on a given port (the one a test first found closed). */
async function startServerOn(port: number): Promise<TestServer> {
  const server = await startServer(() => ({ status: 202 }), certificate, port)
  servers.push(server)
  return server
}
