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
  expect(message).toMatch(/^errorweave: cannot load oxc-parser, which weaving needs: install it next to errorweave \(npm install -D oxc-parser\) \(Cannot find (module|package) 'oxc-parser'/)
})
