import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { beforeAll, expect, test } from 'vitest'
import type { Report } from 'errorweave'
import { ROOT } from '../../helpers/weave.js'
import { runNode, RUNTIME_TMP, tagged, writeWovenModule } from '../helpers/processes.js'

/**
 * The caller of a woven function that is not woven itself comes from the stack; in
 * Node it is mapped back to the original source when the built file has a source map
 * (a sibling .map file or an inline one). Run natively in a child process.
 */
const CALLEE = `
/** @ErrorMonitor({ enableFuturePrediction: true }) */
export function charge(amount: number) {
  validate(amount)
  settle(amount)
}
function validate(amount: number) {
  if (amount < 0) throw new RangeError('negative amount')
}
function settle(_amount: number) {}
`

const CALLER = (callee: string) => `import { consoleTransport, configure, flush } from 'errorweave'
import { charge } from ${JSON.stringify(callee)}

interface Order { amount: number }

export function checkout(order: Order): void {
  const fee = order.amount * 0.1
  charge(order.amount + fee)
}

configure({ transports: [consoleTransport((line) => console.log('REPORT ' + line))] })
try {
  checkout({ amount: -10 })
} catch {}
await flush()
`
/** 1-based line of `charge(order.amount + fee)` in CALLER. */
const CALL_LINE = 8

let callee: string

beforeAll(() => {
  callee = writeWovenModule('caller-callee', CALLEE, 'src/payments/gateway.ts')
})

function writeCaller(name: string, options: ts.CompilerOptions): string {
  const directory = path.join(RUNTIME_TMP, name)
  mkdirSync(directory, { recursive: true })
  const file = path.join(directory, 'checkout.mjs')
  const output = ts.transpileModule(CALLER(path.relative(directory, callee).split(path.sep).join('/').replace(/^(?!\.)/, './')), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, ...options },
    fileName: path.join(ROOT, 'src/app/checkout.ts'),
  })
  let code = output.outputText
  if (output.sourceMapText) {
    const map = JSON.parse(output.sourceMapText)
    map.sources = [path.relative(directory, path.join(ROOT, 'src/app/checkout.ts'))]
    code = code.replace(/\/\/# sourceMappingURL=.*$/m, '//# sourceMappingURL=checkout.mjs.map')
    writeFileSync(`${file}.map`, JSON.stringify(map))
  }
  writeFileSync(file, code)
  return file
}

async function callerOf(file: string): Promise<Report['caller']> {
  const run = await runNode(file, { cwd: ROOT })
  expect(run.code, run.stderr).toBe(0)
  const [report] = tagged<Report>(run.stdout, 'REPORT')
  expect(report).toMatchObject({ method: 'charge', line: 4, file: 'src/payments/gateway.ts', futureCalls: ['settle()'] })
  return report.caller
}

test('with a .map file next to the built caller: the original file and line', async () => {
  expect(await callerOf(writeCaller('mapped-file', { sourceMap: true }))).toStrictEqual({ function: 'checkout', file: 'src/app/checkout.ts', line: CALL_LINE })
})

test('with an inline source map: the original file and line', async () => {
  const file = writeCaller('mapped-inline', { inlineSourceMap: true, inlineSources: false })
  const caller = await callerOf(file)
  expect(caller).toMatchObject({ function: 'checkout', line: CALL_LINE })
  expect(caller!.file).toMatch(/checkout\.ts$/)
})

test('without a map: the built file, relative to the working directory', async () => {
  const file = writeCaller('unmapped', {})
  const caller = await callerOf(file)
  expect(caller).toMatchObject({ function: 'checkout', file: path.relative(ROOT, file) })
  expect(caller!.line).not.toBe(CALL_LINE)
})
