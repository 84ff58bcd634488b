import type { FutureCall } from './ir.js'
import { LOOP_TYPES, isOptionalChain, isOwnScope, type Node, type Parents, type SyntaxFile } from './syntax.js'

/** Registers a call node and returns its site index in the module's call table. */
export type SiteOf = (call: Node) => number

type Jump = Exit | { kind: 'break' | 'continue'; label?: string }

/**
 * Computes, for a statement of a woven function, the calls that would run after it
 * had completed normally: the rest of its own arms, then what follows it in the
 * function's control flow, each call site once, at most `maxDepth`.
 * Calls inside nested functions belong to those functions and are not followed.
 */
export class FutureCallAnalyzer {
  private readonly order: CallOrder
  /** Per call site, the number of the last walk that listed it: a walk lists a site once. */
  private readonly listedBy: number[] = []
  private walks = 0

  constructor(
    file: SyntaxFile,
    private readonly parents: Parents,
    private readonly maxDepth: number,
  ) {
    this.order = new CallOrder(file)
  }

  /** `body` is the woven function's body: the flow ends there. */
  futureOf(statement: Node, body: Node, siteOf: SiteOf): FutureCall[] {
    const walk = new Walk(siteOf, this.parents, this.maxDepth, body, this.order, this.listedBy, ++this.walks)
    if (statement.type === 'ThrowStatement') {
      walk.bypass(statement)
      return walk.calls
    }
    const jump = walk.statement(statement, false, true)
    if (jump) walk.resolveJump(statement, jump)
    else walk.continueAfter(statement)
    return walk.calls
  }
}

class Walk {
  readonly calls: FutureCall[] = []
  /** A return or throw may have run: everything later may not. */
  private mayHaveExited = false
  /** Breaks and continues that may have run: until their target, the rest may not. */
  private pendingJumps: Jump[] = []

  constructor(
    private readonly siteOf: SiteOf,
    private readonly parents: Parents,
    private readonly maxDepth: number,
    private readonly body: Node,
    private readonly order: CallOrder,
    private readonly listedBy: number[],
    private readonly walkNumber: number,
  ) {}

  private add(event: CallEvent, conditional: boolean): void {
    if (this.calls.length >= this.maxDepth) return
    if (event.site < 0) event.site = this.siteOf(event.call!)
    const site = event.site
    if (this.listedBy[site] === this.walkNumber) return
    this.listedBy[site] = this.walkNumber
    this.calls.push({ site, conditional: conditional || this.mayHaveExited || this.pendingJumps.length > 0 })
  }

  private get full(): boolean {
    return this.calls.length >= this.maxDepth
  }

  /** Calls of an expression in evaluation order; after a `yield`, nothing later is sure to run. */
  expression(node: Node | null | undefined, conditional: boolean): void {
    if (!node) return
    for (const event of this.order.of(node)) {
      if (this.full) return
      if (event.call) this.add(event, conditional || event.conditional)
      // The consumer may never resume the generator: what follows may not run.
      else this.mayHaveExited = true
    }
  }

  /** The parts of a statement that run before its nested statements. */
  head(statement: Node, conditional: boolean): void {
    switch (statement.type) {
      case 'LabeledStatement':
        return this.head(statement.body, conditional)
      case 'ForStatement':
        this.expression(statement.init, conditional)
        return this.expression(statement.test, conditional)
      case 'ForOfStatement':
      case 'ForInStatement':
        return this.expression(statement.right, conditional)
      case 'WhileStatement':
      case 'IfStatement':
        return this.expression(statement.test, conditional)
      case 'SwitchStatement':
        return this.expression(statement.discriminant, conditional)
      case 'DoWhileStatement':
      case 'TryStatement':
      case 'BlockStatement':
      case 'FunctionDeclaration':
        return
      case 'ClassDeclaration':
        return this.expression(statement.superClass, conditional)
      default:
        return this.expression(statement, conditional)
    }
  }

