import path from 'node:path'
import type { SourceMap } from 'magic-string'
import type TS from 'typescript'
import { analyze, headerPosition } from '../core/analyze.js'
import { parsedHasErrors } from '../core/annotations.js'
import type { ModuleIR } from '../core/ir.js'
import { pathOfModule, type ResolvedOptions } from '../core/options.js'
import { emitText } from './emit.js'
import { loadTypeScript } from './load-typescript.js'
import { skim, type Skimmed } from './skim.js'

export type WeaveResult =
  | { kind: 'woven'; code: string; map: () => SourceMap; ir: ModuleIR }
  | { kind: 'untouched' }
  | { kind: 'syntax-error'; warning: string }
  | { kind: 'invalid-annotation'; error: string }

/** Cheap text check before any parse: a file without the word cannot be annotated. */
export function mayNeedWeaving(code: string, options: ResolvedOptions): boolean {
  return options.monitorAll || code.includes('ErrorMonitor')
}


export function parse(code: string, fileName: string): TS.SourceFile {
  const ts = loadTypeScript()
  // Annotations are read from the comment text: TypeScript's own JSDoc parse is not needed.
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }
  return ts.createSourceFile(fileName, code, options, true, scriptKindOf(fileName))
}

export function analyzeFile(code: string, fileName: string, options: ResolvedOptions): { sourceFile: TS.SourceFile; ir: ModuleIR } | { syntaxError: string } {
  const ts = loadTypeScript()
  const file = relativeFile(fileName, options.root)
  const skimmed = skimFor(code, fileName, options)
  if (skimmed) {
    const sourceFile = parse(skimmed.text, fileName)
    const ir = parsedHasErrors(sourceFile) ? undefined : analyze(ts, sourceFile, file, options)
    // A woven function with blanked text would lose statements: then the whole text is parsed.
    const intact = ir?.functions.every((fn) => skimmed.blanked.every(([start, end]) => end <= fn.pos || start >= fn.end))
    if (ir && intact) return { sourceFile, ir }
  }
  const sourceFile = parse(code, fileName)
  if (parsedHasErrors(sourceFile)) return { syntaxError: syntaxErrorOf(sourceFile, fileName) }
  return { sourceFile, ir: analyze(ts, sourceFile, file, options) }
}

/**
 * The text to parse when only annotated code is woven. JSX text may hold quotes and
 * braces the skim cannot read: .tsx and JavaScript files are parsed whole.
 */
export function skimFor(code: string, fileName: string, options: ResolvedOptions): Skimmed | undefined {
  return options.monitorAll || !/^[cm]?ts$/.test(scriptExtension(fileName)) ? undefined : skim(code, annotationNames(code))
}

/** Our names and the local names they are imported under, as the skim looks for them. */
function annotationNames(code: string): string[] {
  return ['ErrorMonitor', ...Array.from(code.matchAll(/ErrorMonitor\s+as\s+([\w$]+)/g), (match) => match[1])]
}

/** The whole text pipeline: parse, analyze, splice. Never throws for bad input. */
export function weaveFile(code: string, fileName: string, options: ResolvedOptions): WeaveResult {
  if (!mayNeedWeaving(code, options)) return { kind: 'untouched' }
  const analyzed = analyzeFile(code, fileName, options)
  if ('syntaxError' in analyzed) {
    return { kind: 'syntax-error', warning: `errorweave: ${analyzed.syntaxError}; the file is passed through unwoven` }
  }
  const { sourceFile, ir } = analyzed
  const ts = loadTypeScript()
  if (ir.errors.length > 0) {
    return { kind: 'invalid-annotation', error: ir.errors.map((e) => `${fileName}:${e.line}:${e.column}: ${e.message}`).join('\n') }
  }
  if (ir.functions.length === 0 && ir.decorators.length === 0) return { kind: 'untouched' }
  const { code: woven, map } = emitText(code, ir, headerPosition(ts, sourceFile), fileName)
  return { kind: 'woven', code: woven, map, ir }
}

export function relativeFile(fileName: string, root: string): string {
  const clean = pathOfModule(fileName)
  const relative = path.isAbsolute(clean) ? path.relative(root, clean) : clean
  return relative.split(path.sep).join('/')
}

function syntaxErrorOf(sourceFile: TS.SourceFile, fileName: string): string {
  const ts = loadTypeScript()
  const diagnostics = (sourceFile as unknown as { parseDiagnostics: TS.Diagnostic[] }).parseDiagnostics
  const first = diagnostics[0]
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start ?? 0)
  return `${fileName}:${line + 1}:${character + 1}: syntax error: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`
}

function scriptExtension(fileName: string): string {
  return /\.([cm]?[jt]sx?)(?:[?#].*)?$/.exec(fileName)?.[1] ?? 'ts'
}

function scriptKindOf(fileName: string): TS.ScriptKind {
  const ts = loadTypeScript()
  const extension = scriptExtension(fileName)
  if (extension.endsWith('tsx')) return ts.ScriptKind.TSX
  if (extension.endsWith('jsx')) return ts.ScriptKind.JSX
  if (extension.endsWith('js')) return ts.ScriptKind.JS
  return ts.ScriptKind.TS
}
