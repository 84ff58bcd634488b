import type TS from 'typescript'
import { AnnotationProblem, readJsDocAnnotation, readOptions, type Annotation } from './annotations.js'
import { FutureCallAnalyzer } from './future-calls.js'
import { planTrace } from './trace-plan.js'
import type { AnalyzeOptions, CallSite, ModuleIR, MonitorOptions, Probe, Range, WovenFunction } from './ir.js'

const RUNTIME_MODULE = 'errorweave'

type FunctionWithBody = TS.FunctionLikeDeclaration & { body: TS.ConciseBody }

interface ClassScope {
  name: string | null
  node: TS.ClassLikeDeclaration
  annotation: Annotation | undefined
}

/**
 * The front-end: finds the functions to weave in a parsed file and describes
 * each one (identity, options, statements, calls) as positions in the original text.
 */
export function analyze(ts: typeof TS, sourceFile: TS.SourceFile, file: string, options: AnalyzeOptions): ModuleIR {
  return new Analysis(ts, sourceFile, file, options).run()
}

class Analysis {
  private readonly ir: ModuleIR
  private readonly names = new Map<string, 'monitor' | 'exclude'>([
    ['ErrorMonitor', 'monitor'],
    ['NoErrorMonitor', 'exclude'],
  ])
  private readonly siteIndex = new Map<TS.Node, number>()
  private readonly topLevel = new Set<string>()
  /** Imported bindings: local name -> `module#exported` (`module#*` for a namespace). */
  private readonly imports = new Map<string, string>()
  private readonly futures: FutureCallAnalyzer
  private classScope: ClassScope | undefined
  /** Offsets of our names: statements without one need no visit unless monitorAll. */
  private readonly mentions: number[] = []

  constructor(
    private readonly ts: typeof TS,
    private readonly sourceFile: TS.SourceFile,
    file: string,
    private readonly options: AnalyzeOptions,
  ) {
    this.ir = { file, functions: [], calls: [], decorators: [], errors: [] }
    this.futures = new FutureCallAnalyzer(ts, (call) => this.siteOf(call), options.futureCalls.maxDepth)
  }