  /**
   * Emits every call of `statement` and returns the jump that always ends it, if any.
   * With `skipHead`, the statement's head has already run (it is the one that failed).
   */
  statement(statement: Node, conditional: boolean, skipHead = false): Jump | undefined {
    if (!skipHead) this.head(statement, conditional)
    switch (statement.type) {
      case 'ReturnStatement':
        return RETURN
      case 'ThrowStatement':
        return THROW
      case 'BreakStatement':
      case 'ContinueStatement':
        return { kind: statement.type === 'BreakStatement' ? 'break' : 'continue', label: statement.label?.name }
      case 'BlockStatement':
        return this.list(statement.body, 0, conditional)
      case 'LabeledStatement': {
        const jump = this.statement(statement.body, conditional, skipHead)
        this.dropJumpsTo(statement)
        return jump && isJumpTarget(statement, jump) ? undefined : jump
      }
      case 'IfStatement': {
        const whenTrue = this.statement(statement.consequent, true)
        const whenFalse = statement.alternate ? this.statement(statement.alternate, true) : undefined
        if (whenTrue && whenFalse && sameJump(whenTrue, whenFalse)) return whenTrue
        this.mayJump(whenTrue)
        this.mayJump(whenFalse)
        return undefined
      }
      case 'SwitchStatement':
        for (const clause of statement.cases) {
          this.expression(clause.test, true)
          const jump = this.list(clause.consequent, 0, true)
          if (jump && !isJumpTarget(statement, jump)) this.mayJump(jump)
        }
        this.dropJumpsTo(statement)
        return undefined
      case 'TryStatement': {
        const tried = this.list(statement.block.body, 0, conditional)
        const caught = statement.handler ? this.list(statement.handler.body.body, 0, true) : tried
        const final = statement.finalizer ? this.list(statement.finalizer.body, 0, conditional) : undefined
        if (final) return final
        if (tried && caught && sameJump(tried, caught)) return tried
        this.mayJump(tried)
        if (statement.handler) this.mayJump(caught)
        return undefined
      }
    }
    if (!LOOP_TYPES.has(statement.type)) return undefined
    const bodyAlwaysRuns = statement.type === 'DoWhileStatement'
    const jump = this.statement(statement.body, conditional || !bodyAlwaysRuns)
    // After a pass, the update and the test run again (listed here when the loop's own head failed).
    if (statement.type === 'ForStatement') {
      this.expression(statement.update, true)
      this.expression(statement.test, true)
    }
    if (statement.type === 'WhileStatement') this.expression(statement.test, true)
    if (statement.type === 'DoWhileStatement') this.expression(statement.test, conditional)
    this.dropJumpsTo(statement)
    if (bodyAlwaysRuns && isExit(jump)) return jump
    if (jump && !isJumpTarget(statement, jump)) this.mayJump(jump)
    return undefined
  }

  private mayJump(jump: Jump | undefined): void {
    if (isExit(jump)) this.mayHaveExited = true
    else if (jump) this.pendingJumps.push(jump)
  }

  /** `target` completed: the jumps that land after it no longer make anything conditional. */
  private dropJumpsTo(target: Node): void {
    if (this.pendingJumps.length > 0) this.pendingJumps = this.pendingJumps.filter((jump) => !isJumpTarget(target, jump))
  }

  private list(statements: readonly Node[], from: number, conditional: boolean): Jump | undefined {
    for (let i = from; i < statements.length && !this.full; i++) {
      const jump = this.statement(statements[i], conditional)
      if (jump) return jump
    }
    return undefined
  }

  /** `node` completed normally: follow what runs next, up to the function body. */
  continueAfter(node: Node): void {
    for (;;) {
      if (node === this.body || this.full) return
      this.dropJumpsTo(node)
      const parent = this.parents.get(node)
      if (!parent) return
      if (parent.type === 'BlockStatement' || parent.type === 'SwitchCase') {
        const statements: Node[] = parent.type === 'BlockStatement' ? parent.body : parent.consequent
        let jump = this.list(statements, statements.indexOf(node) + 1, false)
        if (!jump && parent.type === 'SwitchCase') jump = this.fallThrough(parent)
        if (jump) return this.resolveJump(statements[statements.length - 1] ?? parent, jump)
        node = parent.type === 'BlockStatement' ? parent : this.parents.get(parent)!
        continue
      }
      if (LOOP_TYPES.has(parent.type) && parent.body === node) this.nextIteration(parent)
      if (parent.type === 'TryStatement' && node !== parent.finalizer && parent.finalizer) {
        const jump = this.list(parent.finalizer.body, 0, false)
        if (jump) return this.resolveJump(parent.finalizer, jump)
      }
      if (parent.type === 'CatchClause') {
        const tryStatement = this.parents.get(parent)!
        if (tryStatement.finalizer) {
          const jump = this.list(tryStatement.finalizer.body, 0, false)
          if (jump) return this.resolveJump(tryStatement.finalizer, jump)
          node = tryStatement
          continue
        }
      }
      node = parent
    }
  }

