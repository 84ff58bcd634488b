import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { FutureCall, ModuleIR, WovenFunction } from '../transformer/core/ir.js'
import { resolveOptions } from '../transformer/core/options.js'
import { analyzeFile, relativeFile } from '../transformer/text/weave-file.js'

export const INSPECT_USAGE = 'errorweave inspect <file> [--json] [--all]'

interface InspectedCallSite {
  call: string
  line: number
  column: number
  conditional: boolean
  resolved?: string
}

interface InspectedStatement {
  line: number
  column: number
  futureCalls: string[]
  futureCallSites: InspectedCallSite[]
}

interface InspectedFunction {
  class: string | null
  method: string
  line: number
  statements: InspectedStatement[]
}

interface Inspection {
  file: string
  functions: InspectedFunction[]
}

interface InspectArgs {
  file: string
  json: boolean
  all: boolean
}

/** `errorweave inspect`: what the build would weave in one file. Returns the exit code. */
export function runInspect(args: string[]): number {
  const parsed = parseArgs(args)
  if (typeof parsed === 'string') {
    console.error(`errorweave inspect: ${parsed}\nusage: ${INSPECT_USAGE}`)
    return 2
  }
  // Named as in reports: relative to the working directory, which is the build's default root.
  const absolute = path.resolve(parsed.file)
  const file = relativeFile(absolute, process.cwd()) || parsed.file
  let code: string
  try {
    code = readFileSync(absolute, 'utf8')
  } catch (error) {
    console.error(`errorweave inspect: cannot read ${file}: ${readProblem(error)}`)
    return 1
  }
  const analyzed = analyzeFile(code, file, resolveOptions({ monitorAll: parsed.all }))
  if ('syntaxError' in analyzed) {
    console.error(analyzed.syntaxError)
    return 1
  }
  const { ir } = analyzed
  if (ir.errors.length > 0) {
    for (const error of ir.errors) console.error(`${file}:${error.line}:${error.column}: ${error.message}`)
    return 1
  }
  const inspection = inspect(ir)
  console.log(parsed.json ? JSON.stringify(inspection, null, 2) : renderText(inspection, ir.functions))
  return 0
}

function parseArgs(args: string[]): InspectArgs | string {
  const files: string[] = []
  let json = false
  let all = false
  for (const arg of args) {
    if (arg === '--json') json = true
    else if (arg === '--all') all = true
    else if (arg.startsWith('-')) return `unknown option ${arg}`
    else files.push(arg)
  }
  if (files.length !== 1) return files.length === 0 ? 'no file given' : 'give exactly one file'
  return { file: files[0], json, all }
}

function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EISDIR') return 'it is a directory'
  return error instanceof Error ? error.message : String(error)
}

/** The IR as the contract's JSON: future calls resolved from indexes into the module's call list. */
function inspect(ir: ModuleIR): Inspection {
  const siteOf = (future: FutureCall): InspectedCallSite => {
    const { call, line, column, resolved } = ir.calls[future.site]
    return resolved === undefined ? { call, line, column, conditional: future.conditional } : { call, line, column, conditional: future.conditional, resolved }
  }
  return {
    file: ir.file,
    functions: ir.functions.map((fn) => ({
      class: fn.className,
      method: fn.method,
      line: fn.line,
      statements: fn.probes.map((probe) => {
        const futureCallSites = probe.futureCalls.map(siteOf)
        return { line: probe.line, column: probe.column, futureCalls: futureCallSites.map((site) => site.call), futureCallSites }
      }),
    })),
  }
}

const CONDITIONAL_MARK = '[if]'

/** One block per function: its name and options, then one line per statement. */
function renderText(inspection: Inspection, woven: WovenFunction[]): string {
  const count = inspection.functions.length
  const lines = [`${inspection.file}: ${count === 0 ? 'no' : count} woven function${count === 1 ? '' : 's'}`]
  let anyConditional = false
  inspection.functions.forEach((fn, i) => {
    lines.push('', `${fn.class === null ? '' : `${fn.class}.`}${fn.method} (${[`line ${fn.line}`, ...optionLabels(woven[i])].join(', ')})`)
    if (fn.statements.length === 0) lines.push('  (empty body)')
    const positions = fn.statements.map((statement) => `${statement.line}:${statement.column}`)
    const width = Math.max(...positions.map((position) => position.length)) + 2
    fn.statements.forEach((statement, j) => {
      const calls = statement.futureCallSites.map(describeCall)
      anyConditional ||= statement.futureCallSites.some((site) => site.conditional)
      lines.push(`  ${positions[j].padEnd(width)}${calls.length > 0 ? calls.join(', ') : '(no future calls)'}`)
    })
  })
  if (anyConditional) lines.push('', `${CONDITIONAL_MARK} = may not run (a condition, a loop, an optional call or an earlier exit decides)`)
  return lines.join('\n')
}

/** `call() [if]` when it may not run, `call() -> target` when the target is known and not plain from the call. */
function describeCall(site: InspectedCallSite): string {
  const target = site.resolved !== undefined && site.resolved !== site.call.replace(/\(\)$/, '') ? ` -> ${site.resolved}` : ''
  return `${site.call}${site.conditional ? ` ${CONDITIONAL_MARK}` : ''}${target}`
}

function optionLabels(fn: WovenFunction): string[] {
  const { severity = 'ERROR', comment, enableFuturePrediction } = fn.options
  const labels = [`severity ${severity}`]
  if (comment !== undefined) labels.push(`comment ${JSON.stringify(comment)}`)
  if (enableFuturePrediction !== undefined) labels.push(`prediction ${enableFuturePrediction ? 'on' : 'off'}`)
  return labels
}
