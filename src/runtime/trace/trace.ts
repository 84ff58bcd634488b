import type { ModuleTable } from '../capture/table.js'

/**
 * The runtime half of trace builds (build option `trace`, for measurement only):
 * one log per invocation of a woven function, written as NDJSON at process exit to
 * ERRORWEAVE_TRACE_FILE (default ./errorweave-trace.ndjson), one line per module.
 */
const MAX_INVOCATIONS_PER_FUNCTION = 200
const MAX_EVENTS_PER_INVOCATION = 10_000

/** Statement numbers (negative), call sites and marks of one invocation, capped. */
class TraceLog {
  readonly events: number[] = []
  push(event: number): void {
    if (this.events.length < MAX_EVENTS_PER_INVOCATION) this.events.push(event)
  }
  toJSON(): number[] {
    return this.events
  }
}

interface TracedModule {
  table: ModuleTable
  meta: string
  logs: TraceLog[][]
}

const modules = new Map<ModuleTable, TracedModule>()

export function traceEnter(table: ModuleTable, meta: string, fn: number): TraceLog {
  let traced = modules.get(table)
  if (!traced) {
    if (modules.size === 0) writeAtExit()
    traced = { table, meta, logs: [] }
    modules.set(table, traced)
  }
  const logs = (traced.logs[fn] ??= [])
  const log = new TraceLog()
  // Invocations past the cap still record; their logs are just never kept.
  if (logs.length < MAX_INVOCATIONS_PER_FUNCTION) logs.push(log)
  return log
}

/** Records that call site `site` returned, and passes its value through. */
export function traced<T>(log: TraceLog, site: number, value: T): T {
  log.push(site)
  return value
}

type NodeProcess = { on?: Function; env?: Record<string, string>; getBuiltinModule?: (id: string) => any }
const node = (globalThis as { process?: NodeProcess }).process

function writeAtExit(): void {
  node?.on?.('exit', writeTrace)
}

/**
 * Appends what was traced so far to ERRORWEAVE_TRACE_FILE and starts afresh. Runs at
 * process exit; a harness whose workers never exit normally (test runners) calls it.
 */
export function writeTrace(): void {
  const fs = node?.getBuiltinModule?.('node:fs')
  if (!fs || modules.size === 0) return
  const file = node?.env?.ERRORWEAVE_TRACE_FILE ?? 'errorweave-trace.ndjson'
  const lines = [...modules.values()].map((m) => JSON.stringify({ table: m.table, meta: JSON.parse(m.meta), logs: m.logs }))
  fs.appendFileSync(file, lines.map((line) => `${line}\n`).join(''))
  for (const traced of modules.values()) traced.logs = []
}
