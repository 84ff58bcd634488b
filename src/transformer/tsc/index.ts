import { createRequire } from 'node:module'
import type TS from 'typescript'
import type { ModuleIR, Probe, WovenFunction } from '../core/ir.js'
import { resolveOptions, type ErrorWeaveOptions } from '../core/options.js'
import { RUNTIME, renderTable, statementNumbers, watchedSites, type StatementNumbers, type WatchedSite } from '../core/table.js'
import { analyzeFile, mayNeedWeaving } from '../text/weave-file.js'

export type { ErrorWeaveOptions }

interface TransformerExtras {
  ts?: typeof TS
  addDiagnostic?: (diagnostic: TS.Diagnostic) => number
}

/** ts-patch's own keys in the same tsconfig plugin entry as our options. */
const TS_PATCH_KEYS = ['name', 'transform', 'import', 'isEsm', 'type', 'after', 'afterDeclarations', 'transformProgram', 'resolvePathAliases', 'tsConfig']

const TSCONFIG_FIX = 'pin it with npm install -D typescript@5 ts-patch@3, or take a bundler entry such as errorweave/vite'

/**
 * The one-line complaint when the compiler is not TypeScript 5 or 6: 7 is the native
 * compiler, whose package has no compiler API (its main module exports the version only).
 */
function typeScriptProblem(version: string | undefined): string | undefined {
  if (version && /^[56]\./.test(version)) return undefined
  return `errorweave: errorweave/transformer needs TypeScript 5 or 6, found ${version ?? 'none'}; ${TSCONFIG_FIX}`
}

/**
 * The ts-patch entry (tsconfig `compilerOptions.plugins`): the AST emitter. It runs
 * the same front-end and analysis as the bundler entries on the file's text, then
 * rebuilds the woven functions in the program's own nodes (found by their ranges) with
 * the compiler's factory, so type-driven emit still works; the checker names call targets.
 */
export default function errorweaveTransformer(
  program: TS.Program | undefined,
  config: ErrorWeaveOptions = {},
  extras: TransformerExtras = {},
): TS.TransformerFactory<TS.SourceFile> {
  const ts: typeof TS = extras.ts ?? createRequire(`${process.cwd()}/`)('typescript')
  const problem = typeScriptProblem(ts.version)
  if (problem) throw new Error(problem)
  const options = resolveOptions(config, console.warn, TS_PATCH_KEYS)
  if (options.trace) {
    console.warn("errorweave: 'trace' is a measurement option of the bundler entries; the ts-patch entry ignores it")
    options.trace = false
  }
  const checker = program?.getTypeChecker()
  return (context) => (sourceFile) => {
    if (sourceFile.isDeclarationFile || !options.accepts(sourceFile.fileName) || !mayNeedWeaving(sourceFile.text, options)) {
      return sourceFile
    }
    const resolveCall = checker && callResolver(ts, checker, sourceFile)
    const analyzed = analyzeFile(sourceFile.text, sourceFile.fileName, { ...options, resolveCall })
    if ('syntaxError' in analyzed) {
      console.warn(`errorweave: ${analyzed.syntaxError}; the file is passed through unwoven`)
      return sourceFile
    }
    const { ir } = analyzed
    if (ir.errors.length > 0) {
      reportAnnotationErrors(ts, sourceFile, ir, extras)
      return sourceFile
    }
    if (ir.functions.length === 0 && ir.decorators.length === 0) return sourceFile
    return new AstWeaver(ts, context, ir, sourceFile.text).weave(sourceFile)
  }
}

/** Calls by their range in the text: the checker names what the program's own node runs. */
function callResolver(ts: typeof TS, checker: TS.TypeChecker, sourceFile: TS.SourceFile): (call: { start: number; end: number }) => string | undefined {
  let calls: Map<string, TS.Node> | undefined
  const collect = (node: TS.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) calls!.set(`${node.getStart(sourceFile)}:${node.end}`, node)
    ts.forEachChild(node, collect)
  }
  return (call) => {
    if (!calls) {
      calls = new Map()
      collect(sourceFile)
    }
    const node = calls.get(`${call.start}:${call.end}`)
    return node && declarationName(ts, checker, node)
  }
}

/** What the type checker says a call runs: `UserRepository.save`, `audit`, `Receipt`. */
function declarationName(ts: typeof TS, checker: TS.TypeChecker, call: TS.Node): string | undefined {
  if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return undefined
  const declaration = checker.getResolvedSignature(call)?.declaration
  if (!declaration && ts.isNewExpression(call)) return classNameOf(ts, checker, call.expression)
  if (!declaration || ts.isJSDocSignature(declaration)) return undefined
  const owner = declaration.parent
  const ownerName = (ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)) && owner.name ? owner.name.text : undefined
  if (ts.isConstructorDeclaration(declaration)) return ownerName
  const name = declaration.name && (ts.isIdentifier(declaration.name) || ts.isPrivateIdentifier(declaration.name)) ? declaration.name.text : undefined
  if (!name) return undefined
  return ownerName ? `${ownerName}.${name}` : name
}

