/**
 * The boundary between a front-end (which parses) and the emitters (which rewrite).
 * Positions are offsets into the original source text, so the text emitter can
 * splice and the AST emitter can find the same nodes by their original range.
 */

export type SeverityName = 'ERROR' | 'WARN' | 'INFO'

export interface MonitorOptions {
  severity?: SeverityName
  comment?: string
  enableFuturePrediction?: boolean
}

export interface CallSite {
  /** The call as written, arguments dropped: `this.repo.save()`. */
  call: string
  line: number
  column: number
  resolved?: string
}

/** One entry of a statement's future: an index into ModuleIR.calls. */
export interface FutureCall {
  site: number
  conditional: boolean
}

export interface Probe {
  /** Full start (with leading trivia) and end: the key of the statement node. */
  pos: number
  end: number
  /** Start of the statement's own text, where the text emitter inserts the probe. */
  start: number
  line: number
  column: number
  /** The statement stands alone where a block is needed to add a probe before it. */
  needsBlock: boolean
  futureCalls: FutureCall[]
  /** Loop tests and updates that run again after the body: they set the probe once more. */
  reentries: Range[]
}

export interface WovenFunction {
  /** Present in trace builds only. */
  trace?: TracePlan
  index: number
  className: string | null
  method: string
  line: number
  column: number
  options: MonitorOptions
  /** The function node's range: its key for the AST emitter. */
  pos: number
  end: number
  body:
    | {
        kind: 'block'
        open: number
        close: number
        tryStart: number
        keptStatements: number
        /** Function declarations of the body: they move before the try to stay function-scoped. */
        hoisted: Range[]
      }
    | { kind: 'expression'; start: number; end: number }
  probes: Probe[]
  /**
   * Returned expressions of an async function that may be promises: their rejection
   * escapes without passing the catch block, so the runtime watches them.
   */
  watchedReturns: Range[]
  /**
   * `finally` blocks run while an error passes through: they save the probe on entry
   * and restore it when they end, so the report still names the statement that threw.
   */
  finallyBlocks: Array<Range & { open: number; close: number }>
}

export interface Range {
  pos: number
  end: number
  start: number
}

export interface AnnotationError {
  message: string
  line: number
  column: number
}

export interface ModuleIR {
  file: string
  functions: WovenFunction[]
  calls: CallSite[]
  /** Our decorators, removed from the output. */
  decorators: Array<Range & { separatesMember: boolean }>
  errors: AnnotationError[]
}

export interface AnalyzeOptions {
  monitorAll: boolean
  futureCalls: { enabled: boolean; maxDepth: number }
  /** Measurement builds: record what really runs (see trace-plan.ts). */
  trace?: boolean
  /** The declaration a call (by its range in the text) resolves to, when a type checker is at hand: `UserRepository.save`. */
  resolveCall?: (call: { start: number; end: number }) => string | undefined
}

/** Where a statement sits, for the accuracy report's per-construct figures. */
export type StatementContext = 'straight' | 'branch' | 'try' | 'loop'

/**
 * What a trace build (option `trace`, for measurement only) adds to a woven function:
 * every call of its own body is recorded as it returns, every statement as it starts,
 * every entry into one of its catch blocks, so `errorweave accuracy` can compare what
 * really ran after each statement with the future-call table.
 */
export interface TracePlan {
  calls: Array<Range & { site: number; owner: number; depth: number }>
  catches: Array<{ at: number; tryProbe: number }>
  /** Per probe (0-based): the enclosing probe's number (1-based), 0 at the top. */
  parents: number[]
  contexts: StatementContext[]
}
