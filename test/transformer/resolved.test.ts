import { writeFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { expect, test } from 'vitest'
import { table as expandTable } from '../../src/runtime/capture/table.js'
import { resolveOptions } from '../../src/transformer/core/options.js'
import { analyzeFile } from '../../src/transformer/text/weave-file.js'
import errorweaveTransformer from '../../src/transformer/tsc/index.js'
import { scratchDirectory } from '../helpers/weave.js'

const repository = `
export class UserRepository {
  save(user: { id: number }) { return user.id }
}
export function audit(event: string) { return event }
`

const service = `
import { UserRepository, audit as record } from './repository'
import * as metrics from './metrics'
import Mailer from './mailer'

export class UserService {
  constructor(private readonly repo: UserRepository) {}

  /** @ErrorMonitor */
  create(user: { id: number }) {
    this.validate(user)
    this.repo.save(user)
    record('created')
    metrics.count('users')
    new Mailer().send(user)
    helper()
  }

  validate(user: { id: number }) { return user }
}

function helper() {}
`

/** The future-call sites of the first statement of the woven function, as `call -> resolved`. */
function resolvedOf(json: string): string[] {
  const table = expandTable(json)!
  const statements = table.functions[0][4]
  return statements[0].slice(2).map((code) => {
    const [call, , , resolved] = table.calls[code >> 1]
    return `${call} -> ${resolved ?? '?'}`
  })
}

test('without a type checker: this-methods, same-file functions and imported names with their module', () => {
  const analyzed = analyzeFile(service, '/project/src/user-service.ts', resolveOptions({ root: '/project', futureCalls: { maxDepth: 10 } }))
  if ('syntaxError' in analyzed) throw new Error(analyzed.syntaxError)
  const { ir } = analyzed
  const sites = ir.functions[0].probes[0].futureCalls.map(({ site }) => `${ir.calls[site].call} -> ${ir.calls[site].resolved ?? '?'}`)
  expect(sites).toEqual([
    'this.repo.save() -> ?',
    "record() -> ./repository#audit",
    'metrics.count() -> ./metrics#count',
    'new Mailer() -> ./mailer#default',
    'new Mailer().send() -> ?',
    'helper() -> helper',
  ])
})

test('with the type checker (ts-patch entry): whatever the declaration is', () => {
  const directory = scratchDirectory('resolve')
  const files = {
    'repository.ts': repository,
    'metrics.ts': 'export function count(name: string) { return name }\n',
    'mailer.ts': 'export default class Mailer { send(user: unknown) { return user } }\n',
    'user-service.ts': service,
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(directory, name), text)
  const program = ts.createProgram([path.join(directory, 'user-service.ts')], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: false,
  })
  let output = ''
  program.emit(
    program.getSourceFile(path.join(directory, 'user-service.ts')),
    (_name, text) => (output = text),
    undefined,
    false,
    { before: [errorweaveTransformer(program, { root: directory, futureCalls: { maxDepth: 10 } }, { ts })] },
  )
  const literal = /__ew\.table\(("(?:[^"\\]|\\.)*")\)/.exec(output)?.[1]
  expect(literal).toBeDefined()
  expect(resolvedOf(JSON.parse(literal!))).toEqual([
    'this.repo.save() -> UserRepository.save',
    'record() -> audit',
    'metrics.count() -> count',
    'new Mailer() -> Mailer',
    'new Mailer().send() -> Mailer.send',
    'helper() -> helper',
  ])
})
