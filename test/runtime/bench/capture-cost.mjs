// Measures what a woven catch block costs per error, as a ratio to a bare throw/catch
// (DESIGN.md section 10: bare throw + catch is 2.4-3.0 us here). Not a test: run it
// after `npm run build` with `node --expose-gc test/runtime/bench/capture-cost.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const { weaveFile } = await import(pathToFileURL(path.join(root, 'dist/transformer/text/weave-file.js')).href)
const { resolveOptions } = await import(pathToFileURL(path.join(root, 'dist/transformer/core/options.js')).href)

const SOURCE = `
/** @ErrorMonitor */
export function fail(n: number, message: string) {
  const doubled = n * 2
  if (doubled >= 0) throw new Error(message)
  return doubled
}
`
function load(name, woven) {
  const file = path.join(root, 'src/bench-fixture.ts')
  const code = woven ? weaveFile(SOURCE, file, resolveOptions({ root })).code : SOURCE
  const js = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText
  const out = path.join(root, '.tmp/bench', `${name}.mjs`)
  mkdirSync(path.dirname(out), { recursive: true })
  writeFileSync(out, js)
  return import(pathToFileURL(out).href)
}

const plain = await load('plain', false)
const woven = await load('woven', true)
const runtime = await import('errorweave')
const { runInRequestScope } = await import(pathToFileURL(path.join(root, 'dist/runtime/context/request.js')).href)
/** The loop run inside a framework's request scope: each capture also takes the scope (AsyncLocalStorage). */
const inRequest = (loop) => () => runInRequestScope({ method: 'GET', url: '/orders/1', headers: {} }, loop)
const N = 100_000
const ROUNDS = 15
const yieldTask = () => new Promise((resolve) => setImmediate(resolve))

function syncLoop(fn) {
  return () => {
    for (let i = 0; i < N; i++) {
      try {
        fn(i, 'boom')
      } catch {}
    }
  }
}

/** 500 errors per setImmediate, so the runtime's deferred work (drain, aggregation, reports) is inside the time. */
function batchedLoop(fn, distinct = false) {
  return async () => {
    for (let i = 0; i < N; ) {
      for (const end = Math.min(N, i + 500); i < end; i++) {
        try {
          fn(i, distinct ? `boom ${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}` : 'boom')
        } catch {}
      }
      await yieldTask()
    }
    await runtime.flush()
  }
}

// Each case: [name, settings, loop, index of its baseline]. Time is this process's CPU
// time (other processes on a shared machine barely move it); rounds are interleaved
// and the fastest round of each case is kept, since noise only adds time.
const cases = [
  ['bare throw/catch (plain function)', {}, syncLoop(plain.fail), null],
  ['woven, runtime disabled: try/catch + rethrow only', { enabled: false }, syncLoop(woven.fail), 0],
  ['woven + capture() in the catch block (sync loop)', { enabled: true }, syncLoop(woven.fail), 0],
  ['bare throw/catch inside a request scope', {}, inRequest(syncLoop(plain.fail)), null],
  ['woven + capture() inside a request scope (sync loop)', { enabled: true }, inRequest(syncLoop(woven.fail)), 3],
  ['bare throw/catch, 500 per setImmediate', {}, batchedLoop(plain.fail), null],
  ['woven + all deferred work, identical errors (aggregated)', { enabled: true }, batchedLoop(woven.fail), 5],
  ['woven + all deferred work, every error its own full report', { enabled: true, aggregateWindowMs: 0 }, batchedLoop(woven.fail, true), 5],
  ['the same inside a request scope (request fields in every report)', { enabled: true, aggregateWindowMs: 0 }, inRequest(batchedLoop(woven.fail, true)), 5],
]
const best = cases.map(() => Infinity)
for (let round = 0; round < ROUNDS; round++) {
  for (const [index, [, settings, loop]] of cases.entries()) {
    runtime.resetConfiguration()
    runtime.configure({ transports: [() => undefined], ...settings })
    globalThis.gc?.()
    const start = process.cpuUsage()
    await loop()
    const used = process.cpuUsage(start)
    best[index] = Math.min(best[index], ((used.user + used.system) * 1000) / N)
  }
}
console.table(
  cases.map(([name, , , base], index) => ({ case: name, 'ns/error': best[index].toFixed(0), 'x bare throw/catch': base === null ? '1.00' : (best[index] / best[base]).toFixed(2) })),
)
