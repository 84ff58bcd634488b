import type { StatementContext, TracePlan, WovenFunction } from './ir.js'
import type { SiteOf } from './future-calls.js'
import { LOOP_TYPES, isCall, isOptionalChain, isOwnScope, isStatement, type Node, type SyntaxFile } from './syntax.js'

export function planTrace(file: SyntaxFile, body: Node, fn: WovenFunction, siteOf: SiteOf): TracePlan {
  const plan: TracePlan = { calls: [], catches: [], parents: [], contexts: [] }
  const probeOf = new Map(fn.probes.map((probe, i) => [`${probe.start}:${probe.end}`, i + 1]))
  // Directives and a root super() stay before the try, untouched: tsc must still find that super().
  const kept = new Set<Node>(fn.body.kind === 'block' && body.type === 'BlockStatement' ? body.body.slice(0, fn.body.keptStatements) : [])
  const visit = (node: Node, parent: Node | undefined, owner: number, context: StatementContext, callDepth: number): void => {
    if (node !== body && (isOwnScope(node) || kept.has(node))) return
    const probe = isStatement(node) || node === body ? probeOf.get(`${node.start}:${node.end}`) : undefined
    if (probe !== undefined) {
      plan.parents[probe - 1] = owner === probe ? 0 : owner
      plan.contexts[probe - 1] = LOOP_TYPES.has(node.type) ? 'loop' : context
      owner = probe
    }
    if (node.type === 'TryStatement' && node.handler) plan.catches.push({ at: node.handler.body.start + 1, tryProbe: owner })
    const call = isCall(node)
    if (call && !isInsideOptionalChain(node, parent)) {
      plan.calls.push({ pos: file.fullStart(node.start), end: node.end, start: node.start, site: siteOf(node), owner, depth: callDepth })
    }
    const childContext = (child: Node): StatementContext => {
      if (context === 'loop' || (LOOP_TYPES.has(node.type) && child === node.body)) return 'loop'
      if (node.type === 'TryStatement' || node.type === 'CatchClause') return 'try'
      if ((node.type === 'IfStatement' && child !== node.test) || node.type === 'SwitchCase') return 'branch'
      return context
    }
    file.forEachChild(node, (child) => visit(child, node, owner, childContext(child), callDepth + (call ? 1 : 0)))
  }
  visit(body, undefined, fn.body.kind === 'expression' ? 1 : 0, 'straight', 0)
  if (fn.body.kind === 'expression') {
    plan.parents[0] = 0
    plan.contexts[0] = 'straight'
  }
  return plan
}

/** A call whose result the rest of an optional chain reads: wrapping it would break the chain. */
function isInsideOptionalChain(node: Node, parent: Node | undefined): boolean {
  if (!parent) return false
  const isObjectOf = (parent.type === 'MemberExpression' && parent.object === node) || (parent.type === 'CallExpression' && parent.callee === node)
  return isObjectOf && isOptionalChain(parent)
}
