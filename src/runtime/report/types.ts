import type { FutureCallSite } from '../capture/table.js'
import type { CauseEntry } from './describe.js'

/** The report's shape, apart from how it is built, so settings and transports can name it. */
export interface ChainEntry {
  class: string | null
  method: string
  line: number | null
  column: number | null
  file: string | null
  futureCalls: string[]
}

export interface Caller {
  function: string | null
  file: string | null
  line: number | null
}

/** One report, as POSTed (DESIGN.md section 7). The first six keys are the seed's format. */
export interface Report {
  class: string | null
  method: string
  line: number | null
  message: string
  severity: string
  futureCalls: string[]
  futureCallSites: FutureCallSite[]
  column: number | null
  file: string | null
  comment: string | null
  errorType: string
  woven: boolean
  caller: Caller | null
  chain: ChainEntry[]
  stack: string | null
  cause: CauseEntry[]
  /** The thrown value's own enumerable properties (a thrown plain object's fields, an error's `code`), masked. */
  properties?: Record<string, unknown>
  timestamp: string
  /** Equal for identical errors: type, message (numbers and ids ignored) and woven location. */
  fingerprint: string
  /** How many occurrences this report stands for. */
  count: number
  service?: string
  environment?: string
  release?: string
  /** How the error reached the runtime (DESIGN.md section 7). */
  mechanism: Mechanism
  /** transient | system | business | permanent (section 7); set by the classification. */
  category?: Category
  /** The request being served when the error was captured (section 11), masked. */
  request?: RequestInfo
  user?: UserInfo
  tags?: Record<string, string>
  /** setContext(name, data): named blocks of app data. */
  contexts?: Record<string, unknown>
  traceId?: string
  spanId?: string
  /** Distinct users among the occurrences this report stands for (at most 10 ids in `sample`). */
  affectedUsers?: { count: number; sample: string[] }
  /** Occurrences lost before this one (full queues, failed deliveries), when any were. */
  dropped?: number
}

export type Mechanism = 'woven' | 'decorator' | 'uncaught' | 'unhandledrejection' | 'framework' | 'manual'

export type Category = 'transient' | 'system' | 'business' | 'permanent'

export interface RequestInfo {
  method?: string
  /** The route template (`/orders/:id`), never the concrete path. */
  route?: string
  url?: string
  params?: Record<string, string>
  query?: Record<string, unknown>
  body?: unknown
  headers?: Record<string, string>
  clientIp?: string
}

export interface UserInfo {
  id?: string
  role?: string
  [key: string]: unknown
}
