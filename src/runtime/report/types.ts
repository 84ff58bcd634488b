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
  timestamp: string
  /** Equal for identical errors: type, message (numbers and ids ignored) and woven location. */
  fingerprint: string
  /** How many occurrences this report stands for. */
  count: number
  service?: string
  environment?: string
  release?: string
  /** Reports lost before this one (full queues, failed deliveries), when any were. */
  dropped?: number
}