  /** Falls through the clauses after `clause` in a switch until one jumps. */
  private fallThrough(clause: Node): Jump | undefined {
    const clauses: Node[] = this.parents.get(clause)!.cases
    for (let i = clauses.indexOf(clause) + 1; i < clauses.length; i++) {
      const jump = this.list(clauses[i].consequent, 0, false)
      if (jump) return jump
    }
    return undefined
  }

  private nextIteration(loop: Node): void {
    if (loop.type === 'ForStatement') {
      this.expression(loop.update, false)
      this.expression(loop.test, false)
    } else if (loop.type === 'WhileStatement' || loop.type === 'DoWhileStatement') {
      this.expression(loop.test, false)
    }
    this.head(loop.body, true)
    this.statement(loop.body, true)
  }

  /**
   * A `throw` is raised on purpose: its future is what would have run had the innermost
   * `if` arm, `switch` case, `try` or `catch` block holding it not been entered (the other
   * `if` arm included); a `throw` that no such construct holds has none.
   */
  bypass(statement: Node): void {
    for (let node = statement, parent = this.parents.get(node); node !== this.body && parent; node = parent, parent = this.parents.get(node)) {
      if (parent.type === 'IfStatement') {
        const other: Node | null = node === parent.consequent ? parent.alternate : parent.consequent
        const jump = other && this.statement(other, false)
        return jump ? this.resolveJump(other, jump) : this.continueAfter(parent)
      }
      if (parent.type === 'SwitchCase') return this.continueAfter(this.parents.get(parent)!)
      if ((parent.type === 'TryStatement' && node === parent.block) || parent.type === 'CatchClause') return this.continueAfter(node)
    }
  }

  /** A jump left `from`: run the `finally` blocks it crosses, then land at its target. */
  resolveJump(from: Node, jump: Jump): void {
    let node = from
    for (let parent = this.parents.get(node); node !== this.body && parent; parent = this.parents.get(node)) {
      if (jump.kind === 'throw' && parent.type === 'TryStatement' && node === parent.block && parent.handler) {
        // A throw inside a try lands in its catch block, which then runs for sure.
        const caught = this.list(parent.handler.body.body, 0, false)
        if (!caught) return this.continueAfter(parent.handler.body)
        jump = caught
        node = parent.handler.body
        continue
      }
      if (parent.type === 'TryStatement' && node !== parent.finalizer && parent.finalizer) {
        const finalJump = this.list(parent.finalizer.body, 0, false)
        if (finalJump) jump = finalJump
      }
      if (isJumpTarget(parent, jump)) {
        if (jump.kind === 'continue') {
          const loop = parent.type === 'LabeledStatement' ? parent.body : parent
          if (LOOP_TYPES.has(loop.type)) this.nextIteration(loop)
        }
        return this.continueAfter(parent)
      }
      node = parent
    }
  }
}

/** A call met while evaluating an expression, or (no `call`) a `yield`. */
interface CallEvent {
  call: Node | undefined
  conditional: boolean
  /** The call's index in the module's call table once a future listed it, else -1. */
  site: number
}

const SHORT_CIRCUITS = new Set(['&&', '||', '??', '&&=', '||=', '??='])

/**
 * The calls of each expression in evaluation order, read once per node: the future of
 * every earlier statement of the function replays them instead of walking the tree again.
 */
class CallOrder {
  private readonly known = new Map<Node, CallEvent[]>()
  /** The walk in progress: its list, and whether the children being visited may not run. */
  private out: CallEvent[] = []
  private conditional = false
  private readonly visitChild = (child: Node): void => {
    const conditional = this.conditional
    this.expression(child, conditional)
    this.conditional = conditional
  }

