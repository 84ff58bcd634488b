import { AnnotationProblem, readJsDocAnnotation, readOptions, type Annotation } from './annotations.js'
import { FutureCallAnalyzer } from './future-calls.js'
import { planTrace } from './trace-plan.js'
import type { AnalyzeOptions, CallSite, ModuleIR, MonitorOptions, Probe, Range, WovenFunction } from './ir.js'
import { CLASS_TYPES, LOOP_TYPES, hasOffsetIn, isDirective, isMethodLike, isOwnScope, isStatement, type Node, type Parents, type SyntaxFile } from './syntax.js'

const RUNTIME_MODULE = 'errorweave'
/** How far up from a function the analysis looks: a field's class (field, class body, class), a variable's statement and its export. */
const ANCESTORS_READ = 4

/** A function with a body, as the analysis sees it: `node` is its whole declaration (a method with its decorators), `fn` holds params and body. */
interface FunctionParts {
  node: Node
  fn: Node
  kind: 'function' | 'method' | 'get' | 'set' | 'constructor'
}

/** A woven function's body as its statements are probed. */
interface BodyWalk {
  woven: WovenFunction
  futureOf: (statement: Node) => Probe['futureCalls']
  /** An async function's returned promises are watched (see WovenFunction.watchedReturns). */
  watchesReturns: boolean
}

interface ClassScope {
  name: string | null
  node: Node
  annotation: Annotation | undefined
}

/**
 * The front-end: finds the functions to weave in a parsed file and describes
 * each one (identity, options, statements, calls) as positions in the original text.
 */
export function analyze(file: SyntaxFile, fileName: string, options: AnalyzeOptions): ModuleIR {
  return new Analysis(file, fileName, options).run()
}

class Analysis {
  private readonly ir: ModuleIR
  private readonly names = new Map<string, 'monitor' | 'exclude'>([
    ['ErrorMonitor', 'monitor'],
    ['NoErrorMonitor', 'exclude'],
  ])
  private readonly siteIndex = new Map<Node, number>()
  private readonly topLevel = new Set<string>()
  /** Imported bindings: local name -> `module#exported` (`module#*` for a namespace). */
  private readonly imports = new Map<string, string>()
  private readonly futures: FutureCallAnalyzer
  private readonly parents: Parents = new Map()
  /** The nodes from the program down to the one being visited. */
  private readonly path: Node[] = []
  private classScope: ClassScope | undefined
  /** The class around the function being woven, across nested functions: `this.m()` resolves against it. */
  private readonly enclosingClasses: Node[] = []
  /** Offsets of our names: statements without one need no visit unless monitorAll. */
  private readonly mentions: number[] = []
  private readonly visitChild = (child: Node, parent: Node) => this.visit(child, parent)

  constructor(
    private readonly file: SyntaxFile,
    fileName: string,
    private readonly options: AnalyzeOptions,
  ) {
    this.ir = { file: fileName, functions: [], calls: [], decorators: [], errors: [] }
    this.futures = new FutureCallAnalyzer(file, this.parents, options.futureCalls.maxDepth)
  }

