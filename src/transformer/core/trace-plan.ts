import type TS from 'typescript'
import type { Range, WovenFunction } from './ir.js'
import type { SiteOf } from './future-calls.js'

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

export function planTrace(ts: typeof TS, sourceFile: TS.SourceFile, body: TS.Node, fn: WovenFunction, siteOf: SiteOf): TracePlan {
  const plan: TracePlan = { calls: [], catches: [], parents: [], contexts: [] }
  const probeOf = new Map(fn.probes.map((probe, i) => [`${probe.pos}:${probe.end}`, i + 1]))
  // Directives and a root super() stay before the try, untouched: tsc must still find that super().
  const kept = new Set(fn.body.kind === 'block' && ts.isBlock(body) ? body.statements.slice(0, fn.body.keptStatements) : [])
  const visit = (node: TS.Node, owner: number, context: StatementContext, callDepth: number): void => {
    if (node !== body && (ts.isFunctionLike(node) || ts.isClassLike(node) || kept.has(node as TS.Statement))) return
    const probe = probeOf.get(`${node.pos}:${node.end}`)
    if (probe !== undefined && (ts.isStatement(node) || node === body)) {
      plan.parents[probe - 1] = owner === probe ? 0 : owner
      plan.contexts[probe - 1] = ts.isIterationStatement(node, false) ? 'loop' : context
      owner = probe
    }
    if (ts.isTryStatement(node) && node.catchClause) plan.catches.push({ at: node.catchClause.block.getStart(sourceFile) + 1, tryProbe: owner })
    const isCall = ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)
    if (isCall && !isInsideOptionalChain(ts, node)) {
      plan.calls.push({ pos: node.pos, end: node.end, start: node.getStart(sourceFile), site: siteOf(node), owner, depth: callDepth })
    }
    const childContext = (child: TS.Node): StatementContext => {
      if (context === 'loop' || (ts.isIterationStatement(node, false) && child === node.statement)) return 'loop'
      if (ts.isTryStatement(node) || ts.isCatchClause(node)) return 'try'
      if ((ts.isIfStatement(node) && child !== node.expression) || ts.isCaseClause(node) || ts.isDefaultClause(node)) return 'branch'
      return context
    }
    ts.forEachChild(node, (child) => visit(child, owner, childContext(child), callDepth + (isCall ? 1 : 0)))
  }
  visit(body, fn.body.kind === 'expression' ? 1 : 0, 'straight', 0)
  if (fn.body.kind === 'expression') {
    plan.parents[0] = 0
    plan.contexts[0] = 'straight'
  }
  return plan
}

/** A call whose result the rest of an optional chain reads: wrapping it would break the chain. */
function isInsideOptionalChain(ts: typeof TS, node: TS.Node): boolean {
  const parent = node.parent
  return (
    (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isCallExpression(parent)) &&
    parent.expression === node &&
    ts.isOptionalChain(parent)
  )
}
