import type TS from 'typescript'
import type { FutureCall } from './ir.js'

/** Registers a call node and returns its site index in the module's call table. */
export type SiteOf = (call: TS.Node) => number

type Jump = Exit | { kind: 'break' | 'continue'; label?: string }

/**
 * Computes, for a statement of a woven function, the calls that would run after it
 * had completed normally: the rest of its own arms, then what follows it in the
 * function's control flow, each call site once, at most `maxDepth`.
 * Calls inside nested functions belong to those functions and are not followed.
 */
export class FutureCallAnalyzer {
  private readonly order: CallOrder

  constructor(
    private readonly ts: typeof TS,
    private readonly siteOf: SiteOf,
    private readonly maxDepth: number,
  ) {
    this.order = new CallOrder(ts)
  }

  /** `body` is the woven function's body: the flow ends there. */
  futureOf(statement: TS.Statement, body: TS.Node): FutureCall[] {
    const walk = new Walk(this.ts, this.siteOf, this.maxDepth, body, this.order)
    if (this.ts.isThrowStatement(statement)) {
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
  private readonly seen = new Set<number>()
  /** A return or throw may have run: everything later may not. */
  private mayHaveExited = false
  /** Breaks and continues that may have run: until their target, the rest may not. */
  private pendingJumps: Jump[] = []

  constructor(
    private readonly ts: typeof TS,
    private readonly siteOf: SiteOf,
    private readonly maxDepth: number,
    private readonly body: TS.Node,
    private readonly order: CallOrder,
  ) {}

  private add(call: TS.Node, conditional: boolean): void {
    if (this.calls.length >= this.maxDepth) return
    const site = this.siteOf(call)
    if (this.seen.has(site)) return
    this.seen.add(site)
    this.calls.push({ site, conditional: conditional || this.mayHaveExited || this.pendingJumps.length > 0 })
  }

  private get full(): boolean {
    return this.calls.length >= this.maxDepth
  }

  /** Calls of an expression in evaluation order; after a `yield`, nothing later is sure to run. */
  expression(node: TS.Node | undefined, conditional: boolean): void {
    if (!node) return
    for (const event of this.order.of(node)) {
      if (this.full) return
      if (event.call) this.add(event.call, conditional || event.conditional)
      // The consumer may never resume the generator: what follows may not run.
      else this.mayHaveExited = true
    }
  }

  /** The parts of a statement that run before its nested statements. */
  head(statement: TS.Statement, conditional: boolean): void {
    const ts = this.ts
    if (ts.isLabeledStatement(statement)) return this.head(statement.statement, conditional)
    if (ts.isForStatement(statement)) {
      this.expression(statement.initializer, conditional)
      this.expression(statement.condition, conditional)
    } else if (ts.isForOfStatement(statement) || ts.isForInStatement(statement)) {
      this.expression(statement.expression, conditional)
    } else if (ts.isWhileStatement(statement) || ts.isIfStatement(statement) || ts.isSwitchStatement(statement)) {
      this.expression(statement.expression, conditional)
    } else if (ts.isDoStatement(statement) || ts.isTryStatement(statement) || ts.isBlock(statement)) {
      return
    } else if (ts.isClassDeclaration(statement)) {
      for (const clause of statement.heritageClauses ?? []) this.expression(clause, conditional)
    } else if (!ts.isFunctionDeclaration(statement)) {
      this.expression(statement, conditional)
    }
  }

  /**
   * Emits every call of `statement` and returns the jump that always ends it, if any.
   * With `skipHead`, the statement's head has already run (it is the one that failed).
   */
  statement(statement: TS.Statement, conditional: boolean, skipHead = false): Jump | undefined {
    const ts = this.ts
    if (!skipHead) this.head(statement, conditional)
    if (ts.isReturnStatement(statement)) return { kind: 'return' }
    if (ts.isThrowStatement(statement)) return { kind: 'throw' }
    if (ts.isBreakStatement(statement)) return { kind: 'break', label: statement.label?.text }
    if (ts.isContinueStatement(statement)) return { kind: 'continue', label: statement.label?.text }
    if (ts.isBlock(statement)) return this.list(statement.statements, 0, conditional)
    if (ts.isLabeledStatement(statement)) {
      const jump = this.statement(statement.statement, conditional, skipHead)
      this.dropJumpsTo(statement)
      return jump && isJumpTarget(ts, statement, jump) ? undefined : jump
    }
    if (ts.isIfStatement(statement)) {
      const whenTrue = this.statement(statement.thenStatement, true)
      const whenFalse = statement.elseStatement ? this.statement(statement.elseStatement, true) : undefined
      if (whenTrue && whenFalse && sameJump(whenTrue, whenFalse)) return whenTrue
      this.mayJump(whenTrue)
      this.mayJump(whenFalse)
      return undefined
    }
    if (ts.isIterationStatement(statement, false)) {
      const bodyAlwaysRuns = ts.isDoStatement(statement)
      const jump = this.statement(statement.statement, conditional || !bodyAlwaysRuns)
      // After a pass, the update and the test run again (listed here when the loop's own head failed).
      if (ts.isForStatement(statement)) {
        this.expression(statement.incrementor, true)
        this.expression(statement.condition, true)
      }
      if (ts.isWhileStatement(statement)) this.expression(statement.expression, true)
      if (ts.isDoStatement(statement)) this.expression(statement.expression, conditional)
      this.dropJumpsTo(statement)
      if (bodyAlwaysRuns && isExit(jump)) return jump
      if (jump && !isJumpTarget(ts, statement, jump)) this.mayJump(jump)
      return undefined
    }
    if (ts.isSwitchStatement(statement)) {
      for (const clause of statement.caseBlock.clauses) {
        if (ts.isCaseClause(clause)) this.expression(clause.expression, true)
        const jump = this.list(clause.statements, 0, true)
        if (jump && !isJumpTarget(ts, statement, jump)) this.mayJump(jump)
      }
      this.dropJumpsTo(statement)
      return undefined
    }
    if (ts.isTryStatement(statement)) {
      const tried = this.list(statement.tryBlock.statements, 0, conditional)
      const caught = statement.catchClause ? this.list(statement.catchClause.block.statements, 0, true) : tried
      const final = statement.finallyBlock ? this.list(statement.finallyBlock.statements, 0, conditional) : undefined
      if (final) return final
      if (tried && caught && sameJump(tried, caught)) return tried
      this.mayJump(tried)
      if (statement.catchClause) this.mayJump(caught)
      return undefined
    }
    return undefined
  }

  private mayJump(jump: Jump | undefined): void {
    if (isExit(jump)) this.mayHaveExited = true
    else if (jump) this.pendingJumps.push(jump)
  }

  /** `target` completed: the jumps that land after it no longer make anything conditional. */
  private dropJumpsTo(target: TS.Node): void {
    if (this.pendingJumps.length > 0) this.pendingJumps = this.pendingJumps.filter((jump) => !isJumpTarget(this.ts, target, jump))
  }

  private list(statements: readonly TS.Statement[], from: number, conditional: boolean): Jump | undefined {
    for (let i = from; i < statements.length && !this.full; i++) {
      const jump = this.statement(statements[i], conditional)
      if (jump) return jump
    }
    return undefined
  }

  /** `node` completed normally: follow what runs next, up to the function body. */
  continueAfter(node: TS.Node): void {
    const ts = this.ts
    for (;;) {
      if (node === this.body || this.full) return
      this.dropJumpsTo(node)
      const parent = node.parent
      if (!parent || ts.isFunctionLike(parent)) return
      if (ts.isBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
        const statements = parent.statements
        let jump = this.list(statements, statements.indexOf(node as TS.Statement) + 1, false)
        if (!jump && !ts.isBlock(parent)) jump = this.fallThrough(parent)
        if (jump) return this.resolveJump(statements[statements.length - 1] ?? parent, jump)
        node = ts.isBlock(parent) ? parent : parent.parent.parent
        continue
      }
      if (ts.isIterationStatement(parent, false) && parent.statement === node) this.nextIteration(parent)
      if (ts.isTryStatement(parent) && node !== parent.finallyBlock && parent.finallyBlock) {
        const jump = this.list(parent.finallyBlock.statements, 0, false)
        if (jump) return this.resolveJump(parent.finallyBlock, jump)
      }
      if (ts.isCatchClause(parent) && parent.parent.finallyBlock) {
        const jump = this.list(parent.parent.finallyBlock.statements, 0, false)
        if (jump) return this.resolveJump(parent.parent.finallyBlock, jump)
        node = parent.parent
        continue
      }
      node = parent
    }
  }

  /** Falls through the clauses after `clause` in a switch until one jumps. */
  private fallThrough(clause: TS.CaseOrDefaultClause): Jump | undefined {
    const clauses = clause.parent.clauses
    for (let i = clauses.indexOf(clause) + 1; i < clauses.length; i++) {
      const jump = this.list(clauses[i].statements, 0, false)
      if (jump) return jump
    }
    return undefined
  }

  private nextIteration(loop: TS.IterationStatement): void {
    const ts = this.ts
    if (ts.isForStatement(loop)) {
      this.expression(loop.incrementor, false)
      this.expression(loop.condition, false)
    } else if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) {
      this.expression(loop.expression, false)
    }
    this.head(loop.statement, true)
    this.statement(loop.statement, true)
  }

  /**
   * A `throw` is raised on purpose: its future is what would have run had the innermost
   * `if` arm, `switch` case, `try` or `catch` block holding it not been entered (the other
   * `if` arm included); a `throw` that no such construct holds has none.
   */
  bypass(statement: TS.ThrowStatement): void {
    const ts = this.ts
    for (let node: TS.Node = statement; node !== this.body && node.parent && !ts.isFunctionLike(node.parent); node = node.parent) {
      const parent = node.parent
      if (ts.isIfStatement(parent)) {
        const other = node === parent.thenStatement ? parent.elseStatement : parent.thenStatement
        const jump = other && this.statement(other, false)
        return jump ? this.resolveJump(other, jump) : this.continueAfter(parent)
      }
      if (ts.isCaseClause(parent) || ts.isDefaultClause(parent)) return this.continueAfter(parent.parent.parent)
      if ((ts.isTryStatement(parent) && node === parent.tryBlock) || ts.isCatchClause(parent)) return this.continueAfter(node)
    }
  }

  /** A jump left `from`: run the `finally` blocks it crosses, then land at its target. */
  resolveJump(from: TS.Node, jump: Jump): void {
    const ts = this.ts
    let node = from
    while (node !== this.body && node.parent && !ts.isFunctionLike(node.parent)) {
      const parent = node.parent
      if (jump.kind === 'throw' && ts.isTryStatement(parent) && node === parent.tryBlock && parent.catchClause) {
        // A throw inside a try lands in its catch block, which then runs for sure.
        const caught = this.list(parent.catchClause.block.statements, 0, false)
        if (!caught) return this.continueAfter(parent.catchClause.block)
        jump = caught
        node = parent.catchClause.block
        continue
      }
      if (ts.isTryStatement(parent) && node !== parent.finallyBlock && parent.finallyBlock) {
        const finalJump = this.list(parent.finallyBlock.statements, 0, false)
        if (finalJump) jump = finalJump
      }
      if (isJumpTarget(ts, parent, jump)) {
        if (jump.kind === 'continue') {
          const loop = ts.isLabeledStatement(parent) ? parent.statement : parent
          if (ts.isIterationStatement(loop, false)) this.nextIteration(loop)
        }
        return this.continueAfter(parent)
      }
      node = parent
    }
  }
}

/** A call met while evaluating an expression, or (no `call`) a `yield`. */
interface CallEvent {
  call?: TS.Node
  conditional: boolean
}

/**
 * The calls of each expression in evaluation order, read once per node: the future of
 * every earlier statement of the function replays them instead of walking the tree again.
 */
class CallOrder {
  private readonly known = new Map<TS.Node, CallEvent[]>()