  /** Where our names (aliases included) occur in the text, in order. */
  private findMentions(): void {
    const text = this.file.text
    for (const name of new Set(['ErrorMonitor', ...this.names.keys()])) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) this.mentions.push(at)
    }
    this.mentions.sort((a, b) => a - b)
  }

  /** Whether weaving could concern `node`: under monitorAll, in a monitored class, or the word is in its text. */
  private mayConcern(node: Node, parent: Node | undefined): boolean {
    if (this.options.monitorAll || this.classScope?.annotation?.kind === 'monitor') return true
    return hasOffsetIn(this.mentions, this.file.fullStart(declarationStart(node, parent)), node.end)
  }

  run(): ModuleIR {
    for (const outer of this.file.program.body as Node[]) {
      const statement: Node = isExport(outer) && outer.declaration ? outer.declaration : outer
      if (statement.type === 'ImportDeclaration') this.readImportNames(statement)
      const isNamed = statement.type === 'FunctionDeclaration' || statement.type === 'TSDeclareFunction' || statement.type === 'ClassDeclaration'
      if (isNamed && statement.id) this.topLevel.add(statement.id.name)
      if (statement.type === 'VariableDeclaration') {
        for (const declaration of statement.declarations) {
          if (declaration.id.type === 'Identifier') this.topLevel.add(declaration.id.name)
        }
      }
    }
    this.findMentions()
    this.visit(this.file.program, undefined)
    return this.ir
  }

  private readImportNames(declaration: Node): void {
    if (declaration.importKind === 'type' || declaration.specifiers.length === 0) return
    const module: string = declaration.source.value
    for (const specifier of declaration.specifiers as Node[]) {
      const local: string = specifier.local.name
      if (specifier.type === 'ImportDefaultSpecifier') this.imports.set(local, `${module}#default`)
      else if (specifier.type === 'ImportNamespaceSpecifier') this.imports.set(local, `${module}#*`)
      else {
        const imported: string = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value
        this.imports.set(local, `${module}#${imported}`)
        const kind = this.names.get(imported)
        if (module === RUNTIME_MODULE && kind) this.names.set(local, kind)
      }
    }
  }

  private visit(node: Node, parent: Node | undefined): void {
    // Only whole statements and members are skipped: their range holds the JSDoc of what they contain.
    if (!this.options.monitorAll && (isStatement(node) || isClassElement(node)) && !this.mayConcern(node, parent)) return
    this.path.push(node)
    this.visitNode(node, parent)
    this.path.pop()
  }

  /** Functions and classes are named and placed by a few of their ancestors: only those are remembered. */
  private linkAncestors(): void {
    const path = this.path
    for (let i = path.length - 1; i > 0 && i >= path.length - ANCESTORS_READ; i--) this.parents.set(path[i], path[i - 1])
  }

  private visitNode(node: Node, parent: Node | undefined): void {
    if (CLASS_TYPES.has(node.type)) {
      this.linkAncestors()
      return this.visitClass(node)
    }
    const parts = functionParts(node, parent)
    if (parts) {
      this.linkAncestors()
      if (parts.fn.body) this.visitFunction(parts)
      const outerClass = this.classScope
      this.classScope = undefined
      if (parts.node !== parts.fn) {
        // A method: its decorators and key belong to it, its params and body to its function.
        this.file.forEachChild(node, (child) => child !== parts.fn && this.visit(child, node))
        this.parents.set(parts.fn, node)
        this.path.push(parts.fn)
        this.file.forEachChild(parts.fn, this.visitChild)
        this.path.pop()
      } else {
        this.file.forEachChild(node, this.visitChild)
      }
      this.classScope = outerClass
      return
    }
    if (node.type === 'Decorator') {
      // A decorator of ours on something we do not weave (a parameter, a field): just drop it.
      if (this.decoratorKind(node) && parent) this.removeDecorator(node, parent)
      return
    }
    if (this.file.mayHoldScope(node)) this.file.forEachChild(node, this.visitChild)
  }

  private visitClass(node: Node): void {
    const outer = this.classScope
    this.classScope = { name: this.classNameOf(node), node, annotation: this.annotationOf(node, node) }
    this.enclosingClasses.push(node)
    this.file.forEachChild(node, this.visitChild)
    this.enclosingClasses.pop()
    this.classScope = outer
  }

  private visitFunction(parts: FunctionParts): void {
    const { node } = parts
    const parent = this.parents.get(node)
    // A function-valued field carries its decorators on the field.
    const decorated = parent?.type === 'PropertyDefinition' && parent.value === node ? parent : node
    const own = this.annotationOf(decorated, this.jsDocHost(node))
    const classScope = this.classScope && this.isClassMember(node, this.classScope.node) ? this.classScope : undefined
    if (own?.kind === 'exclude') return
    const classOptions = classScope?.annotation?.kind === 'monitor' ? classScope.annotation.options : undefined
    if (!own && !classOptions && !this.options.monitorAll) return
    const monitorOptions: MonitorOptions = { ...classOptions, ...(own?.kind === 'monitor' ? own.options : undefined) }
    this.weave(parts, classScope?.name ?? null, monitorOptions)
  }

  /** Methods, accessors, the constructor, and function-valued fields of `owner`. */
  private isClassMember(node: Node, owner: Node): boolean {
    const parent = this.parents.get(node)
    if (parent?.type === 'ClassBody') return this.parents.get(parent) === owner
    return parent?.type === 'PropertyDefinition' && parent.value === node && this.parents.get(this.parents.get(parent)!) === owner
  }

  /** The node whose leading JSDoc annotates a function. */
  private jsDocHost(node: Node): Node {
    const parent = this.parents.get(node)
    if ((node.type !== 'ArrowFunctionExpression' && node.type !== 'FunctionExpression') || !parent) return exportOf(node, parent)
    if (parent.type === 'VariableDeclarator') {
      const list = this.parents.get(parent)!
      const holder = this.parents.get(list)
      const isStatementList = holder && !LOOP_TYPES.has(holder.type)
      return list.declarations[0] === parent && isStatementList ? exportOf(list, holder) : parent
    }
    if (parent.type === 'Property' || parent.type === 'PropertyDefinition' || parent.type === 'ExportDefaultDeclaration') return parent
    if (isBinary(parent) && this.parents.get(parent)?.type === 'ExpressionStatement') return this.parents.get(parent)!
    return node
  }

  /** Our decorators (removed from the output) or, else, a JSDoc annotation on `host`. */
  private annotationOf(node: Node, host: Node): Annotation | undefined {
    let found: Annotation | undefined
    for (const decorator of (node.decorators ?? []) as Node[]) {
      const kind = this.decoratorKind(decorator)
      if (!kind) continue
      this.removeDecorator(decorator, node)
      if (kind === 'exclude') {
        found = { kind: 'exclude' }
        continue
      }
      const args = decorator.expression.type === 'CallExpression' ? decorator.expression.arguments : []
      const options = readOptions(args, 0, this.file)
      if (options instanceof AnnotationProblem) this.problem(options)
      else if (!found) found = { kind: 'monitor', options }
    }
    if (found) return found
    // The comment may sit before the declaration that holds the function or right before it.
    const hostStart = declarationStart(host, this.parents.get(host))
    const ownStart = declarationStart(node, this.parents.get(node))
    const hostAt = this.file.fullStart(hostStart)
    const ownAt = this.file.fullStart(ownStart)
    // One trivia read once, so a problem in it is recorded once.
    return this.jsDocBefore(hostAt, hostStart) ?? (ownAt !== hostAt ? this.jsDocBefore(ownAt, ownStart) : undefined)
  }

  /** A JSDoc annotation in the trivia [at, start); a problem in it is recorded. */
  private jsDocBefore(at: number, start: number): Annotation | undefined {
    // Without our name in that trivia there is no tag to read (under monitorAll, most functions).
    if (!hasOffsetIn(this.mentions, at, start)) return undefined
    const jsdoc = readJsDocAnnotation(this.file, at)
    if (!(jsdoc instanceof AnnotationProblem)) return jsdoc
    this.problem(jsdoc)
    return undefined
  }

  private decoratorKind(decorator: Node): 'monitor' | 'exclude' | undefined {
    const expression = decorator.expression.type === 'CallExpression' ? decorator.expression.callee : decorator.expression
    return expression.type === 'Identifier' ? this.names.get(expression.name) : undefined
  }

  private removeDecorator(decorator: Node, member: Node): void {
    const separatesMember = isClassElement(member) && member.decorators[0] === decorator
    const { pos, end, start } = this.range(decorator)
    const range = { pos, end, start, separatesMember }
    if (!this.ir.decorators.some((known) => known.pos === range.pos)) this.ir.decorators.push(range)
  }

  private problem(problem: AnnotationProblem): void {
    const { line, column } = this.file.lineColumn(problem.offset)
    this.ir.errors.push({ message: problem.message, line, column })
  }

  private weave(parts: FunctionParts, className: string | null, options: MonitorOptions): void {
    const { fn } = parts
    const node = exportOf(parts.node, this.parents.get(parts.node))
    const position = this.file.lineColumn(this.nameStart(parts, node))
    const woven: WovenFunction = {
      index: this.ir.functions.length,
      className,
      method: this.functionNameOf(parts),
      line: position.line,
      column: position.column,
      options,
      pos: this.file.fullStart(node.start),
      end: node.end,
      body: { kind: 'expression', start: 0, end: 0 },
      probes: [],
      watchedReturns: [],
      finallyBlocks: [],
    }
    this.ir.functions.push(woven)
    const watchesReturns = fn.async && !fn.generator
    const body: Node = fn.body
    const enclosingClass = this.enclosingClasses[this.enclosingClasses.length - 1]
    const siteOf = (call: Node) => this.siteOf(call, enclosingClass)
    if (body.type !== 'BlockStatement') {
      woven.body = { kind: 'expression', start: body.start, end: body.end }
      const { line, column } = this.file.lineColumn(body.start)
      woven.probes.push({ pos: this.file.fullStart(body.start), end: body.end, start: body.start, line, column, needsBlock: false, futureCalls: [], reentries: [] })
      if (watchesReturns && mayBePromise(body)) woven.watchedReturns.push(this.range(body))
      if (this.options.trace) woven.trace = planTrace(this.file, body, woven, siteOf)
      return
    }
    const statements: Node[] = body.body
    const kept = this.keptStatementCount(parts, statements)
    const tryStart = kept > 0 ? statements[kept - 1].end : body.start + 1
    const hoisted = this.hoistedDeclarations(statements, kept).map((declaration) => this.range(declaration))
    woven.body = { kind: 'block', open: body.start, close: body.end - 1, tryStart, keptStatements: kept, hoisted }
    this.parents.set(body, fn)
    linkStatements(body, this.parents)
    const futureOf = (statement: Node) => this.futures.futureOf(statement, body, siteOf)
    const walk: BodyWalk = { woven, futureOf, watchesReturns }
    for (let i = kept; i < statements.length; i++) this.collectProbes(statements[i], false, walk)
    if (this.options.trace) woven.trace = planTrace(this.file, body, woven, siteOf)
  }

  /** Where a function's name starts (its declaration's start when it has none): its line and column in reports. */
  private nameStart(parts: FunctionParts, declaration: Node): number {
    if (parts.kind === 'constructor') return declaration.start
    const name: Node | undefined = parts.node === parts.fn ? parts.fn.id : parts.node.key
    if (!name) return declaration.start
    // A computed name starts at its bracket.
    return parts.node.computed ? this.file.fullStart(name.start) - 1 : name.start
  }

  private range(node: Node): Range {
    return { pos: this.file.fullStart(node.start), end: node.end, start: node.start }
  }

  /**
   * Probes every statement of a body (nested ones included, not those of nested functions),
   * and notes its finally blocks and the returns it watches: every return is among these statements.
   */
  private collectProbes(statement: Node, embedded: boolean, walk: BodyWalk): void {
    if (statement.type === 'BlockStatement') {
      for (const inner of statement.body) this.collectProbes(inner, false, walk)
      return
    }
    if (!isProbed(statement)) return
    const { line, column } = this.file.lineColumn(statement.start)
    const probe: Probe = {
      pos: this.file.fullStart(statement.start),
      end: statement.end,
      start: statement.start,
      line,
      column,
      needsBlock: embedded,
      futureCalls: this.options.futureCalls.enabled ? walk.futureOf(statement) : [],
      reentries: [],
    }
    walk.woven.probes.push(probe)
    let inner = statement
    while (inner.type === 'LabeledStatement') inner = inner.body
    // The parts of a loop evaluated again after each pass through its body.
    if (inner.type === 'WhileStatement' || inner.type === 'DoWhileStatement') probe.reentries.push(this.range(inner.test))
    if (inner.type === 'ForStatement') {
      if (inner.test) probe.reentries.push(this.range(inner.test))
      if (inner.update) probe.reentries.push(this.range(inner.update))
    }
    if (walk.watchesReturns && inner.type === 'ReturnStatement' && inner.argument && mayBePromise(inner.argument)) {
      walk.woven.watchedReturns.push(this.range(inner.argument))
    }
    // The statements directly under this one; those outside a statement list need braces for a probe.
    switch (inner.type) {
      case 'IfStatement':
        this.collectProbes(inner.consequent, true, walk)
        if (inner.alternate) this.collectProbes(inner.alternate, true, walk)
        return
      case 'TryStatement':
        if (inner.finalizer) {
          const { pos, end, start } = this.range(inner.finalizer)
          walk.woven.finallyBlocks.push({ pos, end, start, open: start + 1, close: end - 1 })
        }
        this.collectProbes(inner.block, true, walk)
        if (inner.handler) this.collectProbes(inner.handler.body, true, walk)
        if (inner.finalizer) this.collectProbes(inner.finalizer, true, walk)
        return
      case 'SwitchStatement':
        for (const clause of inner.cases) for (const child of clause.consequent) this.collectProbes(child, false, walk)
        return
      case 'BlockStatement':
        return this.collectProbes(inner, false, walk)
      case 'WithStatement':
        return this.collectProbes(inner.body, true, walk)
      default:
        if (LOOP_TYPES.has(inner.type)) this.collectProbes(inner.body, true, walk)
    }
  }

  private siteOf(call: Node, enclosingClass: Node | undefined): number {
    const known = this.siteIndex.get(call)
    if (known !== undefined) return known
    const { line, column } = this.file.lineColumn(call.start)
    const site: CallSite = { call: this.renderCall(call), line, column }
    const resolved = this.resolve(call, enclosingClass)
    if (resolved) site.resolved = resolved
    const index = this.ir.calls.push(site) - 1
    this.siteIndex.set(call, index)
    return index
  }

  /**
   * Same-class methods through `this`, same-file functions and classes, imported
   * names with their module; with a type checker (ts-patch entry), whatever it resolves.
   */
  private resolve(call: Node, enclosingClass: Node | undefined): string | undefined {
    if (call.type !== 'CallExpression' && call.type !== 'NewExpression') return undefined
    const checked = this.options.resolveCall?.(call)
    if (checked) return checked
    const callee: Node = call.callee
    if (callee.type === 'Identifier') return this.topLevel.has(callee.name) ? callee.name : this.imports.get(callee.name)
    if (callee.type !== 'MemberExpression' || callee.computed) return undefined
    const member = nameText(callee.property)!
    if (callee.object.type === 'ThisExpression') {
      const members: Node[] = enclosingClass?.body.body ?? []
      if (members.some((m) => m.key && !m.computed && m.kind !== 'constructor' && nameText(m.key) === member)) {
        return `${this.classNameOf(enclosingClass!) ?? '<anonymous class>'}.${member}`
      }
    }
    if (callee.object.type !== 'Identifier') return undefined
    const owner: string = callee.object.name
    if (this.topLevel.has(owner)) return `${owner}.${member}`
    const imported = this.imports.get(owner)
    if (!imported) return undefined
    return imported.endsWith('#*') ? `${imported.slice(0, -1)}${member}` : `${imported}.${member}`
  }

  private classNameOf(node: Node): string | null {
    if (node.id) return node.id.name
    const parent = this.parents.get(node)
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name
    return node.type === 'ClassDeclaration' ? 'default' : null
  }

  private functionNameOf({ node, fn, kind }: FunctionParts): string {
    if (kind === 'constructor') return 'constructor'
    if (kind === 'get' || kind === 'set') return `${kind} ${this.propertyNameOf(node)}`
    if (kind === 'method') {
      const name = this.propertyNameOf(node)
      const owner = this.parents.get(node)
      const holder = owner && this.parents.get(owner)
      if (owner?.type === 'ObjectExpression' && holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier') return `${holder.id.name}.${name}`
      return name
    }
    if (fn.id) return fn.id.name
    if (fn.type === 'FunctionDeclaration') return 'default'
    const parent = this.parents.get(node)
    if (parent?.type === 'VariableDeclarator') return parent.id.type === 'Identifier' ? parent.id.name : this.file.textOf(parent.id)
    if (parent?.type === 'PropertyDefinition' || parent?.type === 'Property') return this.propertyNameOf(parent)
    if (parent?.type === 'ExportDefaultDeclaration') return 'default'
    if (parent && isBinary(parent) && parent.right === node) return collapse(this.file.textOf(parent.left))
    return '<anonymous>'
  }

  /** A member's name as written: `x`, `#x`, `'a b'` as `a b`, `[key]` with its brackets. */
  private propertyNameOf(member: Node): string {
    const key: Node = member.key
    if (!member.computed) return nameText(key) ?? this.file.textOf(key)
    const open = this.file.fullStart(key.start) - 1
    let close = key.end
    while (this.file.text[close] !== ']') close++
    return this.file.text.slice(open, close + 1)
  }

  /** A call as written, without its arguments: `this.repo.save()`, `new Receipt()`, `a.maybe?.()`. */
  private renderCall(call: Node): string {
    if (call.type === 'TaggedTemplateExpression') return `${this.renderCallee(call.tag)}\`\``
    if (call.type === 'NewExpression') return `new ${this.renderCallee(call.callee)}()`
    if (call.type === 'CallExpression') return `${this.renderCallee(call.callee)}${call.optional ? '?.' : ''}()`
    if (call.type === 'ImportExpression') return 'import()'
    return collapse(this.file.textOf(call))
  }

  private renderCallee(node: Node): string {
    switch (node.type) {
      case 'Identifier':
        return node.name
      case 'PrivateIdentifier':
        return `#${node.name}`
      case 'ThisExpression':
        return 'this'
      case 'Super':
        return 'super'
      case 'MemberExpression':
        if (!node.computed) return `${this.renderCallee(node.object)}${node.optional ? '?.' : '.'}${this.renderCallee(node.property)}`
        return `${this.renderCallee(node.object)}${node.optional ? '?.' : ''}[${collapse(this.file.textOf(node.property))}]`
      case 'CallExpression':
      case 'NewExpression':
      case 'TaggedTemplateExpression':
      case 'ImportExpression':
        return this.renderCall(node)
      case 'ParenthesizedExpression':
        return `(${this.renderCallee(node.expression)})`
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        return this.renderCallee(node.expression)
      default:
        return collapse(this.file.textOf(node))
    }
  }

  /**
   * Function declarations that must stay function-scoped, so move before the try: those
   * a kept `super(...)` calls, and those sharing a name with a `var` (a block-scoped one
   * would clash). The others stay in the try block, beside the consts they may close over.
   */
  private hoistedDeclarations(statements: Node[], kept: number): Node[] {
    const declarations: Node[] = []
    for (let i = kept; i < statements.length; i++) if (statements[i].type === 'FunctionDeclaration' && statements[i].id) declarations.push(statements[i])
    if (declarations.length === 0) return declarations
    const keptNames = new Set<string>()
    const collectNames = (node: Node): void => {
      if (isOwnScope(node)) return
      if (node.type === 'Identifier') keptNames.add(node.name)
      this.file.forEachChild(node, collectNames)
    }
    statements.slice(0, kept).forEach(collectNames)
    const varNames = new Set<string>()
    for (const statement of statements) collectVarNames(statement, varNames)
    return declarations.filter((declaration) => keptNames.has(declaration.id.name) || varNames.has(declaration.id.name))
  }

  /** Directives, and in a derived constructor everything up to a root `super()`, stay before the try. */
  private keptStatementCount(parts: FunctionParts, statements: Node[]): number {
    let kept = 0
    while (kept < statements.length && isDirective(statements[kept])) kept++
    if (parts.kind === 'constructor' && this.parents.get(this.parents.get(parts.node)!)?.superClass) {
      const superIndex = statements.findIndex(
        (s) => s.type === 'ExpressionStatement' && s.expression.type === 'CallExpression' && s.expression.callee.type === 'Super',
      )
      if (superIndex >= 0) kept = Math.max(kept, superIndex + 1)
    }
    return kept
  }
}