  constructor(private readonly file: SyntaxFile) {}

  of(node: Node): CallEvent[] {
    let events = this.known.get(node)
    if (!events) {
      this.out = events = []
      this.expression(node, false)
      this.known.set(node, events)
    }
    return events
  }

  private children(node: Node, conditional: boolean): void {
    if (!this.file.mayHoldCall(node)) return
    this.conditional = conditional
    this.file.forEachChild(node, this.visitChild)
  }

  /** Calls in evaluation order: arguments before the call that takes them. */
  private expression(node: Node | null | undefined, conditional: boolean): void {
    if (!node || isOwnScope(node)) return
    switch (node.type) {
      case 'LogicalExpression':
      case 'AssignmentExpression':
        if (SHORT_CIRCUITS.has(node.operator)) {
          this.expression(node.left, conditional)
          return this.expression(node.right, true)
        }
        if (node.operator === '=' && isPattern(node.left)) {
          this.expression(node.right, conditional)
          return this.pattern(node.left, conditional)
        }
        break
      case 'ConditionalExpression':
        this.expression(node.test, conditional)
        this.expression(node.consequent, true)
        return this.expression(node.alternate, true)
      case 'CallExpression':
      case 'NewExpression': {
        const optional = isOptionalChain(node)
        this.expression(node.callee, conditional)
        for (const argument of node.arguments) this.expression(argument, conditional || optional)
        this.out.push({ call: node, conditional: conditional || optional, site: -1 })
        return
      }
      case 'ImportExpression':
        this.children(node, conditional)
        this.out.push({ call: node, conditional, site: -1 })
        return
      case 'TaggedTemplateExpression':
        this.expression(node.tag, conditional)
        this.expression(node.quasi, conditional)
        this.out.push({ call: node, conditional, site: -1 })
        return
      case 'VariableDeclarator':
        // The value first, then the pattern that takes it apart.
        this.expression(node.init, conditional)
        return this.pattern(node.id, conditional)
      case 'YieldExpression':
        this.expression(node.argument, conditional)
        this.out.push({ call: undefined, conditional, site: -1 })
        return
    }
    this.children(node, conditional)
  }

  /** A destructuring pattern: keys and targets in order; a default runs only for `undefined`. */
  private pattern(node: Node | null, conditional: boolean): void {
    if (!node || node.type === 'Identifier') return
    switch (node.type) {
      case 'AssignmentPattern':
        if (!isPattern(node.left)) this.expression(node.left, conditional)
        this.expression(node.right, true)
        if (isPattern(node.left)) this.pattern(node.left, conditional)
        return
      case 'Property':
        if (node.computed) this.expression(node.key, conditional)
        return this.pattern(node.value, conditional)
      case 'ObjectPattern':
        for (const property of node.properties) this.pattern(property, conditional)
        return
      case 'ArrayPattern':
        for (const element of node.elements) this.pattern(element, conditional)
        return
      case 'RestElement':
        return this.pattern(node.argument, conditional)
    }
    this.expression(node, conditional)
  }
}

type Exit = { kind: 'return' | 'throw' }

const RETURN: Exit = { kind: 'return' }
const THROW: Exit = { kind: 'throw' }

function isExit(jump: Jump | undefined): jump is Exit {
  return jump?.kind === 'return' || jump?.kind === 'throw'
}

function isJumpTarget(node: Node, jump: Jump): boolean {
  if (isExit(jump)) return false
  if (jump.label !== undefined) return node.type === 'LabeledStatement' && node.label.name === jump.label
  return LOOP_TYPES.has(node.type) || (jump.kind === 'break' && node.type === 'SwitchStatement')
}

/** Both arms leave the same way (any mix of return and throw leaves the function). */
function sameJump(a: Jump, b: Jump): boolean {
  if (isExit(a) || isExit(b)) return isExit(a) && isExit(b)
  return a.kind === b.kind && a.label === b.label
}

function isPattern(node: Node): boolean {
  return node.type === 'ObjectPattern' || node.type === 'ArrayPattern'
}
