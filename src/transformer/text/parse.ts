import { SyntaxFile, childFieldsOf, type ChildFields, type Comment, type Node } from '../core/syntax.js'
import { loadParseOverJson, loadParseOverRaw, loadParser, rawTransferWorks } from './load-parser.js'

export interface ParseOptions {
  /**
   * oxc's raw transfer (64-bit Node; not Bun): the AST is read from shared memory instead of
   * JSON. Default: see usesRawTransfer.
   */
  rawTransfer?: boolean
}

/**
 * Raw transfer reads the tree with oxc's deserializer, JavaScript that a first build runs
 * uncompiled, and loading it costs the first file ~6 ms; JSON ends in JSON.parse, which is native.
 * A TypeScript tree is 16-21 bytes of JSON per byte of source (JavaScript's 10): a cold pass over
 * a 500-file TypeScript project parses in ~115 ms over raw transfer against ~210 over JSON. For
 * JavaScript it depends on V8: Node 22 and later compile the deserializer early (Maglev), and a
 * cold `monitorAll` build of hono spends ~25 ms less in our hook over raw transfer; Node 20 does
 * not, and spends ~60 ms more. So raw transfer from the first file, but for JavaScript on Node 20
 * until a process has parsed RAW_TRANSFER_AFTER of source (a long build, a dev server), after
 * which raw transfer, warm, parses 3x faster (see docs/decisions.md).
 */
export const RAW_TRANSFER_AFTER = 1_000_000

/** Node 20's V8 runs oxc's deserializer in its interpreter for longer (no Maglev). */
const JAVASCRIPT_WAITS = Number(process.versions.node.split('.')[0]) < 22

let rawTransferSupported: boolean | undefined
let parsedLength = 0
let childFields: ChildFields | undefined

/** Parses `code` with oxc-parser: the syntax tree, or the first syntax error as `file:line:col: syntax error: ...`. */
export function parseFile(code: string, fileName: string, options: ParseOptions = {}): SyntaxFile | { syntaxError: string } {
  const parser = loadParser()
  rawTransferSupported ??= rawTransferWorks()
  childFields ??= childFieldsOf(parser.visitorKeys)
  const lang = languageOf(fileName)
  const parseOptions = {
    lang,
    // A JavaScript file's tree without TypeScript's empty fields: on hono's JavaScript, 26% less
    // JSON to transfer and parse; the analysis reads none of those fields with a value there.
    astType: lang === 'jsx' ? ('js' as const) : ('ts' as const),
    // Kept: without them, a parenthesized arrow body or callee changes the woven text.
    preserveParens: true,
    // Not in oxc-parser's declared options, though its parseSync reads it.
    experimentalRawTransfer: usesRawTransfer(options.rawTransfer, { lang, parsedLength, supported: rawTransferSupported, javaScriptWaits: JAVASCRIPT_WAITS }),
  }
  parsedLength += code.length
  const parse = parseOptions.experimentalRawTransfer ? loadParseOverRaw() : loadParseOverJson()
  const result = parse(fileName, code, parseOptions)
  const parseSnippet = (snippet: string) => {
    const parsed = parseFile(snippet, fileName, options)
    return parsed instanceof SyntaxFile ? parsed : undefined
  }
  const file = new SyntaxFile(code, result.program as unknown as Node, result.comments as Comment[], childFields, parseSnippet)
  const error = result.errors[0]
  if (!error) return file
  const { line, column } = file.lineColumn(error.labels[0]?.start ?? 0)
  return { syntaxError: `${fileName}:${line}:${column}: syntax error: ${error.message}` }
}

/** Whether a parse goes over raw transfer: as asked, else unless it is JavaScript that waits until `parsedLength` reaches RAW_TRANSFER_AFTER; where supported. */
export function usesRawTransfer(
  asked: boolean | undefined,
  { lang, parsedLength, supported, javaScriptWaits }: { lang: 'ts' | 'tsx' | 'jsx'; parsedLength: number; supported: boolean; javaScriptWaits: boolean },
): boolean {
  return (asked ?? !(javaScriptWaits && lang === 'jsx' && parsedLength < RAW_TRANSFER_AFTER)) && supported
}

/** JavaScript files may hold JSX, as TypeScript reads them too. */
function languageOf(fileName: string): 'ts' | 'tsx' | 'jsx' {
  const extension = /\.([cm]?[jt]sx?)(?:[?#].*)?$/.exec(fileName)?.[1] ?? 'ts'
  return extension.endsWith('tsx') ? 'tsx' : /jsx?$/.test(extension) ? 'jsx' : 'ts'
}
