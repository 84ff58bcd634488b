import { readFileSync } from 'node:fs'
import { TRACE_MARK } from '../transformer/core/table.js'

/**
 * `errorweave accuracy <trace-file>`: compares what really ran after each executed
 * statement (a trace build's log) with the future-call table.
 *
 * A prediction is exact when its unconditional calls, plus the conditional ones
 * that did run, are what ran, in that order (a prefix of it when the table was
 * cut at maxDepth). Statements that did not complete normally (an error left them)
 * are not counted: the table describes normal completion (a `throw` statement, which
 * never completes, has a table of what its arm skipped: nothing to compare it with). Nor are those whose
 * following calls an error cut short: a call that throws is never seen returning.
 */
interface TraceLine {
  table: { file: string; calls: Array<[string, number, number, string?]>; functions: unknown[][] }
  meta: { owners: number[]; functions: Array<{ parents: number[]; contexts: string[] }> }
  logs: number[][][]
}

interface Tally {
  statements: number
  /** Executed, but an error cut what followed: not measured. */
  interrupted: number
  exact: number
  predicted: number
  actual: number
  hits: number
}

export interface AccuracyReport {
  overall: Tally
  outsideLoops: Tally
  byContext: Record<string, Tally>
  worst: Array<{ where: string; runs: number; exactRate: number; predicted: string[]; actual: string[] }>
}

const tally = (): Tally => ({ statements: 0, interrupted: 0, exact: 0, predicted: 0, actual: 0, hits: 0 })
const isStatement = (event: number) => event < 0 && event > TRACE_MARK.caughtBase
const isCaught = (event: number) => event <= TRACE_MARK.caughtBase && event > TRACE_MARK.escaped

export function measureAccuracy(lines: TraceLine[], depth: number): AccuracyReport {
  const report: AccuracyReport = { overall: tally(), outsideLoops: tally(), byContext: {}, worst: [] }
  const perStatement = new Map<string, { runs: number; exact: number; predicted: string[]; actual: string[] }>()
  for (const { table, meta, logs } of lines) {
    logs.forEach((invocations, fn) => {
      const row = table.functions[fn]
      const statements = row[4] as number[][]
      const { parents, contexts } = meta.functions[fn]
      for (const events of invocations ?? []) {
        const abnormal = interruptedStatements(events, parents)
        events.forEach((event, i) => {
          // A loop's probe and its test's probe fire back to back on entry: count that once.
          if (!isStatement(event) || abnormal.has(i) || events[i + 1] === event) return
          const probe = -event
          const predicted = statements[probe - 1].slice(2, 2 + depth).map((code) => ({ site: code >> 1, conditional: (code & 1) === 1 }))
          const actual = actualAfter(events, i, probe, meta.owners, depth)
          const context = contexts[probe - 1] ?? 'straight'
          const tallies = [report.overall, (report.byContext[context] ??= tally()), ...(context === 'loop' ? [] : [report.outsideLoops])]
          if (!actual) {
            for (const t of tallies) t.interrupted++
            return
          }
          const expected = predicted.filter((p) => !p.conditional || actual.includes(p.site)).map((p) => p.site)
          const truncated = statements[probe - 1].length - 2 >= depth
          const exact = truncated ? expected.every((site, j) => actual[j] === site) : sameList(expected, actual)
          const hits = expected.filter((site) => actual.includes(site)).length
          // A cut table covers only as many calls as it kept: later ones do not count against recall.
          const covered = truncated ? Math.min(actual.length, expected.length) : actual.length
          for (const t of tallies) {
            t.statements++
            t.exact += exact ? 1 : 0
            t.predicted += expected.length
            t.actual += covered
            t.hits += hits
          }
          const key = `${table.file}:${statements[probe - 1][0]}:${statements[probe - 1][1]}:${row[1]}#${probe}`
          const entry = perStatement.get(key) ?? { runs: 0, exact: 0, predicted: [], actual: [] }
          entry.runs++
          if (exact) entry.exact++
          else {
            entry.predicted = predicted.map((p) => table.calls[p.site][0] + (p.conditional ? '?' : ''))
            entry.actual = actual.map((site) => table.calls[site][0])
          }
          perStatement.set(key, entry)
        })
      }
    })
  }
  report.worst = [...perStatement.entries()]
    .filter(([, entry]) => entry.exact < entry.runs)
    .map(([key, entry]) => ({ where: key.split('#')[0], runs: entry.runs, exactRate: entry.exact / entry.runs, predicted: entry.predicted, actual: entry.actual }))
    .sort((a, b) => a.exactRate - b.exactRate || b.runs - a.runs)
    .slice(0, 20)
  return report
}

