import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { writeBillingApp } from '../helpers/billing-app.js'
import { runNode, tagged, warnings, type Finished } from '../helpers/processes.js'
import { closedPort, makeCertificate, startServer, type Certificate, type Received, type TestServer } from '../helpers/servers.js'

// Certificates: one self-signed certificate for 127.0.0.1, made with openssl per run.
// Children trust it through NODE_EXTRA_CA_CERTS, the standard Node mechanism users
// have; a child without it must refuse the server.
let certificate: Certificate
let app: string
const servers: TestServer[] = []

beforeAll(() => {
  certificate = makeCertificate()
  app = writeBillingApp()
})
afterAll(async () => {
  for (const server of servers) await server.close()
})

async function server(script: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const started = await startServer(script, certificate)
  servers.push(started)
  return started
}

function runApp(url: string, env: Record<string, string> = {}): Promise<Finished> {
  return runNode(app, {
    env: { ERROR_MONITOR_SERVER_URL: `${url}/report`, ERROR_MONITOR_APIKEY: 'test-key-123', NODE_EXTRA_CA_CERTS: certificate.certFile, ...env },
  })
}

/** The app itself must not notice anything: same output, exit code 0, ended by itself. */
function expectAppUnaffected(run: Finished): void {
  expect(run.hung, `ended by itself (stderr: ${run.stderr})`).toBe(false)
  expect(run.code).toBe(0)
  expect(tagged(run.stdout, 'APP')).toStrictEqual([{ caught: 8, work: 500500 }])
  expect(run.stderr).not.toMatch(/Unhandled|at .*errorweave/)
}

/** Occurrences per location, summed over the accepted reports. */
function countsByPlace(accepted: Received[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { json } of accepted) counts[`${json.class}.${json.method}:${json.line}`] = (counts[`${json.class}.${json.method}:${json.line}`] ?? 0) + json.count
  return counts
}

const EXPECTED_COUNTS = { "Billing.charge:7": 5, "Billing.refund:14": 3 }

describe('HTTPS delivery against real local servers', () => {
  test('503 three times, then 429 with Retry-After: every report arrives exactly once, counts included', async () => {
    const collector = await server((_request, index) =>
      index < 3 ? { status: 503 } : index === 3 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 202 },
    )
    const run = await runApp(collector.url, { TEST_FLUSH_MS: '20000' })
    expectAppUnaffected(run)
    expect(tagged(run.stdout, 'FLUSH')).toStrictEqual([{ flushed: true }])
    const accepted = collector.received.slice(4)
    expect(countsByPlace(accepted)).toStrictEqual(EXPECTED_COUNTS)
    const keys = accepted.map((request) => request.headers['idempotency-key'])
    expect(new Set(keys).size).toBe(accepted.length)
    // The first report was retried with the same key until accepted: never stored twice.
    expect(new Set(collector.received.slice(0, 5).map((request) => request.headers['idempotency-key'])).size).toBe(1)
    for (const request of collector.received) {
      expect(request.headers['x-api-key']).toBe('test-key-123')
      expect(request.headers['content-type']).toBe('application/json')
      expect(request.path).toBe('/report')
    }
    // Retry-After: 1 was honoured.
    expect(collector.received[4].at - collector.received[3].at).toBeGreaterThanOrEqual(990)
    // The API key goes only in its header: never in a body, never in the output.
    expect(collector.received.some((request) => request.body.includes('test-key-123'))).toBe(false)
    expect(run.stdout + run.stderr).not.toContain('test-key-123')
    expect(tagged<any>(run.stdout, 'STATS')[0].server).toStrictEqual({ delivered: accepted.length, failed: 0, queued: 0 })
  })

  test('an untrusted certificate is refused: one warning, nothing delivered', async () => {
    const collector = await server(() => ({ status: 202 }))
    const run = await runApp(collector.url, { NODE_EXTRA_CA_CERTS: '', TEST_FLUSH_MS: '5000' })
    expectAppUnaffected(run)
    expect(collector.received).toHaveLength(0)
    expect(collector.tlsErrors).toBeGreaterThan(0)
    const said = warnings(run.stderr)
    expect(said).toHaveLength(1)
    expect(said[0]).toMatch(/TLS verification failed .*self-signed certificate/)
    expect(tagged(run.stdout, 'FLUSH')).toStrictEqual([{ flushed: false }])
    expect(tagged<any>(run.stdout, 'STATS')[0].server).toMatchObject({ delivered: 0, queued: 0 })
  })

  test('NODE_TLS_REJECT_UNAUTHORIZED=0 does not turn verification off', async () => {
    const collector = await server(() => ({ status: 202 }))
    const run = await runApp(collector.url, { NODE_EXTRA_CA_CERTS: '', NODE_TLS_REJECT_UNAUTHORIZED: '0', TEST_FLUSH_MS: '5000' })
    expectAppUnaffected(run)
    expect(collector.received).toHaveLength(0)
  })

  test('a closed port leaves the app unaffected', async () => {
    const port = await closedPort()
    const run = await runApp(`https://127.0.0.1:${port}`)
    expectAppUnaffected(run)
    expect(tagged<any>(run.stdout, 'STATS')[0].server.delivered).toBe(0)
  })

  test('a server that never answers (timeout) leaves the app unaffected, and the finished process still exits', async () => {
    const collector = await server(() => 'hang')
    // A minute per attempt: only the bounded exit flush can end this process in time.
    const run = await runApp(collector.url, { TEST_TIMEOUT_MS: '60000' })
    expectAppUnaffected(run)
    console.log(`exit with a server that never answers: ${run.elapsedMs} ms from spawn to exit`)
    expect(collector.received.length).toBeGreaterThanOrEqual(1)
    const quick = await runApp(collector.url, { TEST_TIMEOUT_MS: '200' })
    expectAppUnaffected(quick)
    // Timed out and retried.
    expect(collector.received.length).toBeGreaterThanOrEqual(3)
  })

  test('a reset connection leaves the app unaffected and is retried', async () => {
    const collector = await server(() => 'reset')
    const run = await runApp(collector.url)
    expectAppUnaffected(run)
    expect(collector.received.length).toBeGreaterThanOrEqual(2)
  })

  test('a process that ends normally delivers what it queued and exits by itself', async () => {
    const collector = await server(() => ({ status: 202 }))
    const run = await runApp(collector.url)
    expectAppUnaffected(run)
    expect(countsByPlace(collector.received)).toStrictEqual(EXPECTED_COUNTS)
    expect(warnings(run.stderr)).toStrictEqual([])
    console.log(`normal exit with delivery: ${run.elapsedMs} ms from spawn to exit`)
  })

  test('http: to a remote host is refused by configuration, with one warning', async () => {
    const run = await runNode(app, { env: { ERROR_MONITOR_SERVER_URL: 'http://errors.example.com/report' } })
    expectAppUnaffected(run)
    expect(warnings(run.stderr)).toStrictEqual(['errorweave: ERROR_MONITOR_SERVER_URL: the value is not an https: URL without credentials (plain http: only for localhost, 127.x.x.x or [::1]; the key goes in apikey); ignored'])
    expect(tagged<any>(run.stdout, 'STATS')[0].server).toBeNull()
  })
})
