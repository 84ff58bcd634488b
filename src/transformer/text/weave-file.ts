import path from 'node:path'
import type { SourceMap } from 'magic-string'
import { analyze, headerPosition } from '../core/analyze.js'
import type { AnalyzeOptions, ModuleIR } from '../core/ir.js'
import { pathOfModule, type ResolvedOptions } from '../core/options.js'
import type { SyntaxFile } from '../core/syntax.js'
import { emitText } from './emit.js'
import { parseFile, type ParseOptions } from './parse.js'

export type WeaveResult =
  | { kind: 'woven'; code: string; map: () => SourceMap; ir: ModuleIR }
  | { kind: 'untouched' }
  | { kind: 'syntax-error'; warning: string }
  | { kind: 'invalid-annotation'; error: string }

/** Cheap text check before any parse: a file without the word cannot be annotated. */
export function mayNeedWeaving(code: string, options: ResolvedOptions): boolean {
  return options.monitorAll || code.includes('ErrorMonitor')
}

export function analyzeFile(
  code: string,
  fileName: string,
  options: ResolvedOptions & Pick<AnalyzeOptions, 'resolveCall'> & ParseOptions,
): { file: SyntaxFile; ir: ModuleIR } | { syntaxError: string } {
  const file = parseFile(code, fileName, options)
  if ('syntaxError' in file) return file
  return { file, ir: analyze(file, relativeFile(fileName, options.root), options) }
}

/** The whole text pipeline: parse, analyze, splice. Never throws for bad input. */
export function weaveFile(code: string, fileName: string, options: ResolvedOptions & ParseOptions): WeaveResult {
  if (!mayNeedWeaving(code, options)) return { kind: 'untouched' }
  const analyzed = analyzeFile(code, fileName, options)
  if ('syntaxError' in analyzed) {
    return { kind: 'syntax-error', warning: `errorweave: ${analyzed.syntaxError}; the file is passed through unwoven` }
  }
  const { file, ir } = analyzed
  if (ir.errors.length > 0) {
    return { kind: 'invalid-annotation', error: ir.errors.map((e) => `${fileName}:${e.line}:${e.column}: ${e.message}`).join('\n') }
  }
  if (ir.functions.length === 0 && ir.decorators.length === 0) return { kind: 'untouched' }
  const { code: woven, map } = emitText(code, ir, headerPosition(file), fileName)
  return { kind: 'woven', code: woven, map, ir }
}

export function relativeFile(fileName: string, root: string): string {
  const clean = pathOfModule(fileName)
  const relative = path.isAbsolute(clean) ? path.relative(root, clean) : clean
  return relative.split(path.sep).join('/')
}