/**
 * Calls that ran after statement occurrence `at` completed, each site once, at most
 * `depth`; undefined when an error cut them short first.
 */
function actualAfter(events: number[], at: number, probe: number, owners: number[], depth: number): number[] | undefined {
  const actual: number[] = []
  let ownHead = true
  for (let j = at + 1; j < events.length && actual.length < depth; j++) {
    const event = events[j]
    if (event < 0 && !isStatement(event)) return undefined
    if (isStatement(event)) ownHead = false
    else if (event >= 0 && !(ownHead && owners[event] === probe) && !actual.includes(event)) actual.push(event)
  }
  return actual
}

/** Occurrences an error left: the statement running and its enclosing ones up to the catching try. */
function interruptedStatements(events: number[], parents: number[]): Set<number> {
  const interrupted = new Set<number>()
  events.forEach((event, j) => {
    if (event >= 0 || isStatement(event)) return
    const stopAt = isCaught(event) ? TRACE_MARK.caughtBase - event : 0
    let last = j - 1
    while (last >= 0 && !isStatement(events[last])) last--
    for (let probe = last >= 0 ? -events[last] : 0; probe !== 0 && probe !== stopAt; probe = parents[probe - 1] ?? 0) {
      const occurrence = events.lastIndexOf(-probe, j)
      if (occurrence >= 0) interrupted.add(occurrence)
    }
  })
  return interrupted
}

function sameList(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i])
}

const percent = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`)

export function formatAccuracy(report: AccuracyReport): string {
  const row = (name: string, t: Tally) =>
    `${name.padEnd(16)} ${String(t.statements).padStart(9)}  ${String(t.interrupted).padStart(11)}  ${percent(t.exact, t.statements).padStart(7)}  ${percent(t.hits, t.predicted).padStart(9)}  ${percent(t.hits, t.actual).padStart(7)}`
  const lines = [
    `${'statements'.padEnd(16)} ${'measured'.padStart(9)}  ${'interrupted'.padStart(11)}  ${'exact'.padStart(7)}  ${'precision'.padStart(9)}  ${'recall'.padStart(7)}`,
    row('all', report.overall),
    row('outside loops', report.outsideLoops),
    ...Object.entries(report.byContext).map(([context, t]) => row(`  ${context}`, t)),
  ]
  if (report.worst.length > 0) {
    lines.push('', 'worst statements (exact rate, runs): predicted | actual')
    for (const w of report.worst) {
      lines.push(`  ${w.where}  ${percent(w.exactRate, 1)} of ${w.runs}: ${w.predicted.join(', ') || '-'} | ${w.actual.join(', ') || '-'}`)
    }
  }
  return lines.join('\n')
}

export const ACCURACY_USAGE = 'errorweave accuracy <trace-file> [--depth=N] [--json]'

export function runAccuracy(args: string[]): number {
  const file = args.find((arg) => !arg.startsWith('--'))
  const depthArg = args.find((arg) => arg.startsWith('--depth='))
  const depth = depthArg ? Number(depthArg.slice('--depth='.length)) : 5
  if (!file || !Number.isInteger(depth) || depth < 1) {
    console.error(`usage: ${ACCURACY_USAGE}`)
    return 2
  }
  let lines: TraceLine[]
  try {
    lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as TraceLine)
  } catch (error) {
    console.error(`errorweave accuracy: cannot read ${file}: ${(error as Error).message}`)
    return 1
  }
  const report = measureAccuracy(lines, depth)
  console.log(args.includes('--json') ? JSON.stringify(report, null, 2) : formatAccuracy(report))
  return 0
}
