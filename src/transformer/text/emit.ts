import type { default as MagicString, SourceMap } from 'magic-string'
import type { ModuleIR, Range, WovenFunction } from '../core/ir.js'
import { magicString } from './magic-string.js'
import { RUNTIME, TRACE_MARK, renderTable, nestingDepths, renderTraceMeta, statementNumbers, watchedSites } from '../core/table.js'

const { namespace: NS, table: TABLE, statement: STATEMENT, error: ERROR, traceMeta: META, traceLog: LOG, savedStatement: SAVED, watchers: WATCHERS } = RUNTIME

/**
 * Text spliced in at `at`. Closers end what comes before `at` (appended to it, the
 * deepest first); openers start what comes after (prepended to it, the outermost first).
 */
interface Insertion {
  at: number
  side: 'closer' | 'opener'
  order: number
  text: string
}

/**
 * The text emitter: splices the weave into the original text (for every bundler
 * entry). Nothing adds a line break, so lines stay where they were even without a map.
 */
export function emitText(code: string, ir: ModuleIR, headerAt: number, fileName: string): { code: string; map: () => SourceMap } {
  const traced = ir.functions.some((fn) => fn.trace)
  // After a module directive that may lack its semicolon, start a new statement.
  const separator = headerAt > 0 && code[headerAt - 1] !== '\n' ? ';' : ''
  const sites = watchedSites(ir)
  const siteIndex = new Map(sites.map((site, i) => [site.returned, i]))
  const watchers = sites.length > 0 ? `var ${WATCHERS} = ${NS}.watchers(${TABLE}, ${JSON.stringify(sites.map((site) => [site.fn, site.statement]))});` : ''
  const header = `${separator}import * as ${NS} from "${RUNTIME.module}";var ${TABLE} = ${NS}.table(${JSON.stringify(renderTable(ir))});${watchers}`
  const insertions: Insertion[] = [
    { at: headerAt, side: 'opener', order: 0, text: traced ? `${header}var ${META} = ${JSON.stringify(renderTraceMeta(ir))};` : header },
  ]
  const depths = nestingDepths(ir.functions)
  for (const fn of ir.functions) weaveFunction(code, fn, depths[fn.index], siteIndex, insertions)
  // By offset, closers before openers, each side in its order (pushed order among equals: the sort is stable).
  insertions.sort((a, b) => a.at - b.at || (a.side === b.side ? a.order - b.order : a.side === 'closer' ? -1 : 1))
  let edited: MagicString | undefined
  const magicString = () => (edited ??= magicStringOf(code, ir, insertions))
  // Most modules only get text inserted: joined here without MagicString, hono's emit takes 7.2 ->
  // 4.7 ms, and a build that writes no source map never builds one (see docs/decisions.md).
  const onlyInserts = ir.decorators.length === 0 && ir.functions.every((fn) => fn.body.kind === 'expression' || fn.body.hoisted.length === 0)
  return {
    code: onlyInserts ? joined(code, insertions) : magicString().toString(),
    map: () => magicString().generateMap({ source: fileName, includeContent: true, hires: 'boundary' }),
  }
}

/** The code with the sorted insertions in: at one offset, closers before openers, as MagicString writes them. */
function joined(code: string, insertions: readonly Insertion[]): string {
  let text = ''
  let copied = 0
  for (const { at, text: inserted } of insertions) {
    text += code.slice(copied, at) + inserted
    copied = at
  }
  return text + code.slice(copied)
}

function magicStringOf(code: string, ir: ModuleIR, insertions: readonly Insertion[]): MagicString {
  const output = new (magicString().default)(code)
  // A member decorator may be all that separates the member from a field without a semicolon.
  for (const decorator of ir.decorators) output.overwrite(decorator.start, decorator.end, decorator.separatesMember ? ';' : '')
  // Hoisted declarations leave the try block, where they would be block-scoped.
  for (const fn of ir.functions) if (fn.body.kind === 'block') for (const hoisted of fn.body.hoisted) output.move(hoisted.start, hoisted.end, fn.body.tryStart)
  applyInsertions(output, insertions)
  return output
}