  /** Where our names (aliases included) occur in the text, in order. */
  private findMentions(): void {
    const text = this.sourceFile.text
    for (const name of new Set(['ErrorMonitor', ...this.names.keys()])) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) this.mentions.push(at)
    }
    this.mentions.sort((a, b) => a - b)
  }

  /** Whether weaving could concern `node`: under monitorAll, in a monitored class, or the word is in its text. */
  private mayConcern(node: TS.Node): boolean {
    if (this.options.monitorAll || this.classScope?.annotation?.kind === 'monitor') return true
    let low = 0
    let high = this.mentions.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (this.mentions[middle] < node.pos) low = middle + 1
      else high = middle
    }
    return low < this.mentions.length && this.mentions[low] < node.end
  }

  run(): ModuleIR {
    const ts = this.ts
    for (const statement of this.sourceFile.statements) {
      if (ts.isImportDeclaration(statement)) this.readImportNames(statement)
      const name = ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) ? statement.name : undefined
      if (name) this.topLevel.add(name.text)
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name)) this.topLevel.add(declaration.name.text)
        }
      }
    }
    this.findMentions()
    this.visit(this.sourceFile)
    return this.ir
  }

  private readImportNames(declaration: TS.ImportDeclaration): void {
    const ts = this.ts
    const clause = declaration.importClause
    if (!ts.isStringLiteral(declaration.moduleSpecifier) || !clause || clause.isTypeOnly) return
    const module = declaration.moduleSpecifier.text
    if (clause.name) this.imports.set(clause.name.text, `${module}#default`)
    const bindings = clause.namedBindings
    if (bindings && ts.isNamespaceImport(bindings)) this.imports.set(bindings.name.text, `${module}#*`)
    if (!bindings || !ts.isNamedImports(bindings)) return
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text
      this.imports.set(element.name.text, `${module}#${imported}`)
      const kind = this.names.get(imported)
      if (module === RUNTIME_MODULE && kind) this.names.set(element.name.text, kind)
    }
  }

  private visit(node: TS.Node): void {
    const ts = this.ts
    // Only whole statements and members are skipped: their range holds the JSDoc of what they contain.
    if (!this.options.monitorAll && (ts.isStatement(node) || ts.isClassElement(node)) && !this.mayConcern(node)) return
    if (ts.isClassLike(node)) return this.visitClass(node)
    if (isFunctionWithBody(ts, node)) {
      this.visitFunction(node)
      const outerClass = this.classScope
      this.classScope = undefined
      ts.forEachChild(node, (child) => this.visit(child))
      this.classScope = outerClass
      return
    }
    if (ts.isDecorator(node)) {
      // A decorator of ours on something we do not weave (a parameter, a field): just drop it.
      if (this.decoratorKind(node)) this.removeDecorator(node)
      return
    }
    ts.forEachChild(node, (child) => this.visit(child))
  }

  private visitClass(node: TS.ClassLikeDeclaration): void {
    const ts = this.ts
    const outer = this.classScope
    this.classScope = { name: classNameOf(ts, node), node, annotation: this.annotationOf(node, node) }
    ts.forEachChild(node, (child) => this.visit(child))
    this.classScope = outer
  }

  private visitFunction(node: FunctionWithBody): void {
    const ts = this.ts
    // A function-valued field carries its decorators on the field.
    const decorated = ts.isPropertyDeclaration(node.parent) && node.parent.initializer === node ? node.parent : node
    const own = this.annotationOf(decorated, jsDocHost(ts, node))
    const classScope = this.classScope && isClassMember(ts, node, this.classScope.node) ? this.classScope : undefined
    if (own?.kind === 'exclude') return
    const classOptions = classScope?.annotation?.kind === 'monitor' ? classScope.annotation.options : undefined
    if (!own && !classOptions && !this.options.monitorAll) return
    if (node.body === undefined) return
    const monitorOptions: MonitorOptions = { ...classOptions, ...(own?.kind === 'monitor' ? own.options : undefined) }
    this.weave(node, classScope?.name ?? null, monitorOptions)
  }

  /** Our decorators (removed from the output) or, else, a JSDoc annotation on `host`. */
  private annotationOf(node: TS.Node, host: TS.Node): Annotation | undefined {
    const ts = this.ts
    let found: Annotation | undefined
    const decorators = ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []
    for (const decorator of decorators) {
      const kind = this.decoratorKind(decorator)
      if (!kind) continue
      this.removeDecorator(decorator)
      if (kind === 'exclude') {
        found = { kind: 'exclude' }
        continue
      }
      const args = ts.isCallExpression(decorator.expression) ? decorator.expression.arguments : []
      const options = readOptions(ts, args, 0, this.sourceFile)
      if (options instanceof AnnotationProblem) this.problem(options)
      else if (!found) found = { kind: 'monitor', options }
    }
    if (found) return found
    // The comment may sit before the declaration that holds the function or right before it.
    for (const at of new Set([host.pos, node.pos])) {
      const jsdoc = readJsDocAnnotation(ts, this.sourceFile.text, at, this.sourceFile.fileName)
      if (jsdoc instanceof AnnotationProblem) this.problem(jsdoc)
      else if (jsdoc) return jsdoc
    }
    return undefined
  }

  private decoratorKind(decorator: TS.Decorator): 'monitor' | 'exclude' | undefined {
    const ts = this.ts
    const expression = ts.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression
    return ts.isIdentifier(expression) ? this.names.get(expression.text) : undefined
  }

  private removeDecorator(decorator: TS.Decorator): void {
    const ts = this.ts
    const member = decorator.parent
    const separatesMember = ts.isClassElement(member) && ts.canHaveModifiers(member) && member.modifiers?.[0] === decorator
    const range = { ...this.range(decorator), separatesMember }
    if (!this.ir.decorators.some((known) => known.pos === range.pos)) this.ir.decorators.push(range)
  }

  private problem(problem: AnnotationProblem): void {
    const { line, character } = this.sourceFile.getLineAndCharacterOfPosition(problem.offset)
    this.ir.errors.push({ message: problem.message, line: line + 1, column: character + 1 })
  }

  private weave(node: FunctionWithBody, className: string | null, options: MonitorOptions): void {
    const ts = this.ts
    const sourceFile = this.sourceFile
    const nameNode = node.name ?? node
    const position = this.lineColumn(nameNode.getStart(sourceFile))
    const woven: WovenFunction = {
      index: this.ir.functions.length,
      className,
      method: functionNameOf(ts, node, sourceFile),
      line: position.line,
      column: position.column,
      options,
      pos: node.pos,
      end: node.end,
      body: { kind: 'expression', start: 0, end: 0 },
      probes: [],
      watchedReturns: [],
      finallyBlocks: [],
    }
    this.ir.functions.push(woven)
    const watchesReturns = isAsyncFunction(ts, node)
    const body = node.body
    if (!ts.isBlock(body)) {
      woven.body = { kind: 'expression', start: body.getStart(sourceFile), end: body.end }
      const start = this.lineColumn(woven.body.start)
      woven.probes.push({ pos: body.pos, end: body.end, start: woven.body.start, ...start, needsBlock: false, futureCalls: [], reentries: [] })
      if (watchesReturns && mayBePromise(ts, body)) woven.watchedReturns.push(this.range(body))
      if (this.options.trace) woven.trace = planTrace(ts, sourceFile, body, woven, (call) => this.siteOf(call))
      return
    }
    const kept = keptStatementCount(ts, node, body)
    const open = body.getStart(sourceFile)
    const tryStart = kept > 0 ? body.statements[kept - 1].end : open + 1
    const hoisted = hoistedDeclarations(ts, body, kept).map((declaration) => this.range(declaration))
    woven.body = { kind: 'block', open, close: body.end - 1, tryStart, keptStatements: kept, hoisted }
    for (const statement of body.statements.slice(kept)) this.collectProbes(statement, false, woven, body)
    if (watchesReturns) this.collectWatchedReturns(body, woven)
    if (this.options.trace) woven.trace = planTrace(ts, sourceFile, body, woven, (call) => this.siteOf(call))
  }

  private collectWatchedReturns(node: TS.Node, woven: WovenFunction): void {
    const ts = this.ts
    if (ts.isReturnStatement(node) && node.expression && mayBePromise(ts, node.expression)) {
      woven.watchedReturns.push(this.range(node.expression))
    }
    if (!ts.isFunctionLike(node) && !ts.isClassLike(node)) ts.forEachChild(node, (child) => this.collectWatchedReturns(child, woven))
  }

  private blockRange(block: TS.Block) {
    return { ...this.range(block), open: block.getStart(this.sourceFile) + 1, close: block.end - 1 }
  }

  private range(node: TS.Node): Range {
    return { pos: node.pos, end: node.end, start: node.getStart(this.sourceFile) }
  }

  private collectProbes(statement: TS.Statement, embedded: boolean, woven: WovenFunction, body: TS.Block): void {
    const ts = this.ts
    if (ts.isBlock(statement)) {
      for (const inner of statement.statements) this.collectProbes(inner, false, woven, body)
      return
    }
    if (!isProbed(ts, statement)) return
    const start = statement.getStart(this.sourceFile)
    const probe: Probe = {
      pos: statement.pos,
      end: statement.end,
      start,
      ...this.lineColumn(start),
      needsBlock: embedded,
      futureCalls: this.options.futureCalls.enabled ? this.futures.futureOf(statement, body) : [],
      reentries: [],
    }
    woven.probes.push(probe)
    let inner: TS.Statement = statement
    while (ts.isLabeledStatement(inner)) inner = inner.statement
    probe.reentries = loopReentries(ts, inner).map((expression) => this.range(expression))
    if (ts.isTryStatement(inner) && inner.finallyBlock) woven.finallyBlocks.push(this.blockRange(inner.finallyBlock))
    for (const child of nestedStatements(ts, inner)) this.collectProbes(child, !isStatementList(ts, child.parent), woven, body)
  }

  private siteOf(call: TS.Node): number {
    const known = this.siteIndex.get(call)
    if (known !== undefined) return known
    const ts = this.ts
    const start = call.getStart(this.sourceFile)
    const site: CallSite = { call: renderCall(ts, call, this.sourceFile), ...this.lineColumn(start) }
    const resolved = this.resolve(call)
    if (resolved) site.resolved = resolved
    const index = this.ir.calls.push(site) - 1
    this.siteIndex.set(call, index)
    return index
  }

  /**
   * Same-class methods through `this`, same-file functions and classes, imported
   * names with their module; with a type checker (ts-patch entry), whatever it resolves.
   */
  private resolve(call: TS.Node): string | undefined {
    const ts = this.ts
    const callee = ts.isCallExpression(call) || ts.isNewExpression(call) ? call.expression : undefined
    if (!callee) return undefined
    const checked = this.options.resolveCall?.(call)
    if (checked) return checked
    if (ts.isIdentifier(callee)) return this.topLevel.has(callee.text) ? callee.text : this.imports.get(callee.text)
    if (!ts.isPropertyAccessExpression(callee)) return undefined
    const member = callee.name.text
    if (callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const owner = enclosingClass(ts, call)
      if (owner && owner.members.some((m) => m.name && memberNameText(ts, m.name) === member)) {
        return `${classNameOf(ts, owner) ?? '<anonymous class>'}.${member}`
      }
    }
    if (!ts.isIdentifier(callee.expression)) return undefined
    const owner = callee.expression.text
    if (this.topLevel.has(owner)) return `${owner}.${member}`
    const imported = this.imports.get(owner)
    if (!imported) return undefined
    return imported.endsWith('#*') ? `${imported.slice(0, -1)}${member}` : `${imported}.${member}`
  }

  private lineColumn(offset: number): { line: number; column: number } {
    const { line, character } = this.sourceFile.getLineAndCharacterOfPosition(offset)
    return { line: line + 1, column: character + 1 }
  }
}

