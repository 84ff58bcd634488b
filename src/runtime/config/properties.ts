export interface PropertyEntry {
  key: string
  value: string
  line: number
}

export interface PropertyProblem {
  line: number
  message: string
}

/**
 * Java `.properties` syntax (comments `#`/`!`, separators `=`, `:` or blanks,
 * backslash continuations and escapes) plus what the seed files do: a value ends at
 * an unescaped `#` that follows a blank, so `enabled=true   # comment` means `true`.
 */
export function parseProperties(text: string): { entries: PropertyEntry[]; problems: PropertyProblem[] } {
  const entries: PropertyEntry[] = []
  const problems: PropertyProblem[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  for (let index = 0; index < lines.length; index++) {
    const firstLine = index + 1
    let logical = lines[index].replace(/^[ \t\f]+/, '')
    if (logical === '' || logical[0] === '#' || logical[0] === '!') continue
    while (endsWithContinuation(logical) && index + 1 < lines.length) {
      logical = logical.slice(0, -1) + lines[++index].replace(/^[ \t\f]+/, '')
    }
    if (endsWithContinuation(logical)) logical = logical.slice(0, -1)
    try {
      const entry = splitEntry(logical)
      if (entry.key === '') problems.push({ line: firstLine, message: 'no key before the separator' })
      else entries.push({ ...entry, line: firstLine })
    } catch (error) {
      problems.push({ line: firstLine, message: (error as Error).message })
    }
  }
  return { entries, problems }
}

function endsWithContinuation(line: string): boolean {
  const slashes = /\\*$/.exec(line)![0].length
  return slashes % 2 === 1
}

function splitEntry(line: string): { key: string; value: string } {
  let position = 0
  let key = ''
  while (position < line.length) {
    const char = line[position]
    if (char === '\\') {
      const [text, next] = unescape(line, position)
      key += text
      position = next
      continue
    }
    if (char === '=' || char === ':' || char === ' ' || char === '\t' || char === '\f') break
    key += char
    position++
  }
  while (position < line.length && /[ \t\f]/.test(line[position])) position++
  if (line[position] === '=' || line[position] === ':') position++
  while (position < line.length && /[ \t\f]/.test(line[position])) position++
  let value = ''
  while (position < line.length) {
    const char = line[position]
    if (char === '#' && position > 0 && /[ \t\f]/.test(line[position - 1])) break
    if (char === '\\') {
      const [text, next] = unescape(line, position)
      value += text
      position = next
      continue
    }
    value += char
    position++
  }
  return { key, value: value.replace(/[ \t\f]+$/, '') }
}

const SIMPLE_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' }

/** The text of the escape at `position` (a backslash) and the index after it. */
function unescape(line: string, position: number): [string, number] {
  const next = line[position + 1]
  if (next === undefined) return ['', position + 1]
  if (next === 'u') {
    const hex = line.slice(position + 2, position + 6)
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Error(`malformed \\u escape "\\u${hex}" (four hex digits expected)`)
    return [String.fromCharCode(parseInt(hex, 16)), position + 6]
  }
  return [SIMPLE_ESCAPES[next] ?? next, position + 2]
}
