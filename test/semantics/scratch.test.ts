import { test } from 'vitest'
import { compile } from '../helpers/weave.js'
const code = `
import { ErrorMonitor } from 'errorweave'
class A { @ErrorMonitor m(x: number) { 'use strict'; const y = x + 1; if (y) return y; return 0 } }
/** @ErrorMonitor */
export const f = (a: number) => a * 2
export function run() { return new A().m(1) }
`
test('x', () => {
for (const flavor of ['plain', 'text', 'tsc'] as const) console.log(flavor, '\n', compile(code, flavor, { compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true } }))
})