function isFunctionWithBody(ts: typeof TS, node: TS.Node): node is FunctionWithBody {
  switch (node.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor:
    case ts.SyntaxKind.Constructor:
      return (node as FunctionWithBody).body !== undefined
    default:
      return false
  }
}

function isAsyncFunction(ts: typeof TS, node: FunctionWithBody): boolean {
  const isAsync = ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false
  return isAsync && !node.asteriskToken
}

/** Whether a returned expression could be a promise: anything but literals, awaits and arithmetic. */
function mayBePromise(ts: typeof TS, expression: TS.Expression): boolean {
  const k = ts.SyntaxKind
  while (ts.isParenthesizedExpression(expression)) expression = expression.expression
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind
    const passesOperand =
      operator === k.AmpersandAmpersandToken || operator === k.BarBarToken || operator === k.QuestionQuestionToken || operator === k.CommaToken ||
      (operator >= k.FirstAssignment && operator <= k.LastAssignment)
    return passesOperand
  }
  return !(
    ts.isLiteralExpression(expression) ||
    ts.isTemplateExpression(expression) ||
    ts.isAwaitExpression(expression) ||
    ts.isObjectLiteralExpression(expression) ||
    ts.isArrayLiteralExpression(expression) ||
    ts.isFunctionLike(expression) ||
    ts.isClassLike(expression) ||
    ts.isPrefixUnaryExpression(expression) ||
    ts.isPostfixUnaryExpression(expression) ||
    ts.isTypeOfExpression(expression) ||
    ts.isVoidExpression(expression) ||
    ts.isDeleteExpression(expression) ||
    expression.kind === k.TrueKeyword ||
    expression.kind === k.FalseKeyword ||
    expression.kind === k.NullKeyword
  )
}

