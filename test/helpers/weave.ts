import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import defaultTypeScript from 'typescript'
import { resolveOptions, type ErrorWeaveOptions } from '../../src/transformer/core/options.js'
import { weaveFile } from '../../src/transformer/text/weave-file.js'
import errorweaveTransformer from '../../src/transformer/tsc/index.js'

export const ROOT = path.resolve(__dirname, '../..')
export const TMP = path.join(ROOT, '.tmp')

/**
 * The compiler the AST emitter runs in: the repo's TypeScript 5.9, or the one in
 * ERRORWEAVE_TSPATCH_DIR (CI's TypeScript 6 + ts-patch 4 leg on Node 24).
 */
export const TSPATCH_DIR = process.env.ERRORWEAVE_TSPATCH_DIR
const ts: typeof defaultTypeScript = TSPATCH_DIR
  ? createRequire(path.join(path.resolve(TSPATCH_DIR), 'package.json'))('typescript')
  : defaultTypeScript
export const TS_MAJOR = Number(ts.versionMajorMinor.split('.')[0])

export type Flavor = 'plain' | 'text' | 'tsc'

export interface CompileOptions {
  weave?: ErrorWeaveOptions
  compilerOptions?: defaultTypeScript.CompilerOptions
}

const baseCompilerOptions: defaultTypeScript.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  sourceMap: false,
}

/** The text emitter's output (still TypeScript), or throws with the build's message. */
export function weaveText(code: string, fileName = 'fixture.ts', options: ErrorWeaveOptions = {}): string {
  const result = weaveFile(code, path.join(ROOT, fileName), resolveOptions({ root: ROOT, ...options }))
  if (result.kind === 'invalid-annotation') throw new Error(result.error)
  if (result.kind === 'syntax-error') throw new Error(result.warning)
  return result.kind === 'woven' ? result.code : code
}

/**
 * Compiles `code` to JavaScript three ways: plain, woven by the text emitter then
 * transpiled, and woven by the AST emitter inside the TypeScript emit.
 */
export function compile(code: string, flavor: Flavor, options: CompileOptions = {}, fileName = 'fixture.ts'): string {
  const compilerOptions = { ...baseCompilerOptions, ...options.compilerOptions }
  const source = flavor === 'text' ? weaveText(code, fileName, options.weave) : code
  const transformers =
    flavor === 'tsc' ? { before: [errorweaveTransformer(undefined, { root: ROOT, ...options.weave }, { ts })] } : undefined
  const output = ts.transpileModule(source, { compilerOptions, fileName: path.join(ROOT, fileName), transformers, reportDiagnostics: false })
  return output.outputText
}

/**
 * Node's own import(), loaded through require so the test runner cannot rewrite
 * what it imports: compiled modules run exactly as Node runs them, and share the
 * one 'errorweave' runtime instance with the tests.
 */
export const nativeImport: (specifier: string) => Promise<any> = createRequire(import.meta.url)('./native-import.cjs')

/**
 * A fresh directory under .tmp (where 'errorweave' resolves) for this test process's
 * files; the global teardown removes them all when the run ends.
 */
export function scratchDirectory(name: string): string {
  const directory = path.join(TMP, `scratch-${process.pid}`, name)
  rmSync(directory, { recursive: true, force: true })
  mkdirSync(directory, { recursive: true })
  return directory
}

let counter = 0

/** Writes a compiled module under .tmp and imports it natively. */
export async function importCompiled<T = Record<string, unknown>>(js: string, name = 'module'): Promise<T> {
  const file = path.join(scratchDirectory(`compiled-${++counter}`), `${name.replace(/[^\w.-]+/g, '_')}.mjs`)
  writeFileSync(file, js)
  return nativeImport(pathToFileURL(file).href) as Promise<T>
}