/** The parts of a function-like node with a body, or undefined; a method's function expression is met through its method. */
function functionParts(node: Node, parent: Node | undefined): FunctionParts | undefined {
  switch (node.type) {
    case 'MethodDefinition':
    case 'TSAbstractMethodDefinition':
      return { node, fn: node.value, kind: node.kind === 'constructor' ? 'constructor' : node.kind === 'method' ? 'method' : node.kind }
    case 'Property':
      return node.method || node.kind !== 'init' ? { node, fn: node.value, kind: node.kind === 'init' ? 'method' : node.kind } : undefined
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return parent && isMethodLike(parent) && parent.value === node ? undefined : { node, fn: node, kind: 'function' }
    default:
      return undefined
  }
}

function isExport(node: Node | undefined): boolean {
  return node?.type === 'ExportNamedDeclaration' || node?.type === 'ExportDefaultDeclaration'
}

/** `export function f` is one declaration in TypeScript: its range starts at `export` (`export default <expression>` is not). */
function exportOf(node: Node, parent: Node | undefined): Node {
  return parent && isExport(parent) && parent.declaration === node && isStatement(node) ? parent : node
}

/** Where a declaration starts in TypeScript's tree: at `export`, or at decorators written before it. */
function declarationStart(node: Node, parent: Node | undefined): number {
  const decorators: Node[] = node.decorators ?? node.declaration?.decorators ?? []
  return Math.min(exportOf(node, parent).start, decorators[0]?.start ?? Infinity)
}