/** A class with no constructor of its own: name it by its declaration. */
function classNameOf(ts: typeof TS, checker: TS.TypeChecker, expression: TS.Expression): string | undefined {
  let symbol = checker.getSymbolAtLocation(expression)
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol)
  const declaration = symbol?.declarations?.find(ts.isClassLike)
  return declaration?.name?.text
}

function reportAnnotationErrors(ts: typeof TS, sourceFile: TS.SourceFile, ir: ModuleIR, extras: TransformerExtras): void {
  const messages = ir.errors.map((e) => `${sourceFile.fileName}:${e.line}:${e.column}: ${e.message}`)
  if (!extras.addDiagnostic) throw new Error(messages.join('\n'))
  ir.errors.forEach((error, i) => {
    const start = sourceFile.getPositionOfLineAndCharacter(error.line - 1, error.column - 1)
    extras.addDiagnostic!({
      category: ts.DiagnosticCategory.Error,
      code: 90001,
      file: sourceFile,
      start,
      length: 1,
      messageText: messages[i],
    })
  })
}

const key = (node: { pos: number; end: number }) => `${node.pos}:${node.end}`

class AstWeaver {
  private readonly functions = new Map<string, WovenFunction>()
  private readonly numbers = new Map<WovenFunction, StatementNumbers>()
  /** Each probed statement's number and how it is written (see statementNumbers). */
  private readonly probes = new Map<string, { index: number; write: StatementNumbers['writes'][number] }>()
  private readonly decorators = new Set<number>()
  /** Watched return expressions and their indices among the module's sites (see watchedSites). */
  private readonly watched = new Map<string, number>()
  private readonly sites: WatchedSite[]
  private readonly reentries = new Map<string, number>()
  private readonly finallyBlocks = new Set<string>()
  private readonly factory: TS.NodeFactory

  constructor(
    private readonly ts: typeof TS,
    private readonly context: TS.TransformationContext,
    private readonly ir: ModuleIR,
    code: string,
  ) {
    this.factory = context.factory
    this.sites = watchedSites(ir)
    this.sites.forEach((site, i) => this.watched.set(key(site.returned), i))
    for (const fn of ir.functions) {
      this.functions.set(key(fn), fn)
      const numbers = statementNumbers(code, fn)
      this.numbers.set(fn, numbers)
      fn.probes.forEach((probe: Probe, i) => {
        this.probes.set(key(probe), { index: i + 1, write: numbers.writes[i] })
        // Without a variable (one statement at most) a loop's test has nothing to set.
        if (numbers.fixed === null) for (const reentry of probe.reentries) this.reentries.set(key(reentry), i + 1)
      })
      for (const block of fn.finallyBlocks) this.finallyBlocks.add(key(block))
    }
    for (const decorator of ir.decorators) this.decorators.add(decorator.pos)
  }

  weave(sourceFile: TS.SourceFile): TS.SourceFile {
    const ts = this.ts
    const f = this.factory
    const statements = ts.visitNodes(sourceFile.statements, this.visit, ts.isStatement)
    let directives = 0
    while (directives < statements.length && isDirective(ts, statements[directives])) directives++
    const header = [
      f.createImportDeclaration(
        undefined,
        f.createImportClause(undefined as unknown as boolean, undefined, f.createNamespaceImport(f.createIdentifier(RUNTIME.namespace))),
        f.createStringLiteral(RUNTIME.module),
      ),
      this.moduleVariable(RUNTIME.table, 'table', [f.createStringLiteral(renderTable(this.ir))]),
    ]
    if (this.sites.length > 0) {
      const pairs = this.sites.map((site) => f.createArrayLiteralExpression([f.createNumericLiteral(site.fn), f.createNumericLiteral(site.statement)]))
      header.push(this.moduleVariable(RUNTIME.watchers, 'watchers', [f.createIdentifier(RUNTIME.table), f.createArrayLiteralExpression(pairs)]))
    }
    return f.updateSourceFile(sourceFile, [...statements.slice(0, directives), ...header, ...statements.slice(directives)])
  }

