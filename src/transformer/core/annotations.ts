import type { MonitorOptions, SeverityName } from './ir.js'
import type { Node, SyntaxFile } from './syntax.js'

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
 * `offsetBase` maps positions in `file` back to the original text.
 */
export function readOptions(args: readonly Node[], offsetBase: number, file: SyntaxFile): MonitorOptions | AnnotationProblem {
  const at = (node: Node) => offsetBase + node.start
  if (args.length === 0) return {}
  if (args.length > 1) return new AnnotationProblem(at(args[1]), `@ErrorMonitor takes one options object; ${EXPECTED_FORM}`)
  const object = args[0]
  if (object.type !== 'ObjectExpression') {
    return new AnnotationProblem(at(object), `@ErrorMonitor options must be an object literal; ${EXPECTED_FORM}`)
  }
  const options: MonitorOptions = {}
  for (const property of object.properties as Node[]) {
    const key = property.type === 'Property' && property.kind === 'init' && !property.method && !property.shorthand && !property.computed ? keyName(property.key) : undefined
    if (key === undefined) {
      return new AnnotationProblem(at(property), `@ErrorMonitor options must be plain 'key: literal' pairs; ${EXPECTED_FORM}`)
    }
    const value: Node = property.value
    const wrong = (what: string) =>
      new AnnotationProblem(at(value), `@ErrorMonitor option '${key}' must be ${what}, got '${file.textOf(value)}'; ${EXPECTED_FORM}`)
    switch (key) {
      case 'severity': {
        const severity = severityOf(value)
        if (!severity) return wrong("'ERROR', 'WARN', 'INFO' or Severity.ERROR/WARN/INFO")
        options.severity = severity
        break
      }
      case 'comment': {
        const comment = stringOf(value)
        if (comment === undefined) return wrong('a string literal')
        options.comment = comment
        break
      }
      case 'enableFuturePrediction':
        if (value.type !== 'Literal' || typeof value.value !== 'boolean') return wrong('true or false')
        options.enableFuturePrediction = value.value
        break
      default:
        return new AnnotationProblem(at(property), `@ErrorMonitor has no option '${key}'; ${EXPECTED_FORM}`)
    }
  }
  return options
}

function keyName(key: Node): string | undefined {
  if (key.type === 'Identifier') return key.name
  return key.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined
}

/** A string literal or a template without substitutions. */
function stringOf(value: Node): string | undefined {
  if (value.type === 'Literal' && typeof value.value === 'string') return value.value
  return value.type === 'TemplateLiteral' && value.expressions.length === 0 ? value.quasis[0].value.cooked : undefined
}

function severityOf(value: Node): SeverityName | undefined {
  let name = stringOf(value)
  if (value.type === 'MemberExpression' && !value.computed && value.object.type === 'Identifier' && value.object.name === 'Severity') {
    name = value.property.name
  }
  return SEVERITIES.find((severity) => severity === name)
}

const JSDOC_TAG = /@(ErrorMonitor|NoErrorMonitor)\b/

/**
 * Finds `@ErrorMonitor(...)` or `@NoErrorMonitor` in the last JSDoc comment between
 * `pos` and the next token. The argument text is parsed on its own; its offsets point into the comment.
 */
export function readJsDocAnnotation(file: SyntaxFile, pos: number): Annotation | AnnotationProblem | undefined {
  const text = file.text
  const jsdoc = file.commentsFrom(pos).filter((comment) => text.startsWith('/**', comment.start)).pop()
  if (!jsdoc) return undefined
  const comment = text.slice(jsdoc.start, jsdoc.end)
  const match = JSDOC_TAG.exec(comment)
  if (!match) return undefined
  if (match[1] === 'NoErrorMonitor') return { kind: 'exclude' }
  const afterTag = jsdoc.start + match.index + match[0].length
  const open = text.slice(afterTag, jsdoc.end).search(/\S/)
  if (open < 0 || text[afterTag + open] !== '(') return { kind: 'monitor', options: {} }
  const argsStart = afterTag + open
  const close = matchingParen(text, argsStart, jsdoc.end)
  if (close < 0) return new AnnotationProblem(argsStart, `@ErrorMonitor( is not closed; ${EXPECTED_FORM}`)
  // Continuation lines of a JSDoc comment start with '*': blank them, keeping offsets.
  const argsText = text.slice(argsStart, close + 1).replace(/(\n[ \t]*)\*/g, '$1 ')
  const parsed = file.parseSnippet(`0${argsText}`)
  const statement: Node | undefined = parsed?.program.body[0]
  const call: Node | undefined = statement?.type === 'ExpressionStatement' ? statement.expression : undefined
  if (!parsed || call?.type !== 'CallExpression' || parsed.program.body.length !== 1) {
    return new AnnotationProblem(argsStart, `@ErrorMonitor options do not parse; ${EXPECTED_FORM}`)
  }
  const options = readOptions(call.arguments, argsStart - 1, parsed)
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
