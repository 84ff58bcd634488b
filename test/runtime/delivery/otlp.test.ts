import { createRequire } from 'node:module'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, test } from 'vitest'
import { fromOpenTelemetryEnvironment } from '../../../src/runtime/config/node-sources.js'
import { OTLP_SETTINGS } from '../../../src/runtime/config/otlp-settings.js'
import { addSettings } from '../../../src/runtime/config/settings.js'
import { RUNTIME_TMP, runNode, writeWovenModule } from '../helpers/processes.js'
import { startServer, type Answer, type Received, type TestServer } from '../helpers/servers.js'

/** The OpenTelemetry project's own OTLP protobuf definitions (generated from opentelemetry-proto). */
const definitions = createRequire(import.meta.url)('otlp-proto-definitions/build/src/generated/root.js')
const { ExportLogsServiceRequest } = definitions.opentelemetry.proto.collector.logs.v1
const { ExportTraceServiceRequest } = definitions.opentelemetry.proto.collector.trace.v1

/**
 * Decodes an OTLP/HTTP JSON body with those definitions: OTLP's JSON differs from proto3's only
 * in hex ids, so they become bytes. `exact`: the message must also survive protobuf's binary
 * encoding unchanged, so a misnamed field, a wrong type or an unknown key fails (our records;
 * the SDK's own spans carry fields newer than these definitions and are only decoded).
 */
function decodeOtlp(type: any, json: unknown, exact = true): any {
  const withBytes = JSON.parse(JSON.stringify(json), (key, value) => (/^(traceId|spanId|parentSpanId)$/.test(key) && typeof value === 'string' ? Buffer.from(value, 'hex') : value))
  const problem = type.verify(type.fromObject(withBytes))
  if (problem) throw new Error(`not a valid ${type.name}: ${problem}`)
  const decoded = type.decode(type.encode(type.fromObject(withBytes)).finish())
  const asBase64 = type.toObject(decoded, { longs: String, enums: Number, bytes: String, defaults: false })
  const plain = JSON.parse(JSON.stringify(asBase64), (key, value) => (/^(traceId|spanId|parentSpanId)$/.test(key) ? Buffer.from(value, 'base64').toString('hex') : value))
  if (exact) expect(plain).toEqual(JSON.parse(JSON.stringify(json)))
  return plain
}

const attributesOf = (list: Array<{ key: string; value: Record<string, unknown> }>) =>
  Object.fromEntries(list.map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.boolValue ?? (value.arrayValue as any)?.values.map((v: any) => v.stringValue)]))

const FAILING = `
export class Checkout {
  /** @ErrorMonitor({ severity: 'WARN', comment: 'payments' }) */
  pay(order: { id: string }) {
    const total = this.price(order)
    this.charge(order, total)
    this.audit(total)
  }
  price(order: { id: string }) { return order.id.length }
  charge(order: { id: string }, total: number) { throw new TypeError('card declined for ' + order.id + ' with token=abcdef1234567890') }
  audit(total: number) { return total }
}
`

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** Runs the woven Checkout.pay in a child process that exports to `server`, then prints its stats. */
async function runChild(env: Record<string, string>, body = `try { new Checkout().pay({ id: 'order-7' }) } catch {}`) {
  const woven = writeWovenModule('otlp-checkout', FAILING, 'src/checkout.ts')
  const app = path.join(RUNTIME_TMP, `otlp-app-${process.pid}.mjs`)
  writeFileSync(app, `import { configure, flush, stats } from 'errorweave'\nimport { Checkout } from './${path.basename(woven)}'\n${body}\nconsole.log('DONE', await flush(8000), JSON.stringify(stats().otlp))\n`)
  return runNode(app, { env: { ERROR_MONITOR_FUTURE_CALLS_ENABLED: 'true', ERROR_MONITOR_SERVICE: 'shop', ERROR_MONITOR_RELEASE: '1.4.0', ERROR_MONITOR_ENVIRONMENT: 'staging', ...env }, guardMs: 30_000 })
}

const ok = (): Answer => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' })