/** Methods, accessors, the constructor, and function-valued fields of `owner`. */
function isClassMember(ts: typeof TS, node: TS.Node, owner: TS.ClassLikeDeclaration): boolean {
  if (node.parent === owner) return true
  return (
    (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
    ts.isPropertyDeclaration(node.parent) &&
    node.parent.initializer === node &&
    node.parent.parent === owner
  )
}

/** The node whose leading JSDoc annotates a function. */
function jsDocHost(ts: typeof TS, node: TS.Node): TS.Node {
  const parent = node.parent
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return node
  if (ts.isVariableDeclaration(parent)) {
    const list = parent.parent
    return ts.isVariableDeclarationList(list) && list.declarations[0] === parent && ts.isVariableStatement(list.parent)
      ? list.parent
      : parent
  }
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isExportAssignment(parent)) return parent
  if (ts.isBinaryExpression(parent) && ts.isExpressionStatement(parent.parent)) return parent.parent
  return node
}

/**
 * Function declarations that must stay function-scoped, so move before the try: those
 * a kept `super(...)` calls, and those sharing a name with a `var` (a block-scoped one
 * would clash). The others stay in the try block, beside the consts they may close over.
 */
function hoistedDeclarations(ts: typeof TS, body: TS.Block, kept: number): TS.FunctionDeclaration[] {
  const keptNames = new Set<string>()
  const varNames = new Set<string>()
  const collect = (node: TS.Node, into: Set<string>, varsOnly: boolean): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return
    if (!varsOnly && ts.isIdentifier(node)) into.add(node.text)
    if (varsOnly && ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) {
      for (const declaration of node.declarations) bindingNames(ts, declaration.name, into)
    }
    ts.forEachChild(node, (child) => collect(child, into, varsOnly))
  }
  body.statements.slice(0, kept).forEach((statement) => collect(statement, keptNames, false))
  body.statements.forEach((statement) => collect(statement, varNames, true))
  return body.statements
    .slice(kept)
    .filter(ts.isFunctionDeclaration)
    .filter((declaration) => !!declaration.name && (keptNames.has(declaration.name.text) || varNames.has(declaration.name.text)))
}

