/** Reading any thrown value without trusting it: getters may throw, Proxies may trap, prototypes may lie. */
import { jsonCopy, type CopyRules } from './json-copy.js'

export interface Described {
  errorType: string
  message: string
}

export interface CauseEntry extends Described {
  stack: string | null
  /** The cause's own enumerable properties (section 8: masked like everything sent). */
  properties?: Record<string, unknown>
}

export const TRUNCATED = '...[truncated]'

export function cap(text: string, max = 16 * 1024): string {
  return text.length > max ? `${text.slice(0, max)}${TRUNCATED}` : text
}

/** Type and message: what the fingerprint needs. Cheap: the stack is not read. */
export function describe(error: unknown): Described {
  try {
    if (!isObjectLike(error)) return { errorType: error === null ? 'null' : typeof error, message: cap(textOf(error)) }
    const name = nameOf(error)
    if (typeof error === 'function') return { errorType: 'function', message: `[function ${name ?? '(anonymous)'}]` }
    const errorType = name ?? constructorName(error)
    const message = read(error, 'message')
    return { errorType, message: cap(typeof message === 'string' ? (message ? `${errorType}: ${message}` : errorType) : safeString(error)) }
  } catch {
    return { errorType: 'unknown', message: '[unreadable thrown value]' }
  }
}

/** The stack text, read only for errors that are reported (formatting it costs microseconds). */
export function stackOf(error: unknown): string | null {
  const stack = read(error, 'stack')
  return typeof stack === 'string' ? cap(stack) : null
}

/** error.cause, its cause, ...: at most 8, and a cycle ends the list. */
export function causesOf(error: unknown): CauseEntry[] {
  const causes: CauseEntry[] = []
  const seen = new Set([error])
  for (let cause = read(error, 'cause'); causes.length < 8 && cause !== undefined && !seen.has(cause); cause = read(cause, 'cause')) {
    seen.add(cause)
    const entry: CauseEntry = { ...describe(cause), stack: stackOf(cause) }
    const properties = propertiesOf(cause)
    if (properties) entry.properties = properties
    causes.push(entry)
  }
  return causes
}

const NOT_PROPERTIES = ['message', 'stack', 'cause']

/**
 * A JSON-safe copy of a thrown value's own enumerable properties (a plain object's fields,
 * an error's `code`, `status`, `response`...), apart from what the report already holds;
 * undefined when none. Masked with the rest of the report by sanitize.
 */
export function propertiesOf(value: unknown): Record<string, unknown> | undefined {
  if (!isObjectLike(value) || typeof value === 'function') return undefined
  const copy = jsonCopy(value, PROPERTY_RULES)
  if (!copy || typeof copy !== 'object' || Array.isArray(copy)) return undefined
  for (const key of NOT_PROPERTIES) delete (copy as Record<string, unknown>)[key]
  return Object.keys(copy).length > 0 ? (copy as Record<string, unknown>) : undefined
}

/** Bounded on capture's side too: the report is copied to aggregate, and held until it leaves. */
const PROPERTY_RULES: CopyRules = { text: (value) => cap(value), key: (name) => cap(name, 200), maxDepth: 6, maxNodes: 500 }

function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function'
}

/** `target[key]` of an object or function; undefined for primitives and when reading throws. */
export function read(target: unknown, key: string): unknown {
  try {
    return isObjectLike(target) ? (target as Record<string, unknown>)[key] : undefined
  } catch {
    return undefined
  }
}

/** A non-empty string `name`, capped. */
function nameOf(value: unknown): string | undefined {
  const name = read(value, 'name')
  return typeof name === 'string' && name ? cap(name, 200) : undefined
}

function textOf(value: unknown): string {
  try {
    return String(value)
  } catch {
    return `[${typeof value}]`
  }
}

function constructorName(value: object): string {
  const constructor = read(value, 'constructor')
  return (typeof constructor === 'function' && nameOf(constructor)) || 'Object'
}

function safeString(value: object): string {
  const text = textOf(value)
  return text !== '[object Object]' && text !== '[object]' ? text : shallowView(value)
}

/** `{ code: 42, reason: "x" }`: a few own keys, one level deep, bounded whatever the object's size. */
function shallowView(value: object): string {
  let keys: string[]
  try {
    keys = Object.keys(value)
  } catch {
    keys = []
  }
  const parts = keys.slice(0, 10).map((key) => {
    const field = read(value, key)
    const shown = typeof field === 'string' ? JSON.stringify(cap(field, 100)) : isObjectLike(field) ? (Array.isArray(field) ? '[Array]' : '[Object]') : textOf(field)
    return `${cap(key, 50)}: ${shown}`
  })
  if (keys.length > 10) parts.push('...')
  return parts.length ? `{ ${parts.join(', ')} }` : `[${constructorName(value)}]`
}