const CLASS_ELEMENT_TYPES = new Set(['MethodDefinition', 'PropertyDefinition', 'AccessorProperty', 'StaticBlock', 'TSIndexSignature'])

function isClassElement(node: Node): boolean {
  return CLASS_ELEMENT_TYPES.has(node.type) || node.type.startsWith('TSAbstract')
}

function isBinary(node: Node): boolean {
  return node.type === 'AssignmentExpression' || node.type === 'BinaryExpression' || node.type === 'LogicalExpression'
}

function nameText(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name
  if (node.type === 'PrivateIdentifier') return `#${node.name}`
  return node.type === 'Literal' && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined
}

/** Names a `var` declares: it stands as a statement or in a loop's head, never inside an expression (but in a function, which has its own). */
function collectVarNames(node: Node | null, into: Set<string>): void {
  if (!node) return
  switch (node.type) {
    case 'VariableDeclaration':
      if (node.kind === 'var') for (const declaration of node.declarations) bindingNames(declaration.id, into)
      return
    case 'BlockStatement':
      for (const statement of node.body) collectVarNames(statement, into)
      return
    case 'SwitchStatement':
      for (const clause of node.cases) for (const statement of clause.consequent) collectVarNames(statement, into)
      return
    case 'TryStatement':
      collectVarNames(node.block, into)
      collectVarNames(node.handler?.body, into)
      return collectVarNames(node.finalizer, into)
    case 'IfStatement':
      collectVarNames(node.consequent, into)
      return collectVarNames(node.alternate, into)
    case 'ForStatement':
      collectVarNames(node.init, into)
      return collectVarNames(node.body, into)
    case 'ForInStatement':
    case 'ForOfStatement':
      collectVarNames(node.left, into)
      return collectVarNames(node.body, into)
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'LabeledStatement':
    case 'WithStatement':
      return collectVarNames(node.body, into)
  }
}

