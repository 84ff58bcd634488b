import ts from 'typescript'
import { describe, expect, test } from 'vitest'
import { compile, importCompiled, weaveText, type Flavor } from '../helpers/weave.js'

/**
 * Differences found by running real open-source test suites through the Vite entry
 * with `monitorAll: true`, each cut down to a few lines written here. A case is a
 * module exporting `run()`, which returns plain data; woven by either emitter it must
 * still parse and `run()` must give the same observation (or the same thrown value) as
 * the plain build.
 */
interface RealWorldCase {
  name: string
  /** Where the difference showed up (project, file); named in failure messages. */
  foundIn: string
  code: string
  /** Default: real-world.ts with the helper's compiler options. */
  fileName?: string
  compilerOptions?: ts.CompilerOptions
}

const weave = { monitorAll: true }

const cases: RealWorldCase[] = [
  {
    name: 'derived constructor whose root super() has no semicolon',
    foundIn: 'superstruct src/error.ts (StructError constructor)',
    code: `
class Base { message: string; constructor(message: string) { this.message = message } }
class Derived extends Base {
  extra: string
  constructor(message: string) {
    const upper = message.toUpperCase()
    super(upper)
    this.extra = message
  }
}
export function run() {
  const d = new Derived('hi')
  return [d.message, d.extra]
}
`,
  },
  {
    name: 'directive prologue without a semicolon',
    foundIn: 'not a project: the superstruct super() cause (text right after a kept statement) with a directive',
    code: `
export function run() {
  'use strict'
  return typeof this
}
`,
  },
  {
    name: 'module directive prologue without a semicolon (where the table header goes)',
    foundIn: 'immer __tests__/*.js (files start with `"use strict"` and no semicolon)',
    code: `'use strict'
export function run() {
  return typeof this
}
`,
  },
  // A regression of 72e9626 (every body-level function declaration moved before the try, out
  // of reach of the body's const/let); fixed in 2232330.
  {
    name: 'nested function declaration that reads a const of the same body',
    foundIn: 'vue core compiler-sfc src/script/context.ts (`const plugins = ...; function parse() { ...plugins... }`), 428 + 312 failing tests',
    code: `
export function run() {
  const base = 40
  function add(n: number) { return base + n }
  return add(2)
}
`,
  },
  // The text emitter put the module header at offset 0, before the file's opening comment,
  // so the compiler no longer read its pragma (the AST emitter was not affected); fixed in ba0be42.
  {
    name: 'a JSX pragma in the comment that opens the file',
    foundIn: 'hono src/jsx/dom/server.test.tsx (`/** @jsxImportSource ../ */`), 5 tests in the jsx-runtime-dom project when tests are woven',
    fileName: 'real-world.tsx',
    compilerOptions: { jsx: ts.JsxEmit.React },
    code: `/** @jsx h */
function h(tag: string, _props: unknown, ...children: unknown[]) { return { tag, children } }
export function run() {
  return <b>hi</b>
}
`,
  },
  // watch() (runtime/watch.ts) tested `value instanceof Promise` and read its prototype, which
  // ran a returned Proxy's getPrototypeOf trap: a trap that threw turned the resolved async
  // result into a rejection. Plain code only reads `then` from the returned value. Fixed in 7be9d7d.
  {
    name: 'async function returning a Proxy with a getPrototypeOf trap',
    foundIn: 'not a suite: reading runtime/watch.ts while checking the vue and immer runs (both return proxies)',
    code: `
async function wrap(target: object) {
  return new Proxy(target, { getPrototypeOf() { throw new Error('trap ran') } })
}
export async function run() {
  try {
    const wrapped = (await wrap({ a: 1 })) as { a: number }
    return 'resolved ' + wrapped.a
  } catch (error) {
    return 'rejected ' + (error as Error).message
  }
}
`,
  },
  // capture() (runtime/capture.ts) scheduled its drain with the global setTimeout of the moment,
  // so code that replaced it (vi.useFakeTimers(), sinon) saw a timer it never set; had that fake
  // timer been dropped, no later report drained by itself. Fixed in 7be9d7d (timers taken at load).
  {
    name: 'an escaping error calls the setTimeout the program installed',
    foundIn: 'not a suite: reading runtime/capture.ts after the hono run (its jwt tests use vi.useFakeTimers)',
    code: `
function fail(): never { throw new Error('boom') }
export async function run() {
  // Timers set earlier run first, so a drain already pending cannot hide a new one.
  await new Promise((resolve) => setTimeout(resolve, 0))
  const real = globalThis.setTimeout
  let timersSet = 0
  globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
    timersSet++
    return real(...args)
  }) as typeof setTimeout
  try {
    fail()
  } catch {
    // expected
  } finally {
    globalThis.setTimeout = real
  }
  return timersSet
}
`,
  },
  {
    name: 'empty function bodies',
    foundIn: 'superstruct src/struct.ts (`entries = function* () {}`), test/validation/** (`() => {}`)',
    code: `
const noop = () => {}
const generator = function* () {}
function declared() {}
class Holder { method() {} }
export function run() {
  return [noop(), [...generator()], declared(), new Holder().method()]
}
`,
  },
]

/** What the compiled module's `run()` gave: its value, or a description of what it threw. */
async function observe(js: string): Promise<unknown> {
  const module = await importCompiled<{ run(): unknown }>(js, 'real-world')
  try {
    return { value: await module.run() }
  } catch (error) {
    return { threw: error instanceof Error ? `${error.name}: ${error.message}` : error }
  }
}

/** Syntax errors in the text emitter's output (the TypeScript the bundler receives). */
function syntaxErrorsOf(code: string, fileName: string): string[] {
  const output = ts.transpileModule(code, { fileName, reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.Preserve } })
  return (output.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))
}

describe('real-world differences', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const where = `found in ${c.foundIn}`
      const fileName = c.fileName ?? 'real-world.ts'
      const build = (flavor: Flavor) => compile(c.code, flavor, { weave, compilerOptions: c.compilerOptions }, fileName)
      expect(syntaxErrorsOf(weaveText(c.code, fileName, weave), fileName), `text-woven source parses; ${where}`).toStrictEqual([])
      const plain = await observe(build('plain'))
      for (const flavor of ['text', 'tsc'] as const) {
        const js = build(flavor)
        // Soft: a failing case shows both emitters' results.
        expect.soft(js, `${flavor}: woven; ${where}`).toContain('__ew.capture(')
        expect.soft(await observe(js), `${flavor}; ${where}`).toStrictEqual(plain)
      }
    })
  }
})