/** Adds the function's insertions to `insertions` (one list for the module: no array per function to copy); `siteIndex`: each watched return's index among the module's (see watchedSites). */
function weaveFunction(code: string, fn: WovenFunction, depth: number, siteIndex: ReadonlyMap<Range, number>, insertions: Insertion[]): void {
  const { fixed, writes } = statementNumbers(code, fn)
  const statement = fixed ?? STATEMENT
  const trace = fn.trace
  const escapeMark = trace ? `${LOG}.push(${TRACE_MARK.escaped}); ` : ''
  const catchClause = `catch (${ERROR}) { ${escapeMark}${NS}.capture(${ERROR}, ${TABLE}, ${fn.index}, ${statement}); throw ${ERROR}; }`
  const enter = trace ? `const ${LOG} = ${NS}.traceEnter(${TABLE}, ${META}, ${fn.index}); ` : ''
  const record = (probe: number) => (trace ? `${LOG}.push(${-probe}); ` : '')
  const opener = (at: number, text: string, nesting: number): Insertion => ({ at, side: 'opener', order: nesting, text })
  const closer = (at: number, text: string, nesting: number): Insertion => ({ at, side: 'closer', order: -nesting, text })
  const declaration = fixed === null ? `let ${STATEMENT} = 1; ` : ''
  if (fn.body.kind === 'expression') {
    insertions.push(opener(fn.body.start, `{ ${enter}${record(1)}try { return `, depth * 1000), closer(fn.body.end, `; } ${catchClause} }`, depth * 1000))
  } else {
    insertions.push(
      // After a kept statement that may lack its semicolon (`super(x)`), start a new statement.
      opener(fn.body.tryStart, `${fn.body.keptStatements > 0 ? ';' : ''}${declaration}${enter}try {`, depth * 1000),
      // An opener too: in an empty body it shares its offset with the one above and must follow it.
      opener(fn.body.close, `} ${catchClause}`, depth * 1000 + 999),
    )
  }
  for (const watched of fn.watchedReturns) {
    insertions.push(opener(watched.start, `${NS}.watch((`, depth * 1000 + 500))
    insertions.push(closer(watched.end, `), ${WATCHERS}, ${siteIndex.get(watched)})`, depth * 1000 + 500))
  }
  const probeDepths = nestingDepths(fn.probes)
  const write = { declared: () => '', step: () => `${STATEMENT}++; `, set: (n: number) => `${STATEMENT} = ${n}; ` }
  if (fn.body.kind === 'block') fn.probes.forEach((probe, i) => {
    const nesting = depth * 1000 + 1 + probeDepths[i]
    const text = `${write[writes[i]](i + 1)}${record(i + 1)}`
    if (text || probe.needsBlock) {
      // A statement that starts its line gets its probe at the end of the line before, so
      // its columns stay those of the source even where a source map is lost (Bun).
      const lineBreak = code.indexOf('\n', probe.pos)
      const startsLine = lineBreak !== -1 && lineBreak < probe.start
      const at = startsLine ? probe.pos : probe.start
      const lead = probe.needsBlock ? '{ ' : startsLine && !';{'.includes(code[at - 1]) ? ';' : ''
      insertions.push(opener(at, `${lead}${text}`, nesting))
      if (probe.needsBlock) insertions.push(closer(probe.end, ' }', nesting))
    }
    for (const reentry of probe.reentries) {
      const again = `${fixed === null ? `${STATEMENT} = ${i + 1}, ` : ''}${trace ? `${LOG}.push(${-(i + 1)}), ` : ''}`
      if (again) insertions.push(opener(reentry.start, `(${again}`, nesting), closer(reentry.end, ')', nesting))
    }
  })
  for (const block of fn.finallyBlocks) {
    insertions.push(opener(block.open, `const ${SAVED} = ${STATEMENT}; `, depth * 1000 + 1))
    insertions.push(closer(block.close, ` ${STATEMENT} = ${SAVED};`, depth * 1000 + 1))
  }
  for (const call of trace?.calls ?? []) {
    const nesting = depth * 1000 + 600 + call.depth
    insertions.push(opener(call.start, `${NS}.traced(${LOG}, ${call.site}, `, nesting), closer(call.end, ')', nesting))
  }
  for (const caught of trace?.catches ?? []) {
    insertions.push(opener(caught.at, `${LOG}.push(${TRACE_MARK.caughtBase - caught.tryProbe}); `, depth * 1000 + 1))
  }
}

/**
 * Splices the sorted insertions in, those at one offset and side as one text (prependRight
 * puts each text before the earlier ones). Sorted, not grouped by a key per offset: that
 * built key strings and arrays per insertion.
 */
function applyInsertions(output: MagicString, insertions: readonly Insertion[]): void {
  for (let first = 0; first < insertions.length; ) {
    const { at, side } = insertions[first]
    let text = ''
    let next = first
    for (; next < insertions.length && insertions[next].at === at && insertions[next].side === side; next++) text += insertions[next].text
    if (side === 'closer') output.appendLeft(at, text)
    else output.prependRight(at, text)
    first = next
  }
}