function bindingNames(name: Node | null, into: Set<string>): void {
  if (!name) return
  if (name.type === 'Identifier') into.add(name.name)
  else if (name.type === 'ObjectPattern') for (const property of name.properties) bindingNames(property.type === 'RestElement' ? property.argument : property.value, into)
  else if (name.type === 'ArrayPattern') for (const element of name.elements) bindingNames(element, into)
  else if (name.type === 'AssignmentPattern') bindingNames(name.left, into)
  else if (name.type === 'RestElement') bindingNames(name.argument, into)
}

/** Records the parent of every statement, block and clause of a body: the future-call flow climbs them. */
function linkStatements(node: Node, parents: Parents): void {
  switch (node.type) {
    case 'BlockStatement':
      return linkAll(node.body, node, parents)
    case 'SwitchStatement':
      return linkAll(node.cases, node, parents)
    case 'SwitchCase':
      return linkAll(node.consequent, node, parents)
    case 'TryStatement':
      link(node.block, node, parents)
      link(node.handler, node, parents)
      return link(node.finalizer, node, parents)
    case 'CatchClause':
      return link(node.body, node, parents)
    case 'IfStatement':
      link(node.consequent, node, parents)
      return link(node.alternate, node, parents)
    case 'LabeledStatement':
    case 'WithStatement':
      return link(node.body, node, parents)
    default:
      if (LOOP_TYPES.has(node.type)) link(node.body, node, parents)
  }
}