function bindingNames(ts: typeof TS, name: TS.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) into.add(name.text)
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(ts, element.name, into)
}

/** Directives, and in a derived constructor everything up to a root `super()`, stay before the try. */
function keptStatementCount(ts: typeof TS, node: TS.Node, body: TS.Block): number {
  const statements = body.statements
  let kept = 0
  while (kept < statements.length && isDirective(ts, statements[kept])) kept++
  if (ts.isConstructorDeclaration(node) && node.parent.heritageClauses?.some((c) => c.token === ts.SyntaxKind.ExtendsKeyword)) {
    const superIndex = statements.findIndex(
      (s) => ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && s.expression.expression.kind === ts.SyntaxKind.SuperKeyword,
    )
    if (superIndex >= 0) kept = Math.max(kept, superIndex + 1)
  }
  return kept
}

export function isDirective(ts: typeof TS, statement: TS.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)
}

/** Statements that run code and so get a probe. */
function isProbed(ts: typeof TS, statement: TS.Statement): boolean {
  if (
    ts.isEmptyStatement(statement) ||
    ts.isFunctionDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isModuleDeclaration(statement)
  ) {
    return false
  }
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined
  return !modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)
}

/** The parts of a loop evaluated again after each pass through its body. */
function loopReentries(ts: typeof TS, statement: TS.Statement): TS.Expression[] {
  if (ts.isWhileStatement(statement) || ts.isDoStatement(statement)) return [statement.expression]
  if (ts.isForStatement(statement)) return [statement.condition, statement.incrementor].filter((e): e is TS.Expression => !!e)
  return []
}

function isStatementList(ts: typeof TS, node: TS.Node): boolean {
  return ts.isBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)
}

function nestedStatements(ts: typeof TS, statement: TS.Statement): TS.Statement[] {
  if (ts.isBlock(statement)) return [...statement.statements]
  if (ts.isIfStatement(statement)) return statement.elseStatement ? [statement.thenStatement, statement.elseStatement] : [statement.thenStatement]
  if (ts.isIterationStatement(statement, false) || ts.isWithStatement(statement)) return [statement.statement]
  if (ts.isTryStatement(statement)) {
    return [statement.tryBlock, ...(statement.catchClause ? [statement.catchClause.block] : []), ...(statement.finallyBlock ? [statement.finallyBlock] : [])]
  }
  if (ts.isSwitchStatement(statement)) return statement.caseBlock.clauses.flatMap((clause) => [...clause.statements])
  return []
}

