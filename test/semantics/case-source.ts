import type { CompileOptions } from '../helpers/weave.js'
import type { SemanticCase } from './harness.js'

/** What every case module starts with: a log, a sentinel error and helpers to observe outcomes. */
const PRELUDE = `const log: unknown[] = []
const BOOM = new Error('boom')
function label(error: unknown): unknown {
  if (error === BOOM) return 'BOOM'
  if (error instanceof Error) return error.constructor.name + ': ' + error.message
  return error
}
function outcome(action: () => unknown): unknown {
  try {
    return { value: action() }
  } catch (error) {
    return { threw: label(error) }
  }
}
async function settle(action: () => unknown): Promise<unknown> {
  try {
    return { value: await action() }
  } catch (error) {
    return { threw: label(error) }
  }
}
`
/** `label`, `outcome` and `settle`: woven too under `monitorAll`. */
export const PRELUDE_FUNCTIONS = 3

const compilerOptions: Record<'legacy' | 'standard', CompileOptions['compilerOptions']> = {
  legacy: { experimentalDecorators: true, emitDecoratorMetadata: true },
  standard: { experimentalDecorators: false },
}

/** The module a case compiles to, and the compiler options of its decorator semantics. */
export function caseSource(c: SemanticCase): { code: string; compilerOptions: CompileOptions['compilerOptions'] } {
  return { code: PRELUDE + c.code, compilerOptions: compilerOptions[c.decorators ?? 'legacy'] }
}
