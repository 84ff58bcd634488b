import type TS from 'typescript'
import type { MonitorOptions, SeverityName } from './ir.js'

export const EXPECTED_FORM =
  "expected @ErrorMonitor or @ErrorMonitor({ severity?: 'ERROR' | 'WARN' | 'INFO' | Severity.ERROR | Severity.WARN | Severity.INFO, comment?: 'literal text', enableFuturePrediction?: true | false })"

const SEVERITIES: readonly SeverityName[] = ['ERROR', 'WARN', 'INFO']

export type Annotation = { kind: 'monitor'; options: MonitorOptions } | { kind: 'exclude' }

/** Where an options problem is: an offset in the original text. */
export class AnnotationProblem {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/**
 * Reads the options object of `@ErrorMonitor(...)`. Options are compile-time
 * literals, so anything computed is refused with the expected form.
 * `offsetBase` maps positions in `expr` back to the original text.
 */
export function readOptions(
  ts: typeof TS,
  args: readonly TS.Expression[],
  offsetBase: number,
  sourceFile: TS.SourceFile,
): MonitorOptions | AnnotationProblem {
  const at = (node: TS.Node) => offsetBase + node.getStart(sourceFile)
  if (args.length === 0) return {}
  if (args.length > 1) return new AnnotationProblem(at(args[1]), `@ErrorMonitor takes one options object; ${EXPECTED_FORM}`)
  const object = args[0]
  if (!ts.isObjectLiteralExpression(object)) {
    return new AnnotationProblem(at(object), `@ErrorMonitor options must be an object literal; ${EXPECTED_FORM}`)
  }
  const options: MonitorOptions = {}
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
      return new AnnotationProblem(at(property), `@ErrorMonitor options must be plain 'key: literal' pairs; ${EXPECTED_FORM}`)
    }
    const key = property.name.text
    const value = property.initializer
    const wrong = (what: string) =>
      new AnnotationProblem(at(value), `@ErrorMonitor option '${key}' must be ${what}, got '${value.getText(sourceFile)}'; ${EXPECTED_FORM}`)
    switch (key) {
      case 'severity': {
        const severity = severityOf(ts, value)
        if (!severity) return wrong("'ERROR', 'WARN', 'INFO' or Severity.ERROR/WARN/INFO")
        options.severity = severity
        break
      }
      case 'comment':
        if (!ts.isStringLiteral(value) && !ts.isNoSubstitutionTemplateLiteral(value)) return wrong('a string literal')
        options.comment = value.text
        break
      case 'enableFuturePrediction':
        if (value.kind === ts.SyntaxKind.TrueKeyword) options.enableFuturePrediction = true
        else if (value.kind === ts.SyntaxKind.FalseKeyword) options.enableFuturePrediction = false
        else return wrong('true or false')
        break
      default:
        return new AnnotationProblem(at(property), `@ErrorMonitor has no option '${key}'; ${EXPECTED_FORM}`)
    }
  }
  return options
}

function severityOf(ts: typeof TS, value: TS.Expression): SeverityName | undefined {
  let name: string | undefined
  if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) name = value.text
  else if (ts.isPropertyAccessExpression(value) && ts.isIdentifier(value.expression) && value.expression.text === 'Severity') {
    name = value.name.text
  }
  return SEVERITIES.find((severity) => severity === name)
}

const JSDOC_TAG = /@(ErrorMonitor|NoErrorMonitor)\b/

/**
 * Finds `@ErrorMonitor(...)` or `@NoErrorMonitor` in the last JSDoc comment before
 * `pos`. The argument text is parsed on its own; its offsets point into the comment.
 */
export function readJsDocAnnotation(
  ts: typeof TS,
  text: string,
  pos: number,
  fileName: string,
): Annotation | AnnotationProblem | undefined {
  // Comments on the same line as `pos` count as "trailing" for TypeScript: read both kinds.
  const comments = [...(ts.getTrailingCommentRanges(text, pos) ?? []), ...(ts.getLeadingCommentRanges(text, pos) ?? [])]
  const jsdoc = comments.filter((range) => text.startsWith('/**', range.pos)).pop()
  if (!jsdoc) return undefined
  const comment = text.slice(jsdoc.pos, jsdoc.end)
  const match = JSDOC_TAG.exec(comment)
  if (!match) return undefined
  if (match[1] === 'NoErrorMonitor') return { kind: 'exclude' }
  const afterTag = jsdoc.pos + match.index + match[0].length
  const open = text.slice(afterTag, jsdoc.end).search(/\S/)
  if (open < 0 || text[afterTag + open] !== '(') return { kind: 'monitor', options: {} }
  const argsStart = afterTag + open
  const close = matchingParen(text, argsStart, jsdoc.end)
  if (close < 0) return new AnnotationProblem(argsStart, `@ErrorMonitor( is not closed; ${EXPECTED_FORM}`)
  // Continuation lines of a JSDoc comment start with '*': blank them, keeping offsets.
  const argsText = text.slice(argsStart, close + 1).replace(/(\n[ \t]*)\*/g, '$1 ')
  const parsed = ts.createSourceFile(fileName + '.annotation.ts', `0${argsText}`, ts.ScriptTarget.Latest, true)
  const statement = parsed.statements[0]
  const call = statement && ts.isExpressionStatement(statement) ? statement.expression : undefined
  if (!call || !ts.isCallExpression(call) || parsedHasErrors(parsed)) {
    return new AnnotationProblem(argsStart, `@ErrorMonitor options do not parse; ${EXPECTED_FORM}`)
  }
  const options = readOptions(ts, call.arguments, argsStart - 1, parsed)
  return options instanceof AnnotationProblem ? options : { kind: 'monitor', options }
}

function matchingParen(text: string, open: number, limit: number): number {
  let depth = 0
  let quote = ''
  for (let i = open; i < limit; i++) {
    const char = text[i]
    if (quote) {
      if (char === '\\') i++
      else if (char === quote) quote = ''
    } else if (char === '"' || char === "'" || char === '`') quote = char
    else if (char === '(') depth++
    else if (char === ')' && --depth === 0) return i
  }
  return -1
}

export function parsedHasErrors(sourceFile: TS.SourceFile): boolean {
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics
  return !!diagnostics && diagnostics.length > 0
}
