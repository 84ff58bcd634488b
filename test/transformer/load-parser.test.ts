import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
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

test("the parse over JSON gives oxc-parser's own program, comments and errors, without the module record", async () => {
  const { loadParseOverJson, loadParser } = await import('../../src/transformer/text/load-parser.js')
  const sources = {
    'a.ts': `import { x } from './x'\n/** @ErrorMonitor */\nexport function f(n: bigint = 10n) { return /a+b/gu.test(String(n)) ? x(n) : null } // end\n`,
    'b.jsx': `const view = () => <div>{1}</div>;\nexport default view\n`,
    'c.ts': `function broken( { return 1 }\n`,
  }
  for (const [fileName, code] of Object.entries(sources)) {
    const options = { lang: fileName.endsWith('.jsx') ? 'jsx' : 'ts', astType: 'ts', preserveParens: true } as const
    const own = loadParser().parseSync(fileName, code, options)
    const overJson = loadParseOverJson()(fileName, code, options)
    expect(overJson).not.toBe(own)
    expect(overJson.program).toEqual(own.program)
    expect(overJson.comments).toEqual(own.comments)
    expect(overJson.errors).toEqual(own.errors)
    expect(own.errors.length > 0).toBe(fileName === 'c.ts')
    expect('module' in overJson && overJson.module !== undefined).toBe(false)
  }
  // On this oxc-parser the parts are there: the fallback to its own parseSync is not taken.
  expect(loadParseOverJson()).not.toBe(loadParser().parseSync)
})
