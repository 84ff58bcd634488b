/**
 * A cheap pass before the parse for builds that weave annotated functions only: the
 * contents of blocks (function and class bodies, object literals) that hold no
 * annotation and belong to no annotated declaration are blanked, newlines kept, so
 * TypeScript parses a fraction of the file while every offset, line and column stays
 * the same. It only has to be safe, not complete: weave-file.ts parses the whole text
 * again when a skimmed parse has an error or a woven function overlaps a blanked range.
 */

export interface Skimmed {
  text: string
  /** [start, end) offsets whose text was blanked. */
  blanked: Array<[number, number]>
}

interface Block {
  open: number
  close: number
  /** How many blocks enclose it, with no parenthesis or bracket in between. */
  depth: number
  /** The significant token before `{`: `import {`, `export {` lists must stay. */
  before: string
  /** The first significant token after `}` and whether a line break comes before it. */
  after?: string
  lineBreakAfter?: boolean
}

// After these a `/` starts a regular expression; after any other word it divides.
const KEYWORDS_BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await'])
// A token that continues the declaration before it, so a block ending the line is not yet its end.
const CONTINUATIONS = new Set([')', ',', '=', ':', '|', '&', '>', '.', '[', '(', '?', '{', '+', '-', '*', '/', '%', '!', '~', '<', '^', '`', 'extends', 'implements', 'as', 'satisfies', 'instanceof', 'in', 'of', 'keyof'])
const KEPT_LISTS = new Set(['import', 'export', 'type', ','])
// Keywords whose parenthesis is followed by a statement; CONDITION marks such a parenthesis.
const CONDITIONS = new Set(['if', 'while', 'for', 'with'])
const CONDITION = ')condition'
const WORD = /[\w$\u0080-\uffff]+/y
const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' }

/** For TypeScript without JSX; `undefined` when there is nothing to blank or the lexer loses its way. */
export function skim(code: string, mentionNames: readonly string[]): Skimmed | undefined {
  const blocks = blocksOf(code)
  if (!blocks) return undefined
  const mentions = mentionOffsets(code, mentionNames)
  const mentionIn = (from: number, to: number) => mentions.some((at) => at >= from && at < to)
  const blanked: Array<[number, number]> = []
  /** Blocks side by side in one enclosing block (or the file): blank, keep, or look inside. */
  const visit = (siblings: Block[], gapStart: number): void => {
    let claiming = false
    for (const block of siblings) {
      // An annotation between two blocks is on the declaration that follows: it keeps every block up to that declaration's end.
      if (mentionIn(gapStart, block.open)) claiming = true
      if (mentionIn(block.open, block.close) && !claiming) {
        visit(blocks.filter((inner) => inner.depth === block.depth + 1 && inner.open > block.open && inner.close < block.close), block.open + 1)
      } else if (!claiming && !KEPT_LISTS.has(block.before)) {
        blanked.push([block.open + 1, block.close])
      }
      if (claiming && endsDeclaration(block)) claiming = false
      gapStart = block.close + 1
    }
  }
  visit(blocks.filter((block) => block.depth === 0), 0)
  if (blanked.length === 0) return undefined
  blanked.sort((a, b) => a[0] - b[0])
  return { text: blank(code, blanked), blanked }
}

function endsDeclaration(block: Block): boolean {
  return block.after === undefined || block.after === ';' || (!!block.lineBreakAfter && !CONTINUATIONS.has(block.after))
}

function mentionOffsets(code: string, names: readonly string[]): number[] {
  const offsets: number[] = []
  for (const name of names) for (let at = code.indexOf(name); at >= 0; at = code.indexOf(name, at + 1)) offsets.push(at)
  return offsets
}

function blank(code: string, ranges: Array<[number, number]>): string {
  let text = ''
  let from = 0
  for (const [start, end] of ranges) {
    text += code.slice(from, start) + code.slice(start, end).replace(/[^\n\r\u2028\u2029]+/g, (run) => ' '.repeat(run.length))
    from = end
  }
  return text + code.slice(from)
}

/**
 * The `{...}` blocks outside any parenthesis or bracket, in the order they open, found by
 * a lexer that knows comments, strings, template literals and regular expressions;
 * `undefined` where it loses its way.
 */
