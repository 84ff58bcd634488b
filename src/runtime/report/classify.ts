import { guarded } from '../capture/counters.js'
import { settings } from '../config/settings.js'
import { hooks } from '../platform/hooks.js'
import { read } from './describe.js'
import type { Category } from './types.js'

const CATEGORIES: readonly unknown[] = ['transient', 'system', 'business', 'permanent'] satisfies Category[]
/** An error and its causes, at most this deep: `fetch failed` says ECONNRESET in its cause. */
const MAX_CAUSES = 4

/**
 * configure({ classify }) first, then the default rules (DESIGN.md section 7) on the
 * error, then on its causes. The rules for Node's error codes and database or broker
 * clients come with the Node entry (classify-server.ts), so browsers do not ship them.
 */
export function categoryOf(error: unknown): Category {
  const classify = settings.classify
  if (classify) {
    const decided = guarded(() => classify(error))
    if (CATEGORIES.includes(decided)) return decided as Category
  }
  const seen = new Set<unknown>()
  for (let at = error; at !== undefined && at !== null && !seen.has(at) && seen.size < MAX_CAUSES; at = read(at, 'cause')) {
    seen.add(at)
    const category = statusCategory(at) ?? hooks.serverCategory?.(at) ?? nameCategory(typeNames(at))
    if (category) return category
  }
  return 'permanent'
}

/** HTTP 408, 429, 502, 503, 504: retrying may help; other 4xx: the caller's request was refused. */
function statusCategory(error: unknown): Category | undefined {
  // `status`, `statusCode` or `response.status`: Nest's HttpException, http-errors, axios.
  for (const status of [read(error, 'status'), read(error, 'statusCode'), read(read(error, 'response'), 'status')]) {
    if (Number.isInteger(status) && (status as number) >= 400 && (status as number) < 600) {
      return [408, 429, 502, 503, 504].includes(status as number) ? 'transient' : (status as number) < 500 ? 'business' : undefined
    }
  }
  return undefined
}

function nameCategory(names: string[]): Category | undefined {
  for (const name of names) {
    if (/^(AbortError|TimeoutError)$|Timeout/.test(name)) return 'transient'
    if (/Validation|^(ZodError|ValiError)$/.test(name)) return 'business'
  }
  return undefined
}

const MAX_PROTOTYPES = 10

/** The error's `name` and its classes' names up the prototype chain: `NotFoundException`, `HttpException`, `Error`. */
export function typeNames(error: unknown): string[] {
  const names = [read(error, 'name')]
  try {
    let prototype = typeof error === 'object' && error ? Object.getPrototypeOf(error) : null
    for (let depth = 0; prototype && depth < MAX_PROTOTYPES; depth++, prototype = Object.getPrototypeOf(prototype)) names.push(read(read(prototype, 'constructor'), 'name'))
  } catch {
    // A Proxy that refuses: the names read so far.
  }
  return names.filter((name): name is string => typeof name === 'string' && name !== '')
}