function link(child: Node | null, parent: Node, parents: Parents): void {
  if (!child) return
  parents.set(child, parent)
  linkStatements(child, parents)
}

function linkAll(children: readonly Node[], parent: Node, parents: Parents): void {
  for (const child of children) link(child, parent, parents)
}

/** Whether a returned expression could be a promise: anything but literals, awaits and arithmetic. */
function mayBePromise(expression: Node): boolean {
  while (expression.type === 'ParenthesizedExpression') expression = expression.expression
  switch (expression.type) {
    case 'LogicalExpression':
    case 'SequenceExpression':
    case 'AssignmentExpression':
      return true
    case 'BinaryExpression':
    case 'Literal':
    case 'TemplateLiteral':
    case 'AwaitExpression':
    case 'ObjectExpression':
    case 'ArrayExpression':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ClassExpression':
    case 'UnaryExpression':
    case 'UpdateExpression':
      return false
    default:
      return true
  }
}

const UNPROBED_TYPES = new Set(['EmptyStatement', 'FunctionDeclaration', 'TSDeclareFunction', 'TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSModuleDeclaration'])

/** Statements that run code that may throw, and so get a probe: an error never starts in the others, so they need neither a store nor a row. */
function isProbed(statement: Node): boolean {
  return !UNPROBED_TYPES.has(statement.type) && !statement.declare && !cannotThrow(statement)
}

/** `break;`, `continue;`, `debugger;`, `return;` and `let`/`const`/`var` of plain names set to nothing or a literal. */
function cannotThrow(statement: Node): boolean {
  switch (statement.type) {
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'DebuggerStatement':
      return true
    case 'ReturnStatement':
      return !statement.argument
    case 'VariableDeclaration':
      // `using` disposes at the end of its block, which may throw.
      return (
        (statement.kind === 'let' || statement.kind === 'const' || statement.kind === 'var') &&
        statement.declarations.every((d: Node) => d.id.type === 'Identifier' && (!d.init || d.init.type === 'Literal' || (d.init.type === 'TemplateLiteral' && d.init.expressions.length === 0)))
      )
    default:
      return false
  }
}

function collapse(text: string): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat
}

/** Where the module header goes: after a shebang, the opening comments and the directive prologue. */
export function headerPosition(file: SyntaxFile): number {
  const statements: Node[] = file.program.body
  let directives = 0
  while (directives < statements.length && isDirective(statements[directives])) directives++
  if (directives > 0) return statements[directives - 1].end
  // After the comments that open the file: they may hold pragmas (`/** @jsx h */`) that must stay first.
  return statements.length > 0 ? declarationStart(statements[0], undefined) : file.text.length
}
