import { guarded } from '../capture/counters.js'
import { settings } from '../config/settings.js'
import { read } from './describe.js'
import type { Category } from './types.js'

const CATEGORIES: readonly unknown[] = ['transient', 'system', 'business', 'permanent'] satisfies Category[]

/** Retrying may help: request timeout, too many requests, bad gateway, unavailable, gateway timeout. */
const TRANSIENT_STATUS = [408, 429, 502, 503, 504]
/** Network resets, refusals and timeouts, DNS, and their undici (fetch) equivalents. */
const TRANSIENT_CODE = /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|ESOCKETTIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH|EHOSTDOWN|ENETUNREACH|ENETDOWN|ENETRESET|UND_ERR_SOCKET|UND_ERR_\w*TIMEOUT|ERR_HTTP2_STREAM_ERROR|ERR_STREAM_PREMATURE_CLOSE)$/
const TRANSIENT_NAME = /^(AbortError|TimeoutError)$|Timeout/
/** Resources of the machine, and what a database or broker says when its connection fails. */
const SYSTEM_CODE = /^(EMFILE|ENFILE|ENOSPC|ENOMEM|EDQUOT|ERR_WORKER_OUT_OF_MEMORY|ERR_MEMORY_ALLOCATION_FAILED|PROTOCOL_CONNECTION_LOST|ER_CON_COUNT_ERROR|ER_OUT_OF_RESOURCES|08\w{3}|53\w{3}|57P0[1-3])$/
const SYSTEM_NAME = /Connection\w*Error$|^(MongoNetworkError|MongoServerSelectionError|MongoTopologyClosedError|PrismaClientInitializationError|KafkaJSBrokerNotFound|KafkaJSNumberOfRetriesExceeded)$|^(Redis|Amqp|Broker)\w*Error$/
const OUT_OF_MEMORY = /out of memory|allocation failed/i
/** The caller's input was refused. */
const BUSINESS_NAME = /Validation|^(ZodError|ValiError|CastError)$/
/** An error and its causes, at most this deep: `fetch failed` says ECONNRESET in its cause. */
const MAX_CAUSES = 4

/** configure({ classify }) first, then the default rules (DESIGN.md section 7), on the error then on its causes. */
export function categoryOf(error: unknown): Category {
  const classify = settings.classify
  if (classify) {
    const decided = guarded(() => classify(error))
    if (CATEGORIES.includes(decided)) return decided as Category
  }
  const seen = new Set<unknown>()
  for (let at = error; at !== undefined && at !== null && !seen.has(at) && seen.size < MAX_CAUSES; at = read(at, 'cause')) {
    seen.add(at)
    const category = ruleOf(at)
    if (category) return category
  }
  return 'permanent'
}

function ruleOf(error: unknown): Category | undefined {
  const status = statusOf(error)
  if (status !== undefined) {
    if (TRANSIENT_STATUS.includes(status)) return 'transient'
    if (status >= 400 && status < 500) return 'business'
  }
  const code = read(error, 'code')
  const names = typeNames(error)
  const message = read(error, 'message')
  if ((typeof code === 'string' && SYSTEM_CODE.test(code)) || names.some((name) => SYSTEM_NAME.test(name)) || (typeof message === 'string' && OUT_OF_MEMORY.test(message))) return 'system'
  if ((typeof code === 'string' && TRANSIENT_CODE.test(code)) || names.some((name) => TRANSIENT_NAME.test(name))) return 'transient'
  if (names.some((name) => BUSINESS_NAME.test(name))) return 'business'
  return undefined
}

/** An HTTP status carried by the error: `status`, `statusCode` or `response.status` (axios, Nest's HttpException, http-errors). */
function statusOf(error: unknown): number | undefined {
  for (const status of [read(error, 'status'), read(error, 'statusCode'), read(read(error, 'response'), 'status')]) {
    if (Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599) return status as number
  }
  return undefined
}

const MAX_PROTOTYPES = 10

/** The error's `name` and its classes' names up the prototype chain: `NotFoundException`, `HttpException`, `Error`. */
export function typeNames(error: unknown): string[] {
  const names: string[] = []
  const name = read(error, 'name')
  if (typeof name === 'string') names.push(name)
  try {
    let prototype = typeof error === 'object' && error !== null ? Object.getPrototypeOf(error) : null
    for (let depth = 0; prototype && depth < MAX_PROTOTYPES; depth++, prototype = Object.getPrototypeOf(prototype)) {
      const constructorName = read(read(prototype, 'constructor'), 'name')
      if (typeof constructorName === 'string' && constructorName && !names.includes(constructorName)) names.push(constructorName)
    }
  } catch {
    // A Proxy that refuses: the names read so far.
  }
  return names
}
