import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { ROOT } from './bundlers/project.js'

const SCRIPT = path.join(ROOT, 'test/prerequisites.mjs')
const bare = mkdtempSync(path.join(tmpdir(), 'errorweave-bare-path-'))
symlinkSync(process.execPath, path.join(bare, 'node'))
afterAll(() => rmSync(bare, { recursive: true, force: true }))

function prerequisites(pathVariable: string) {
  const run = spawnSync(path.join(bare, 'node'), [SCRIPT], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: pathVariable } })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

test("npm test's pretest passes silently on a machine with chromium and openssl (this one)", () => {
  expect(prerequisites(process.env.PATH!)).toEqual({ code: 0, stdout: '', stderr: '' })
})

test('without them, and without apt-get to install them, it stops npm test with one line saying what to install', () => {
  expect(prerequisites(bare)).toEqual({
    code: 1,
    stdout: '',
    stderr: 'npm test needs chromium and openssl on PATH (the browser and TLS tests use them): on Debian or Ubuntu, sudo apt-get install -y chromium openssl\n',
  })
})