  constructor(private readonly ts: typeof TS) {}

  of(node: TS.Node): CallEvent[] {
    let events = this.known.get(node)
    if (!events) {
      events = []
      this.expression(node, false, events)
      this.known.set(node, events)
    }
    return events
  }

  /** Calls in evaluation order: arguments before the call that takes them. */
  private expression(node: TS.Node | undefined, conditional: boolean, out: CallEvent[]): void {
    const ts = this.ts
    if (!node || ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isTypeNode(node)) return
    if (ts.isBinaryExpression(node) && isShortCircuit(ts, node.operatorToken.kind)) {
      this.expression(node.left, conditional, out)
      this.expression(node.right, true, out)
    } else if (ts.isConditionalExpression(node)) {
      this.expression(node.condition, conditional, out)
      this.expression(node.whenTrue, true, out)
      this.expression(node.whenFalse, true, out)
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const optional = ts.isOptionalChain(node)
      this.expression(node.expression, conditional, out)
      for (const argument of node.arguments ?? []) this.expression(argument, conditional || optional, out)
      out.push({ call: node, conditional: conditional || optional })
    } else if (ts.isTaggedTemplateExpression(node)) {
      this.expression(node.tag, conditional, out)
      this.expression(node.template, conditional, out)
      out.push({ call: node, conditional })
    } else if (ts.isVariableDeclaration(node)) {
      // The value first, then the pattern that takes it apart.
      this.expression(node.initializer, conditional, out)
      this.pattern(node.name, conditional, out)
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isPattern(ts, node.left)) {
      this.expression(node.right, conditional, out)
      this.pattern(node.left, conditional, out)
    } else if (ts.isYieldExpression(node)) {
      this.expression(node.expression, conditional, out)
      out.push({ conditional })
    } else {
      ts.forEachChild(node, (child) => this.expression(child, conditional, out))
    }
  }