export function classNameOf(ts: typeof TS, node: TS.ClassLikeDeclaration): string | null {
  if (node.name) return node.name.text
  const parent = node.parent
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text
  return ts.isClassDeclaration(node) ? 'default' : null
}

function enclosingClass(ts: typeof TS, node: TS.Node): TS.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return current
  }
  return undefined
}

function memberNameText(ts: typeof TS, name: TS.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined
}

function propertyNameOf(ts: typeof TS, name: TS.PropertyName, sourceFile: TS.SourceFile): string {
  return memberNameText(ts, name) ?? name.getText(sourceFile)
}

export function functionNameOf(ts: typeof TS, node: FunctionWithBody, sourceFile: TS.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor'
  if (ts.isGetAccessorDeclaration(node)) return `get ${propertyNameOf(ts, node.name, sourceFile)}`
  if (ts.isSetAccessorDeclaration(node)) return `set ${propertyNameOf(ts, node.name, sourceFile)}`
  if (ts.isMethodDeclaration(node)) {
    const name = propertyNameOf(ts, node.name, sourceFile)
    const owner = node.parent
    if (ts.isObjectLiteralExpression(owner) && ts.isVariableDeclaration(owner.parent) && ts.isIdentifier(owner.parent.name)) {
      return `${owner.parent.name.text}.${name}`
    }
    return name
  }
  if (node.name && ts.isIdentifier(node.name)) return node.name.text
  if (ts.isFunctionDeclaration(node)) return 'default'
  const parent = node.parent
  if (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) {
    return propertyNameOf(ts, parent.name as TS.PropertyName, sourceFile)
  }
  if (ts.isExportAssignment(parent)) return 'default'
  if (ts.isBinaryExpression(parent) && parent.right === node) return collapse(parent.left.getText(sourceFile))
  return '<anonymous>'
}

/** A call as written, without its arguments: `this.repo.save()`, `new Receipt()`, `a.maybe?.()`. */
function renderCall(ts: typeof TS, call: TS.Node, sourceFile: TS.SourceFile): string {
  if (ts.isTaggedTemplateExpression(call)) return `${renderCallee(ts, call.tag, sourceFile)}\`\``
  if (ts.isNewExpression(call)) return `new ${renderCallee(ts, call.expression, sourceFile)}()`
  if (ts.isCallExpression(call)) return `${renderCallee(ts, call.expression, sourceFile)}${call.questionDotToken ? '?.' : ''}()`
  return collapse(call.getText(sourceFile))
}

function renderCallee(ts: typeof TS, node: TS.Expression, sourceFile: TS.SourceFile): string {
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this'
  if (node.kind === ts.SyntaxKind.SuperKeyword) return 'super'
  if (ts.isPropertyAccessExpression(node)) {
    return `${renderCallee(ts, node.expression, sourceFile)}${node.questionDotToken ? '?.' : '.'}${node.name.text}`
  }
  if (ts.isElementAccessExpression(node)) {
    return `${renderCallee(ts, node.expression, sourceFile)}${node.questionDotToken ? '?.' : ''}[${collapse(node.argumentExpression.getText(sourceFile))}]`
  }
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) return renderCall(ts, node, sourceFile)
  if (ts.isParenthesizedExpression(node)) return `(${renderCallee(ts, node.expression, sourceFile)})`
  if (ts.isNonNullExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node)) {
    return renderCallee(ts, node.expression, sourceFile)
  }
  return collapse(node.getText(sourceFile))
}

function collapse(text: string): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat
}

/** Where the module header goes: after a shebang, the opening comments and the directive prologue. */
export function headerPosition(ts: typeof TS, sourceFile: TS.SourceFile): number {
  const statements = sourceFile.statements
  let directives = 0
  while (directives < statements.length && isDirective(ts, statements[directives])) directives++
  if (directives > 0) return statements[directives - 1].end
  // After the comments that open the file: they may hold pragmas (`/** @jsx h */`) that must stay first.
  return statements.length > 0 ? statements[0].getStart(sourceFile) : sourceFile.text.length
}
