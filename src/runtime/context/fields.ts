import { guarded } from '../capture/counters.js'
import { isSensitiveKey, MASK } from '../mask/mask.js'
import type { ContextFields } from '../platform/hooks.js'
import type { RequestInfo, UserInfo } from '../report/types.js'
import { clientIpOf } from './client-ip.js'
import { parseTraceparent } from './traceparent.js'
import type { HeaderSource, Lazy, RequestState, Scope } from './types.js'

export const DEFAULT_HEADERS = ['user-agent', 'content-type', 'referer', 'x-request-id']
/** DESIGN.md section 7 (seed 003): a body is at most this many characters of JSON. */
export const MAX_BODY = 2000
const TRUNCATED = '...[truncated]'
const MAX_HEADER = 500

/** What a report carries of a scope: read when the report is built, so later route, body and user updates count. */
export function reportFields(scope: Scope): ContextFields {
  const fields: ContextFields = {}
  const user = userOf(scope)
  if (user) fields.user = user
  if (isFilled(scope.tags)) fields.tags = { ...scope.tags }
  const contexts = scope.contexts && Object.fromEntries(Object.entries(scope.contexts).filter(([, data]) => data !== null && data !== undefined))
  if (isFilled(contexts)) fields.contexts = contexts
  const request = scope.request
  if (request) {
    fields.request = requestInfo(request)
    const trace = parseTraceparent(headerOf(request.seed.headers, 'traceparent'))
    if (trace) Object.assign(fields, trace)
  }
  return fields
}

export function userIdOf(scope: Scope): string | undefined {
  const id = userOf(scope)?.id
  return id === undefined || id === null ? undefined : String(id)
}

/** The scope's user (null there means none), else the request's `user(req)` option. */
function userOf(scope: Scope): UserInfo | undefined {
  if (scope.user !== undefined) return scope.user ?? undefined
  const user = scope.request && read(scope.request.seed.user)
  return user && typeof user === 'object' ? user : undefined
}

function requestInfo({ seed }: RequestState): RequestInfo {
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

/** A lazy value, read as host code: what it throws is counted, never reported through us. */
function read<T>(value: Lazy<T> | undefined): T | undefined {
  return typeof value === 'function' ? guarded(value as () => T) : value
}

function isFilled(value: unknown): value is Record<string, never> {
  return !!value && typeof value === 'object' && Object.keys(value).length > 0
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
