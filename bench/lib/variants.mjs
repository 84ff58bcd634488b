import path from 'node:path'
import ts from 'typescript'
import { resolveOptions } from '../../dist/transformer/core/options.js'
import { weaveFile } from '../../dist/transformer/text/weave-file.js'
import { ROOT } from './paths.mjs'

/** Our decorator on a line of its own, as the bench sources write it. */
const DECORATOR_LINE = /^[ \t]*@ErrorMonitor\(\)[ \t]*$/gm

/** The source as built without our decorators: the plain baseline. */
export function withoutDecorators(code) {
  return code.replace(DECORATOR_LINE, '')
}

export function transpile(code, fileName) {
  const compilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext }
  return ts.transpileModule(code, { compilerOptions, fileName, reportDiagnostics: false }).outputText
}

/** The real plugin's text pipeline (what every bundler entry runs). */
export function weave(code, fileName, options = {}) {
  const result = weaveFile(code, path.resolve(ROOT, fileName), resolveOptions({ root: ROOT, ...options }))
  if (result.kind !== 'woven') throw new Error(`${fileName}: expected woven output, got ${result.kind}`)
  return result
}

/**
 * One annotated TypeScript source as four JavaScript modules:
 * - plain: our decorators deleted, nothing else changed;
 * - woven: woven by the plugin;
 * - fallback: built without the plugin, so `@ErrorMonitor()` runs as the runtime decorator;
 * - guard: plain plus, at each annotated function's entry, the per-call probe lookup that
 *   build-time live debuggers inject (`const p = probes(id); if (p) ...`).
 */
export function variantsOf(code, fileName, probesModule) {
  const woven = weave(code, fileName)
  const guarded = [...woven.ir.functions]
    .sort((a, b) => b.pos - a.pos)
    .reduce((text, fn) => {
      if (fn.body.kind !== 'block') throw new Error(`${fileName}: the guard variant needs block bodies`)
      const at = fn.body.open + 1
      return `${text.slice(0, at)} const __p = __probes(${fn.index}); if (__p) __p.hit(${fn.index});${text.slice(at)}`
    }, code)
  return {
    plain: transpile(withoutDecorators(code), fileName),
    woven: transpile(woven.code, fileName),
    fallback: transpile(code, fileName),
    guard: `import { probes as __probes } from ${JSON.stringify(probesModule)};\n${transpile(withoutDecorators(guarded), fileName)}`,
    functions: woven.ir.functions.length,
  }
}
