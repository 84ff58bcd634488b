/**
 * The parsed file the analysis reads: oxc-parser's ESTree (TypeScript flavour) with
 * what the analysis needs beside it: child order, comments, line starts. Offsets are
 * UTF-16, as in the source string.
 */

/** An ESTree node as oxc-parser gives it; fields are read by node type. */
export type Node = { type: string; start: number; end: number; [field: string]: any }

/** Parents of the nodes the analysis walked: the flow of a body goes up through them. */
export type Parents = Map<Node, Node>

export interface Comment {
  type: 'Line' | 'Block'
  start: number
  end: number
}

/** Fields that hold types only: no statement or call lives there. */
const TYPE_FIELDS = new Set(['typeAnnotation', 'typeParameters', 'typeArguments', 'returnType', 'superTypeArguments', 'implements'])

export type ChildFields = Readonly<Record<string, readonly string[]>>

/** oxc's visitor keys without the fields that hold types: made once per process, not per file. */
export function childFieldsOf(visitorKeys: Readonly<Record<string, readonly string[]>>): ChildFields {
  return Object.fromEntries(Object.entries(visitorKeys).map(([type, fields]) => [type, fields.filter((field) => !TYPE_FIELDS.has(field))]))
}

export class SyntaxFile {
  private readonly lineStarts: number[]
  /** Comment (and hashbang) start by end offset: trivia is read backwards through them. */
  private readonly commentStartByEnd = new Map<number, number>()
  private marks: TextMarks | undefined

  constructor(
    readonly text: string,
    readonly program: Node,
    readonly comments: readonly Comment[],
    /** Per node type, the fields that hold its children (see childFieldsOf). */
    private readonly childFields: ChildFields,
    /** Parses a snippet on its own (annotation options in a JSDoc comment); undefined on a syntax error. */
    readonly parseSnippet: (code: string) => SyntaxFile | undefined,
  ) {
    this.lineStarts = lineStartsOf(text)
    for (const comment of comments) this.commentStartByEnd.set(comment.end, comment.start)
    if (program.hashbang) this.commentStartByEnd.set(program.hashbang.end, program.hashbang.start)
  }

  /**
   * Calls `visit` on each child in source order, types left out. A callback, not an array:
   * the analysis walks every node, and an array per node was a tenth of its time.
   */
  forEachChild(node: Node, visit: (child: Node, parent: Node) => void): void {
    const fields = this.childFields[node.type]
    if (fields === undefined) return
    for (let i = 0; i < fields.length; i++) {
      const value = node[fields[i]]
      if (!value) continue
      if (Array.isArray(value)) {
        for (let j = 0; j < value.length; j++) if (value[j]) visit(value[j], node)
      } else visit(value, node)
    }
  }

  /** The end of the token before `start`: where the node's leading trivia (JSDoc included) begins. */
  fullStart(start: number): number {
    const text = this.text
    let at = start
    for (;;) {
      const comment = this.commentStartByEnd.get(at)
      if (comment !== undefined) at = comment
      else if (at > 0 && isTrivia(text.charCodeAt(at - 1))) at--
      else return at
    }
  }

  /** Comments between `pos` and the next token, in order. */
  commentsFrom(pos: number): Comment[] {
    const found: Comment[] = []
    let low = 0
    let high = this.comments.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (this.comments[middle].start < pos) low = middle + 1
      else high = middle
    }
    let at = pos
    for (let i = low; i < this.comments.length; i++) {
      const comment = this.comments[i]
      WHITESPACE.lastIndex = at
      WHITESPACE.test(this.text)
      if (WHITESPACE.lastIndex < comment.start) break
      found.push(comment)
      at = comment.end
    }
    return found
  }

  /**
   * Whether a node may hold a function, class or decorator: each has a `{`, `=>` or `@` in
   * its text. Most expressions have none, so the analysis skips them (on hono, 64% of the nodes).
   */
  mayHoldScope(node: Node): boolean {
    return hasOffsetIn((this.marks ??= marksOf(this.text)).scopes, node.start, node.end)
  }

  /** Whether a node may hold a call or a `yield`: each has a `(`, a backquote, `new` or `yield` in its text. */
  mayHoldCall(node: Node): boolean {
    return hasOffsetIn((this.marks ??= marksOf(this.text)).calls, node.start, node.end)
  }

  textOf(node: Node): string {
    return this.text.slice(node.start, node.end)
  }

  lineColumn(offset: number): { line: number; column: number } {
    let low = 0
    let high = this.lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.lineStarts[middle] <= offset) low = middle
      else high = middle - 1
    }
    return { line: low + 1, column: offset - this.lineStarts[low] + 1 }
  }
}