describe('OTLP log export', () => {
  test('each report is one OTLP/HTTP JSON log record that decodes with the OpenTelemetry definitions', async () => {
    server = await startServer(ok)
    const run = await runChild({ ERROR_MONITOR_OTLP_ENDPOINT: server.url })
    expect(run.stdout).toContain('DONE true')
    expect(server.received).toHaveLength(1)
    const [request] = server.received
    expect(request.path).toBe('/v1/logs')
    expect(request.headers['content-type']).toBe('application/json')
    const decoded = decodeOtlp(ExportLogsServiceRequest, request.json)
    const [resourceLogs] = decoded.resourceLogs
    expect(attributesOf(resourceLogs.resource.attributes)).toMatchObject({ 'service.name': 'shop', 'service.version': '1.4.0', 'deployment.environment.name': 'staging' })
    const [scopeLogs] = resourceLogs.scopeLogs
    expect(scopeLogs.scope.name).toBe('errorweave')
    const [record] = scopeLogs.logRecords
    expect(record.severityNumber).toBe(13)
    expect(record.severityText).toBe('WARN')
    expect(record.body.stringValue).toMatch(/^TypeError: card declined for order-7 with token=\[masked\]$/)
    expect(BigInt(record.timeUnixNano)).toBeGreaterThan(BigInt(Date.now() - 60_000) * 1_000_000n)
    const attributes = attributesOf(record.attributes)
    expect(attributes).toMatchObject({
      'exception.type': 'TypeError',
      'exception.message': 'card declined for order-7 with token=[masked]',
      'code.function.name': 'Checkout.pay',
      'code.file.path': 'src/checkout.ts',
      'code.line.number': '6',
      'code.column.number': '5',
      'errorweave.mechanism': 'woven',
      'errorweave.woven': true,
      'errorweave.comment': 'payments',
      'errorweave.count': '1',
      'errorweave.future_calls': ['this.audit()'],
    })
    expect(attributes['exception.stacktrace']).toContain('card declined')
    expect(attributes['errorweave.fingerprint']).toMatch(/^[0-9a-f]{16}$/)
    expect(record.traceId).toBeUndefined()
  })

  test('429 and 503 with Retry-After are retried after the time they ask; a 500 is not retried', async () => {
    const script = ['429', '503', '200']
    server = await startServer((_, index) => (index < 2 ? { status: Number(script[index]), headers: { 'retry-after': '1' } } : ok()))
    const retried = await runChild({ ERROR_MONITOR_OTLP_ENDPOINT: server.url })
    expect(retried.stdout).toContain('DONE true')
    expect(server.received.map((r) => r.path)).toEqual(['/v1/logs', '/v1/logs', '/v1/logs'])
    const gaps = server.received.slice(1).map((r, i) => r.at - server!.received[i].at)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(950)
    expect(new Set(server.received.map((r) => r.headers['idempotency-key'])).size).toBe(1)
    await server.close()

    server = await startServer(() => ({ status: 500 }))
    const refused = await runChild({ ERROR_MONITOR_OTLP_ENDPOINT: server.url })
    expect(server.received).toHaveLength(1)
    expect(refused.stdout).toMatch(/DONE false \{"delivered":0,"failed":1,"queued":0\}/)
    expect(refused.stderr).toContain('otlp.endpoint: a report refused with HTTP 500 is dropped')
  })

  test('the standard OTEL_EXPORTER_OTLP_* variables: base endpoint plus /v1/logs, headers, service name and resource', async () => {
    server = await startServer(ok)
    const run = await runChild({
      OTEL_EXPORTER_OTLP_ENDPOINT: `${server.url}/collector/`,
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20otlp-secret-value,x-tenant=acme',
      OTEL_SERVICE_NAME: 'shop-api',
      OTEL_RESOURCE_ATTRIBUTES: 'service.name=ignored,k8s.pod.name=shop-7f9,deployment.environment.name=prod',
    })
    expect(run.stdout).toContain('DONE true')
    const [request] = server.received
    expect(request.path).toBe('/collector/v1/logs')
    expect(request.headers.authorization).toBe('Bearer otlp-secret-value')
    expect(request.headers['x-tenant']).toBe('acme')
    expect(request.body).not.toContain('otlp-secret-value')
    const resource = attributesOf(decodeOtlp(ExportLogsServiceRequest, request.json).resourceLogs[0].resource.attributes)
    expect(resource).toMatchObject({ 'service.name': 'shop-api', 'k8s.pod.name': 'shop-7f9', 'deployment.environment.name': 'prod', 'service.version': '1.4.0' })
  })

  test('what the variables mean, as the specification says', () => {
    addSettings(OTLP_SETTINGS)
    const parse = (env: Record<string, string>) => fromOpenTelemetryEnvironment(env)
    expect(parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com:4318' })).toEqual({ otlpEndpoint: 'https://otel.example.com:4318/v1/logs' })
    expect(parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com/base/', OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'https://logs.example.com/custom/ingest' })).toEqual({
      otlpEndpoint: 'https://logs.example.com/custom/ingest',
    })
    expect(parse({ OTEL_EXPORTER_OTLP_HEADERS: 'a=1,b=x%3Dy', OTEL_EXPORTER_OTLP_LOGS_HEADERS: 'b=2' })).toEqual({ otlpHeaders: { a: '1', b: '2' } })
    expect(parse({ OTEL_RESOURCE_ATTRIBUTES: 'team=pay%20ments', OTEL_SERVICE_NAME: 'api' })).toEqual({ otlpResource: { team: 'pay ments', 'service.name': 'api' } })
    expect(parse({})).toEqual({})
  })

  test('a plain http: endpoint beyond loopback and malformed headers are refused with one warning naming the variable', async () => {
    server = await startServer(ok)
    const run = await runChild({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318', OTEL_EXPORTER_OTLP_HEADERS: 'no-equals-sign' })
    expect(server.received).toHaveLength(0)
    expect(run.stderr).toContain('OTEL_EXPORTER_OTLP_ENDPOINT: the value is not an https: URL')
    expect(run.stderr).toContain('OTEL_EXPORTER_OTLP_HEADERS: the value is not key=value pairs')
    expect(run.stdout).toContain('DONE true null')
  })
})

describe('errorweave/otel with a real OpenTelemetry SDK in the same process', () => {
  let receiver: TestServer
  beforeAll(async () => {
    receiver = await startServer(ok)
    return () => receiver.close()
  })

  test("reports carry the active span's ids, the span records the exception, and both reach one receiver", async () => {
    const body = `
import { NodeSDK } from '@opentelemetry/sdk-node'
import { trace } from '@opentelemetry/api'
import 'errorweave/otel'
const sdk = new NodeSDK({ instrumentations: [] })
sdk.start()
await trace.getTracer('shop').startActiveSpan('checkout', async (span) => {
  try { new Checkout().pay({ id: 'order-9' }) } catch {}
  console.log('SPAN', JSON.stringify(span.spanContext()))
  span.end()
})
await sdk.shutdown()`
    const run = await runChild({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_TRACES_EXPORTER: 'otlp', OTEL_LOGS_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none' }, body)
    expect(run.stdout).toContain('DONE true')
    const span = JSON.parse(run.stdout.split('\n').find((line) => line.startsWith('SPAN '))!.slice(5))
    const byPath = (p: string) => receiver.received.filter((r: Received) => r.path === p)
    const [logs] = byPath('/v1/logs')
    const record = decodeOtlp(ExportLogsServiceRequest, logs.json).resourceLogs[0].scopeLogs[0].logRecords[0]
    expect(record.traceId).toBe(span.traceId)
    expect(record.spanId).toBe(span.spanId)
    const spans = byPath('/v1/traces').flatMap((r) => decodeOtlp(ExportTraceServiceRequest, r.json, false).resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans)))
    const exported = spans.find((s: any) => s.name === 'checkout')
    expect(exported.traceId).toBe(span.traceId)
    expect(exported.status.code).toBe(2)
    const exception = exported.events.find((e: any) => e.name === 'exception')
    expect(attributesOf(exception.attributes)).toMatchObject({ 'exception.type': 'TypeError', 'exception.message': expect.stringContaining('card declined for order-9') })
  })
})
