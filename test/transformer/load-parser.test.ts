import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { ROOT } from '../helpers/weave.js'

test('where oxc-parser cannot be loaded, the loader says so in one line', () => {
  // The built loader copied where no node_modules can be found above it.
  const directory = path.join(tmpdir(), `errorweave-no-parser-${process.pid}`)
  mkdirSync(directory, { recursive: true })
  copyFileSync(path.join(ROOT, 'dist/transformer/text/load-parser.js'), path.join(directory, 'load-parser.js'))
  writeFileSync(path.join(directory, 'package.json'), '{ "type": "module" }')
  const script = `import { loadParser } from './load-parser.js'
try { loadParser(); console.log('loaded') } catch (error) { console.log(error.message) }`
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: directory, encoding: 'utf8' })
  rmSync(directory, { recursive: true, force: true })
  expect(run.status, run.stderr).toBe(0)
  const message = run.stdout.trim()
  expect(message.split('\n')).toHaveLength(1)
  expect(message).toBe('errorweave: weaving needs oxc-parser, found none; install it with npm install -D oxc-parser')
})

// Node 20 included: oxc's own raw transfer asks for Node 22, ours does not (see rawTransferWorks).
test('raw transfer works on every 64-bit Node this package supports', async () => {
  const { rawTransferWorks } = await import('../../src/transformer/text/load-parser.js')
  expect(rawTransferWorks()).toBe(process.arch === 'x64' || process.arch === 'arm64')
})

test.skipIf(process.platform !== 'linux')('where the address space for raw transfer is refused, the parse goes over JSON and gives the same tree', () => {
  const script = `import { loadParseOverRaw, loadParseOverJson } from ${JSON.stringify(path.join(ROOT, 'dist/transformer/text/load-parser.js'))}
const options = { lang: 'ts', astType: 'ts', preserveParens: true, experimentalRawTransfer: true }
const code = 'export function f(a: number) { return g(a) + 1 }'
const raw = loadParseOverRaw()('a.ts', code, options)
const json = loadParseOverJson()('a.ts', code, { ...options, experimentalRawTransfer: false })
let refused = false
try { new SharedArrayBuffer(6 * 2 ** 30) } catch { refused = true }
console.log(JSON.stringify({ refused, same: JSON.stringify(raw.program) === JSON.stringify(json.program), statements: raw.program.body.length }))`
  // 3 GB of address space: enough for Node, not for raw transfer's 6 GiB buffer.
  const run = spawnSync('bash', ['-c', 'ulimit -v 3000000 && exec "$0" --input-type=module -e "$1"', process.execPath, script], { encoding: 'utf8' })
  expect(run.status, run.stderr).toBe(0)
  expect(JSON.parse(run.stdout)).toEqual({ refused: true, same: true, statements: 1 })
})

describe.each([
  { transfer: 'JSON', rawTransfer: false },
  { transfer: 'raw transfer', rawTransfer: true },
])('the parse over $transfer', ({ rawTransfer }) => {
  test("gives oxc-parser's own program, comments and errors as plain data", async () => {
    const { loadParseOverJson, loadParseOverRaw, loadParser } = await import('../../src/transformer/text/load-parser.js')
    const parse = rawTransfer ? loadParseOverRaw() : loadParseOverJson()
    const sources = {
      'a.ts': `import { x } from './x'\n/** @ErrorMonitor */\nexport function f(n: bigint = 10n) { return /a+b/gu.test(String(n)) ? x(n) : null } // end\n`,
      'b.jsx': `const view = () => <div>{1}</div>;\nexport default view\n`,
      'c.ts': `function broken( { return 1 }\n`,
      'd.js': `#!/usr/bin/env node\n// first\nrun()\n`,
    }
    for (const [fileName, code] of Object.entries(sources)) {
      const lang = fileName.endsWith('.ts') ? 'ts' : 'jsx'
      const options = { lang, astType: lang === 'ts' ? 'ts' : 'js', preserveParens: true, experimentalRawTransfer: rawTransfer } as const
      // oxc's own parse over JSON: the same tree, on any Node.
      const own = loadParser().parseSync(fileName, code, { ...options, experimentalRawTransfer: false })
      const ours = parse(fileName, code, options)
      expect(ours).not.toBe(own)
      expect(ours.program).toEqual(own.program)
      expect(ours.comments).toEqual(own.comments)
      expect(ours.errors).toEqual(own.errors)
      expect(own.errors.length > 0).toBe(fileName === 'c.ts')
      expect(own.comments.length).toBe({ 'a.ts': 2, 'b.jsx': 0, 'c.ts': 0, 'd.js': 2 }[fileName])
      // Over JSON, without the module record its own parseSync builds (raw transfer reads it with the tree).
      if (!rawTransfer) expect('module' in ours && ours.module !== undefined).toBe(false)
      // Getters over the tree (oxc's own results) keep every young tree alive through scavenges. A
      // plain program also shows that on this oxc-parser the parts are there: the fallback to its
      // own parseSync is not taken.
      expect(Object.getOwnPropertyDescriptor(ours, 'program')?.get).toBeUndefined()
    }
  })
})