function blocksOf(code: string): Block[] | undefined {
  const blocks: Block[] = []
  // Open brackets; '${' marks a template literal's substitution.
  const open: string[] = []
  // The recorded blocks still open, innermost last.
  const openBlocks: Block[] = []
  let previous = ''
  let lineBreak = false
  let endedBlock: Block | undefined
  const significant = (token: string) => {
    if (endedBlock) {
      endedBlock.after = token
      endedBlock.lineBreakAfter = lineBreak
      endedBlock = undefined
    }
    previous = token
    lineBreak = false
  }
  // A hashbang line is no JavaScript: skipped.
  let i = code.startsWith('#!') ? Math.max(code.indexOf('\n'), 0) : 0
  while (i < code.length) {
    const c = code[i]
    if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') {
      lineBreak = true
      i++
    } else if (c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\ufeff' || c === '\u00a0') {
      i++
    } else if (c === '/' && code[i + 1] === '/') {
      const end = code.indexOf('\n', i)
      i = end < 0 ? code.length : end
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2)
      if (end < 0) return undefined
      if (/[\n\r\u2028\u2029]/.test(code.slice(i, end))) lineBreak = true
      i = end + 2
    } else if (c === '"' || c === "'") {
      i = skipString(code, i)
      if (i < 0) return undefined
      significant('string')
    } else if (c === '`') {
      i = skipTemplate(code, i + 1)
      if (i < 0) return undefined
      if (code[i - 1] === '{') open.push('${')
      significant('`')
    } else if (c === '/' && startsRegExp(previous)) {
      i = skipRegExp(code, i)
      if (i < 0) return undefined
      significant('regexp')
    } else if (c === '(' || c === '[' || c === '{') {
      if (c === '{' && open.every((bracket) => bracket === '{')) {
        const block = { open: i, close: -1, depth: open.length, before: previous }
        blocks.push(block)
        openBlocks.push(block)
      }
      // After `if (...)` and the like a statement starts, so a `/` there begins a regular expression.
      const opener = c === '(' && CONDITIONS.has(previous) ? CONDITION : c
      significant(c)
      open.push(opener)
      i++
    } else if (c === ')' || c === ']' || c === '}') {
      const opener = open.pop()
      if (c === '}' && opener === '${') {
        // Back inside the template literal.
        i = skipTemplate(code, i + 1)
        if (i < 0) return undefined
        if (code[i - 1] === '{') open.push('${')
        significant('`')
        continue
      }
      if (opener !== CLOSING[c] && !(c === ')' && opener === CONDITION)) return undefined
      significant(opener === CONDITION ? CONDITION : c)
      if (c === '}' && openBlocks.length > 0 && openBlocks[openBlocks.length - 1].depth === open.length) {
        endedBlock = openBlocks.pop()!
        endedBlock.close = i
      }
      i++
    } else {
      WORD.lastIndex = i
      const word = WORD.exec(code)
      if (word) {
        significant(word[0])
        i += word[0].length
      } else {
        // A `!` right after a value is TypeScript's non-null assertion: a `/` after it divides.
        const nonNull = c === '!' && !startsRegExp(previous) && !/\s/.test(code[i - 1])
        significant(nonNull ? ')' : c)
        i++
      }
    }
  }
  return open.length === 0 ? blocks : undefined
}

function startsRegExp(previous: string): boolean {
  if (previous === '' || previous === 'regexp') return true
  if (previous === ')' || previous === ']' || previous === '}' || previous === 'string' || previous === '`') return false
  if (/^[\w$\u0080-\uffff]/.test(previous)) return KEYWORDS_BEFORE_EXPRESSION.has(previous)
  return true
}

/** Offset after the closing quote, or -1. */
function skipString(code: string, start: number): number {
  const quote = code[start]
  for (let i = start + 1; i < code.length; i++) {
    const c = code[i]
    if (c === '\\') i++
    else if (c === quote) return i + 1
    else if (c === '\n') return -1
  }
  return -1
}

/** From inside a template literal: offset after its closing backtick or after a `${`; -1 if unterminated. */
function skipTemplate(code: string, from: number): number {
  for (let i = from; i < code.length; i++) {
    const c = code[i]
    if (c === '\\') i++
    else if (c === '`') return i + 1
    else if (c === '$' && code[i + 1] === '{') return i + 2
  }
  return -1
}

/** Offset after a regular expression literal and its flags, or -1. */
function skipRegExp(code: string, start: number): number {
  let inClass = false
  for (let i = start + 1; i < code.length; i++) {
    const c = code[i]
    if (c === '\\') i++
    else if (c === '\n') return -1
    else if (c === '[') inClass = true
    else if (c === ']') inClass = false
    else if (c === '/' && !inClass) {
      WORD.lastIndex = i + 1
      return i + 1 + (WORD.exec(code)?.[0].length ?? 0)
    }
  }
  return -1
}
