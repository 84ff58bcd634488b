import path from 'node:path'
import ts from 'typescript'
import { expect, test } from 'vitest'

/** Apps written against the frameworks' own types (typed-apps.ts) compile with the entries' declarations. */
test('each entry accepts its framework app and a user(req) typed with the framework request type', () => {
  const file = path.join(import.meta.dirname, 'typed-apps.ts')
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: ['node'] }
  const program = ts.createProgram([file], options)
  const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
  expect(problems).toStrictEqual([])
})
