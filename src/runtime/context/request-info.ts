import { guarded } from '../capture/counters.js'
import { isSensitiveKey, MASK } from '../mask/mask.js'
import type { ContextFields } from '../platform/hooks.js'
import type { RequestInfo } from '../report/types.js'
import { clientIpOf } from './client-ip.js'
import { isFilled, read } from './fields.js'
import { parseTraceparent } from './traceparent.js'
import type { HeaderSource, RequestSeed } from './types.js'

export const DEFAULT_HEADERS = ['user-agent', 'content-type', 'referer', 'x-request-id']
/** DESIGN.md section 7 (seed 003): a body is at most this many characters of JSON. */
export const MAX_BODY = 2000
const TRUNCATED = '...[truncated]'
const MAX_HEADER = 500

/** A request's report fields, read when the report is built: its data and the trace ids of a valid `traceparent`. */
export function requestFields(seed: RequestSeed): ContextFields {
  return { request: requestInfo(seed), ...parseTraceparent(headerOf(seed.headers, 'traceparent')) }
}

function requestInfo(seed: RequestSeed): RequestInfo {
  const options = seed.options ?? {}
  const info: RequestInfo = { method: String(seed.method), url: String(seed.url) }
  const route = read(seed.route)
  if (typeof route === 'string' && route) info.route = route
  const params = read(seed.params)
  if (isFilled(params)) info.params = params
  const query = seed.query === undefined ? queryOf(info.url!) : read(seed.query)
  if (isFilled(query)) info.query = query
  if (options.body !== false) {
    const body = bodyOf(read(seed.body))
    if (body !== undefined) info.body = body
  }
  const headers = allowedHeaders(seed.headers, options.headers ?? DEFAULT_HEADERS)
  if (isFilled(headers)) info.headers = headers
  const clientIp = clientIpOf(seed.remoteAddress, headerOf(seed.headers, 'x-forwarded-for'), options.trustProxy)
  if (clientIp) info.clientIp = clientIp
  return info
}

function queryOf(url: string): Record<string, string | string[]> | undefined {
  const at = url.indexOf('?')
  if (at < 0) return undefined
  const query: Record<string, string | string[]> = {}
  for (const [key, value] of new URLSearchParams(url.slice(at + 1).split('#')[0])) {
    const known = query[key]
    query[key] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value]
  }
  return query
}

/**
 * The parsed body: sensitive keys masked first, then kept whole when its JSON fits
 * MAX_BODY characters, else as that JSON cut to MAX_BODY. Unparsed bodies (streams,
 * buffers) are not read.
 */
export function bodyOf(body: unknown): unknown {
  if (body === undefined || body === null || body === '') return undefined
  if (typeof body === 'string') return cut(body)
  if (typeof body !== 'object' || ArrayBuffer.isView(body) || body instanceof ArrayBuffer || typeof (body as { pipe?: unknown }).pipe === 'function') return undefined
  if (Object.keys(body).length === 0) return undefined
  let json: string | undefined
  try {
    json = JSON.stringify(body, (key, value: unknown) => (key && isSensitiveKey(key) && value !== undefined && value !== null && value !== '' ? MASK : value))
  } catch {
    return '[unserializable body]'
  }
  if (json === undefined) return undefined
  return json.length <= MAX_BODY ? JSON.parse(json) : cut(json)
}

function cut(text: string): string {
  return text.length <= MAX_BODY ? text : text.slice(0, MAX_BODY - TRUNCATED.length) + TRUNCATED
}

function allowedHeaders(source: HeaderSource, allowed: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const name of allowed) {
    const key = String(name).toLowerCase()
    // Credentials never leave, whatever the allow-list says.
    if (isSensitiveKey(key)) continue
    const value = headerOf(source, key)
    if (value !== undefined) headers[key] = value.slice(0, MAX_HEADER)
  }
  return headers
}

export function headerOf(source: HeaderSource | undefined, name: string): string | undefined {
  if (!source) return undefined
  const value = typeof source.get === 'function' ? guarded(() => (source as { get(name: string): string | null }).get(name)) : (source as Record<string, unknown>)[name]
  if (typeof value === 'string') return value
  return Array.isArray(value) ? value.join(', ') : undefined
}
