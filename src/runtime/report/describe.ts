/** Reading any thrown value without trusting it: getters may throw, Proxies may trap, prototypes may lie. */

export interface Described {
  errorType: string
  message: string
}

export interface CauseEntry extends Described {
  stack: string | null
}

export function cap(text: string, max = 16 * 1024): string {
  return text.length > max ? `${text.slice(0, max)}...[truncated]` : text
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
    causes.push({ ...describe(cause), stack: stackOf(cause) })
  }
  return causes
}

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