  private readonly visit = (node: TS.Node): TS.VisitResult<TS.Node | undefined> => {
    const ts = this.ts
    if (ts.isDecorator(node) && this.decorators.has(node.pos)) return undefined
    const owner = node.parent && this.functions.get(key(node.parent))
    if (owner && (node.parent as TS.FunctionLikeDeclaration).body === node) return this.weaveBody(node as TS.ConciseBody, owner)
    let visited = ts.visitEachChild(node, this.visit, this.context)
    const site = ts.isReturnStatement(node) && node.expression ? this.watched.get(key(node.expression)) : undefined
    if (site !== undefined && ts.isReturnStatement(visited) && visited.expression) {
      visited = this.factory.updateReturnStatement(visited, this.watch(visited.expression, site))
    }
    if (ts.isBlock(node) && this.finallyBlocks.has(key(node)) && ts.isBlock(visited)) visited = this.keepStatementAcross(visited)
    const reentry = ts.isExpression(node) ? this.reentries.get(key(node)) : undefined
    if (reentry !== undefined) {
      return this.factory.createParenthesizedExpression(this.factory.createComma(this.assignStatement(reentry), visited as TS.Expression))
    }
    const probe = ts.isStatement(node) ? this.probes.get(key(node)) : undefined
    if (probe === undefined || probe.write === 'declared') return visited
    const statement = this.factory.createIdentifier(RUNTIME.statement)
    const write = probe.write === 'step' ? this.factory.createPostfixIncrement(statement) : this.assignStatement(probe.index)
    return [this.factory.createExpressionStatement(write), visited]
  }

  private weaveBody(body: TS.ConciseBody, fn: WovenFunction): TS.Block {
    const ts = this.ts
    const f = this.factory
    if (!ts.isBlock(body)) {
      const visited = ts.visitEachChild(body, this.visit, this.context)
      const site = this.watched.get(key(body))
      const expression = site !== undefined ? this.watch(visited, site) : visited
      return f.createBlock([f.createTryStatement(f.createBlock([f.createReturnStatement(expression)]), this.catchClause(fn, f.createNumericLiteral(1)), undefined)], true)
    }
    const visited = ts.visitEachChild(body, this.visit, this.context)
    const kept = fn.body.kind === 'block' ? fn.body.keptStatements : 0
    const { fixed } = this.numbers.get(fn)!
    const statement = f.createIdentifier(RUNTIME.statement)
    const rest = visited.statements.slice(kept)
    const hoistedKeys = new Set(fn.body.kind === 'block' ? fn.body.hoisted.map(key) : [])
    const isHoisted = (statement: TS.Statement) => ts.isFunctionDeclaration(statement) && hoistedKeys.has(key(ts.getOriginalNode(statement)))
    // Some function declarations must stay function-scoped (see hoistedDeclarations).
    return f.updateBlock(visited, [
      ...visited.statements.slice(0, kept),
      ...rest.filter(isHoisted),
      ...(fixed === null
        ? [f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(statement, undefined, undefined, f.createNumericLiteral(1))], ts.NodeFlags.Let))]
        : []),
      f.createTryStatement(
        f.createBlock(rest.filter((statement) => !isHoisted(statement)), true),
        this.catchClause(fn, fixed === null ? f.createIdentifier(RUNTIME.statement) : f.createNumericLiteral(fixed)),
        undefined,
      ),
    ])
  }

  private catchClause(fn: WovenFunction, statement: TS.Expression): TS.CatchClause {
    const f = this.factory
    const error = () => f.createIdentifier(RUNTIME.error)
    const capture = f.createCallExpression(this.runtimeMember('capture'), undefined, [
      error(),
      f.createIdentifier(RUNTIME.table),
      f.createNumericLiteral(fn.index),
      statement,
    ])
    return f.createCatchClause(RUNTIME.error, f.createBlock([f.createExpressionStatement(capture), f.createThrowStatement(error())], true))
  }

  private watch(expression: TS.Expression, site: number): TS.Expression {
    const f = this.factory
    return f.createCallExpression(this.runtimeMember('watch'), undefined, [expression, f.createIdentifier(RUNTIME.watchers), f.createNumericLiteral(site)])
  }

  /** `var <name> = __ew.<factory>(...args)` at the top of the module. */
  private moduleVariable(name: string, factory: 'table' | 'watchers', args: TS.Expression[]): TS.VariableStatement {
    const f = this.factory
    return f.createVariableStatement(
      undefined,
      f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, f.createCallExpression(this.runtimeMember(factory), undefined, args))]),
    )
  }

  /** A finally block restores the probe, so an error passing through keeps its statement. */
  private keepStatementAcross(block: TS.Block): TS.Block {
    const f = this.factory
    const saved = f.createVariableStatement(
      undefined,
      f.createVariableDeclarationList(
        [f.createVariableDeclaration(RUNTIME.savedStatement, undefined, undefined, f.createIdentifier(RUNTIME.statement))],
        this.ts.NodeFlags.Const,
      ),
    )
    const restore = f.createExpressionStatement(f.createAssignment(f.createIdentifier(RUNTIME.statement), f.createIdentifier(RUNTIME.savedStatement)))
    return f.updateBlock(block, [saved, ...block.statements, restore])
  }

  private assignStatement(index: number): TS.Expression {
    const f = this.factory
    return f.createAssignment(f.createIdentifier(RUNTIME.statement), f.createNumericLiteral(index))
  }

  private runtimeMember(name: 'capture' | 'table' | 'watch' | 'watchers'): TS.Expression {
    return this.factory.createPropertyAccessExpression(this.factory.createIdentifier(RUNTIME.namespace), name)
  }
}

function isDirective(ts: typeof TS, statement: TS.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)
}
