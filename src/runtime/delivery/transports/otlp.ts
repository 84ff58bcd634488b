import { settings } from '../../config/settings.js'
import type { Report } from '../../report/types.js'
import { createSender, retryAfterMs } from '../sender.js'
import type { Sender } from '../types.js'

/** OTLP's SeverityNumber for each severity (the first of its range: INFO 9, WARN 13, ERROR 17). */
const SEVERITY_NUMBER: Record<string, number> = { INFO: 9, WARN: 13, ERROR: 17 }
/** What OTLP/HTTP calls retryable; any other refusal is final (the specification's exporter rules). */
const RETRYABLE = new Set([429, 502, 503, 504])

type AnyValue = { stringValue: string } | { intValue: string } | { boolValue: boolean } | { arrayValue: { values: AnyValue[] } }
interface KeyValue {
  key: string
  value: AnyValue
}

/** OTLP/HTTP with JSON encoding to `…/v1/logs`: one log record per report, retried as OpenTelemetry's exporters retry. */
export function otlpSender(): Sender {
  return createSender({
    label: 'otlp.endpoint',
    destination: () => (settings.otlpEndpoint ? { url: new URL(settings.otlpEndpoint), headers: { ...settings.otlpHeaders } } : undefined),
    encode: (report, lost) => JSON.stringify(otlpLogsRequest(report, lost)),
    waitFrom: (reply) => retryAfterMs(reply.header('retry-after')),
    retryable: (status) => RETRYABLE.has(status),
  })
}

/** An ExportLogsServiceRequest in OTLP's JSON encoding (hex ids, int64 as strings, enums as numbers). */
export function otlpLogsRequest(report: Report, lost = 0) {
  const request = report.request
  const dropped = (report.dropped ?? 0) + lost
  const attributes = keyValues({
    'exception.type': report.errorType,
    'exception.message': report.message.startsWith(`${report.errorType}: `) ? report.message.slice(report.errorType.length + 2) : report.message,
    'exception.stacktrace': report.stack,
    'code.function.name': report.class ? `${report.class}.${report.method}` : report.method,
    'code.file.path': report.file,
    'code.line.number': report.line,
    'code.column.number': report.column,
    'http.request.method': request?.method,
    'http.route': request?.route,
    'url.path': request?.url && new URL(request.url, 'http://host.invalid').pathname,
    'client.address': request?.clientIp,
    'user.id': report.user?.id,
    'errorweave.mechanism': report.mechanism,
    'errorweave.category': report.category,
    'errorweave.woven': report.woven,
    'errorweave.comment': report.comment,
    'errorweave.fingerprint': report.fingerprint,
    'errorweave.count': report.count,
    'errorweave.future_calls': report.futureCalls,
    'errorweave.chain': report.chain.map((entry) => `${entry.class ? `${entry.class}.` : ''}${entry.method} (${entry.file ?? '?'}:${entry.line ?? '?'})`),
    'errorweave.caller': report.caller ? `${report.caller.function ?? '?'} (${report.caller.file ?? '?'}:${report.caller.line ?? '?'})` : undefined,
    'errorweave.affected_users': report.affectedUsers?.count,
    'errorweave.dropped': dropped > 0 ? dropped : undefined,
    ...Object.fromEntries(Object.entries(report.tags ?? {}).map(([key, value]) => [`errorweave.tag.${key}`, value])),
  })
  const record = {
    timeUnixNano: `${Date.parse(report.timestamp)}000000`,
    observedTimeUnixNano: `${Date.now()}000000`,
    severityNumber: SEVERITY_NUMBER[report.severity] ?? SEVERITY_NUMBER.ERROR,
    severityText: report.severity,
    body: { stringValue: report.message },
    attributes,
    ...(isHex(report.traceId, 32) && isHex(report.spanId, 16) ? { traceId: report.traceId, spanId: report.spanId, flags: 1 } : {}),
  }
  const resource = keyValues({
    'service.name': settings.service ?? 'unknown_service',
    'service.version': settings.release,
    'deployment.environment.name': settings.environment,
    'telemetry.sdk.name': 'errorweave',
    ...settings.otlpResource,
  })
  return { resourceLogs: [{ resource: { attributes: resource }, scopeLogs: [{ scope: { name: 'errorweave' }, logRecords: [record] }] }] }
}

function isHex(value: string | undefined, length: number): value is string {
  return typeof value === 'string' && value.length === length && /^[0-9a-f]+$/.test(value) && !/^0+$/.test(value)
}

/** Attributes with a value, each typed as OTLP's AnyValue. */
function keyValues(entries: Record<string, unknown>): KeyValue[] {
  const list: KeyValue[] = []
  for (const [key, value] of Object.entries(entries)) {
    const typed = anyValue(value)
    if (typed) list.push({ key, value: typed })
  }
  return list
}

function anyValue(value: unknown): AnyValue | undefined {
  if (typeof value === 'string') return { stringValue: value }
  if (typeof value === 'boolean') return { boolValue: value }
  if (typeof value === 'number' && Number.isInteger(value)) return { intValue: String(value) }
  if (Array.isArray(value) && value.length > 0) return { arrayValue: { values: value.map((item) => ({ stringValue: String(item) })) } }
  return undefined
}