interface TextMarks {
  scopes: Int32Array
  calls: Int32Array
}

/**
 * Where the tokens of mayHoldScope and mayHoldCall are, strings and comments included (a
 * false mark only costs a visit). Found by indexOf, not a loop over every character: the
 * first files of a build run before the JIT has compiled anything, and there the loop took
 * 11 ms of a 280 ms analysis of hono.
 */
function marksOf(text: string): TextMarks {
  return { scopes: offsetsOf(text, ['{', '=>', '@']), calls: offsetsOf(text, ['(', '`', 'new', 'yield']) }
}

function offsetsOf(text: string, tokens: readonly string[]): Int32Array {
  const offsets: number[] = []
  for (const token of tokens) {
    for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) offsets.push(at)
  }
  // A typed array sorts numerically, natively; made from the array directly, not through its iterator (Int32Array.from).
  return new Int32Array(offsets).sort()
}

/** Whether sorted `offsets` hold one in [start, end). */
export function hasOffsetIn(offsets: ArrayLike<number>, start: number, end: number): boolean {
  let low = 0
  let high = offsets.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (offsets[middle] < start) low = middle + 1
    else high = middle
  }
  return low < offsets.length && offsets[low] < end
}

/** Sticky: skips the whitespace at its lastIndex, in place, without slicing the text. */
const WHITESPACE = /\s*/y

/** Whitespace and line breaks, as TypeScript's scanner skips them between tokens. */
function isTrivia(code: number): boolean {
  return (
    code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0b || code === 0x0c ||
    code === 0xa0 || code === 0xfeff || code === 0x1680 || (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0x85
  )
}

/** Line starts as TypeScript counts them: \n, \r, \r\n, U+2028 and U+2029 end a line. */
function lineStartsOf(text: string): number[] {
  const starts = [0]
  // Most files end lines with \n alone: indexOf finds them several times faster than a loop over every character.
  if (!/[\r\u2028\u2029]/.test(text)) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1)
    return starts
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++
    if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) starts.push(i + 1)
  }
  return starts
}

export const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'TSDeclareFunction', 'TSEmptyBodyFunctionExpression'])
export const CLASS_TYPES = new Set(['ClassDeclaration', 'ClassExpression'])
export const LOOP_TYPES = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement'])

/** A member written as a method (`m() {}`, `get x() {}`): its own scope, like a function. */
export function isMethodLike(node: Node): boolean {
  return node.type === 'MethodDefinition' || node.type === 'TSAbstractMethodDefinition' || (node.type === 'Property' && (node.method || node.kind !== 'init'))
}

const SCOPE_TYPES = new Set([...FUNCTION_TYPES, ...CLASS_TYPES, 'MethodDefinition', 'TSAbstractMethodDefinition'])

/** Where the calls of a function's body stop: nested functions and classes are their own. */
export function isOwnScope(node: Node): boolean {
  return SCOPE_TYPES.has(node.type) || (node.type === 'Property' && (node.method || node.kind !== 'init'))
}

export function isStatement(node: Node): boolean {
  const type: string = node.type
  return type.endsWith('Statement') || type.endsWith('Declaration') || type === 'TSDeclareFunction'
}

/** `a?.b.c()`: a call or access that is part of an optional chain, from its `?.` on. */
export function isOptionalChain(node: Node): boolean {
  for (let at: Node | undefined = node; at; ) {
    if (at.type === 'CallExpression') {
      if (at.optional) return true
      at = at.callee
    } else if (at.type === 'MemberExpression') {
      if (at.optional) return true
      at = at.object
    } else if (at.type === 'TSNonNullExpression' && at !== node) at = at.expression
    else return false
  }
  return false
}

/** A string-literal expression statement: `'use strict'`. */
export function isDirective(statement: Node): boolean {
  return statement.type === 'ExpressionStatement' && statement.expression.type === 'Literal' && typeof statement.expression.value === 'string'
}

/** What the future-call table lists as a call: `import(x)` is one, as in TypeScript's tree. */
export function isCall(node: Node): boolean {
  return node.type === 'CallExpression' || node.type === 'NewExpression' || node.type === 'TaggedTemplateExpression' || node.type === 'ImportExpression'
}