  /** A destructuring pattern: keys and targets in order; a default runs only for `undefined`. */
  private pattern(node: TS.Node, conditional: boolean, out: CallEvent[]): void {
    const ts = this.ts
    if (ts.isIdentifier(node)) return
    if (ts.isBindingElement(node)) {
      if (node.propertyName && ts.isComputedPropertyName(node.propertyName)) this.expression(node.propertyName.expression, conditional, out)
      this.expression(node.initializer, true, out)
      return this.pattern(node.name, conditional, out)
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      if (!isPattern(ts, node.left)) this.expression(node.left, conditional, out)
      this.expression(node.right, true, out)
      if (isPattern(ts, node.left)) this.pattern(node.left, conditional, out)
      return
    }
    if (ts.isShorthandPropertyAssignment(node)) return this.expression(node.objectAssignmentInitializer, true, out)
    if (ts.isPropertyAssignment(node)) {
      if (ts.isComputedPropertyName(node.name)) this.expression(node.name.expression, conditional, out)
      return this.pattern(node.initializer, conditional, out)
    }
    if (ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node) || isPattern(ts, node) || ts.isSpreadElement(node) || ts.isSpreadAssignment(node)) {
      return ts.forEachChild(node, (child) => this.pattern(child, conditional, out))
    }
    this.expression(node, conditional, out)
  }
}

