/** Reading any thrown value without trusting it: getters may throw, Proxies may trap, prototypes may lie. */

export const MAX_STRING = 16 * 1024
const MAX_CAUSES = 8

export interface Described {
  errorType: string
  message: string
}

export interface CauseEntry extends Described {
  stack: string | null
}

/** Type and message: what the fingerprint needs. Cheap: the stack is not read. */
export function describe(error: unknown): Described {
  try {
    if (!isObjectLike(error)) {
      const errorType = error === null ? 'null' : typeof error
      return { errorType, message: cap(primitiveText(error)) }
    }
    if (typeof error === 'function') {
      const name = read(error, 'name')
      return { errorType: 'function', message: `[function ${typeof name === 'string' && name ? cap(name, 200) : '(anonymous)'}]` }
    }
    const name = read(error, 'name')
    const message = read(error, 'message')
    const errorType = typeof name === 'string' && name ? cap(name, 200) : constructorName(error)
    const text = typeof message === 'string' ? (message ? `${errorType}: ${message}` : errorType) : safeString(error)
    return { errorType, message: cap(text) }
  } catch {
    return { errorType: 'unknown', message: '[unreadable thrown value]' }
  }
}

/** The stack text, read only for errors that are reported (formatting it costs microseconds). */
export function stackOf(error: unknown): string | null {
  if (!isObjectLike(error)) return null
  const stack = read(error, 'stack')
  return typeof stack === 'string' ? cap(stack) : null
}

/** error.cause, its cause, ...: at most MAX_CAUSES, and a cycle ends the list. */
export function causesOf(error: unknown): CauseEntry[] {
  const causes: CauseEntry[] = []
  const seen = new Set<unknown>([error])
  let current = error
  while (causes.length < MAX_CAUSES && isObjectLike(current)) {
    const cause = read(current, 'cause')
    if (cause === undefined || seen.has(cause)) break
    seen.add(cause)
    causes.push({ ...describe(cause), stack: stackOf(cause) })
    current = cause
  }
  return causes
}

export function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function'
}

function read(target: object, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key]
  } catch {
    return undefined
  }
}

function primitiveText(value: unknown): string {
  try {
    return typeof value === 'string' ? value : String(value)
  } catch {
    return `[${typeof value}]`
  }
}

function constructorName(value: object): string {
  const constructor = read(value, 'constructor')
  const name = typeof constructor === 'function' ? read(constructor, 'name') : undefined
  return typeof name === 'string' && name ? cap(name, 200) : 'Object'
}

function safeString(value: object): string {
  try {
    const text = String(value)
    if (text !== '[object Object]') return text
  } catch {
    // fall through to a shallow view
  }
  return shallowView(value)
}

/** `{ code: 42, reason: "x" }`: a few own keys, one level deep, bounded whatever the object's size. */
function shallowView(value: object): string {
  let keys: string[]
  try {
    keys = Object.keys(value)
  } catch {
    return `[${constructorName(value)}]`
  }
  const parts = keys.slice(0, 10).map((key) => {
    const field = read(value, key)
    const shown = typeof field === 'string' ? JSON.stringify(cap(field, 100)) : isObjectLike(field) ? (Array.isArray(field) ? '[Array]' : '[Object]') : primitiveText(field)
    return `${cap(key, 50)}: ${shown}`
  })
  if (keys.length > 10) parts.push('...')
  return parts.length ? `{ ${parts.join(', ')} }` : `[${constructorName(value)}]`
}

export function cap(text: string, max = MAX_STRING): string {
  return text.length > max ? `${text.slice(0, max)}...[truncated]` : text
}