type Exit = { kind: 'return' | 'throw' }

function isExit(jump: Jump | undefined): jump is Exit {
  return jump?.kind === 'return' || jump?.kind === 'throw'
}

function isJumpTarget(ts: typeof TS, node: TS.Node, jump: Jump): boolean {
  if (isExit(jump)) return false
  if (jump.label !== undefined) return ts.isLabeledStatement(node) && node.label.text === jump.label
  return ts.isIterationStatement(node, false) || (jump.kind === 'break' && ts.isSwitchStatement(node))
}

/** Both arms leave the same way (any mix of return and throw leaves the function). */
function sameJump(a: Jump, b: Jump): boolean {
  if (isExit(a) || isExit(b)) return isExit(a) && isExit(b)
  return a.kind === b.kind && a.label === b.label
}

function isPattern(ts: typeof TS, node: TS.Node): boolean {
  return ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)
}

function isShortCircuit(ts: typeof TS, operator: TS.SyntaxKind): boolean {
  const k = ts.SyntaxKind
  return (
    operator === k.AmpersandAmpersandToken ||
    operator === k.BarBarToken ||
    operator === k.QuestionQuestionToken ||
    operator === k.AmpersandAmpersandEqualsToken ||
    operator === k.BarBarEqualsToken ||
    operator === k.QuestionQuestionEqualsToken
  )
}
