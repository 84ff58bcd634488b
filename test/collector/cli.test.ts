import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ROOT } from '../helpers/weave.js'

const CLI = path.join(ROOT, 'dist/cli/index.js')
const dir = mkdtempSync(path.join(tmpdir(), 'errorweave-collector-'))
const out = path.join(dir, 'reports.ndjson')
let child: ReturnType<typeof spawn>
let printed = ''
let base = ''

/** `errorweave collector --port 0 --tls --apikey K --out FILE`, as a user would start it. */
beforeAll(async () => {
  child = spawn(process.execPath, [CLI, 'collector', '--port', '0', '--tls', '--apikey', 'collector-key', '--out', out], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', (chunk) => (printed += chunk))
  child.stderr!.on('data', (chunk) => (printed += chunk))
  await new Promise<void>((resolve, reject) => {
    // The banner may come in several chunks: wait for its last line, the certificate to trust.
    const poll = setInterval(() => {
      const match = /on (https:\/\/127\.0\.0\.1:\d+)/.exec(printed)
      if (match && /NODE_EXTRA_CA_CERTS=\S+\n/.test(printed)) {
        clearInterval(poll)
        base = match[1]
        resolve()
      }
    }, 20)
    child.on('exit', () => reject(new Error(`collector exited: ${printed}`)))
  })
})
afterAll(() => void child.kill('SIGINT'))

/** Node's fetch with the collector's own certificate trusted (NODE_EXTRA_CA_CERTS in a child). */
async function request(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const ca = /NODE_EXTRA_CA_CERTS=(\S+)/.exec(printed)![1]
  const script = `const r = await fetch(${JSON.stringify(base + pathname)}, { method: ${JSON.stringify(method)}, headers: ${JSON.stringify(headers)}, body: ${body === undefined ? 'undefined' : JSON.stringify(JSON.stringify(body))} }); console.log(JSON.stringify({ status: r.status, json: await r.json().catch(() => null) }))`
  const run = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, NODE_EXTRA_CA_CERTS: ca } })
  let text = ''
  run.stdout.on('data', (chunk) => (text += chunk))
  await new Promise((resolve) => run.on('close', resolve))
  return JSON.parse(text)
}

const REPORT = { class: 'Cart', method: 'add', line: 12, message: 'TypeError: x is undefined', severity: 'WARN', futureCalls: ['save()'], file: 'src/cart.ts', column: 3, count: 2, caller: { function: 'Api.post', file: 'src/api.ts', line: 40 }, chain: [], timestamp: '2026-11-24T10:00:00.000Z' }

test('it prints how to trust its certificate and checks the API key', async () => {
  expect(printed).toMatch(/self-signed certificate: trust it with NODE_EXTRA_CA_CERTS=\S+cert\.pem/)
  expect(printed).toContain('X-API-Key is checked')
  expect(await request('POST', '/report', REPORT, { 'content-type': 'application/json' })).toMatchObject({ status: 401 })
  expect(await request('POST', '/report', REPORT, { 'content-type': 'application/json', 'x-api-key': 'wrong' })).toMatchObject({ status: 401 })
})

test('it stores a report once per Idempotency-Key, prints it readably, appends NDJSON and serves JSON', async () => {
  const headers = { 'content-type': 'application/json', 'x-api-key': 'collector-key', 'idempotency-key': 'k-1' }
  expect(await request('POST', '/report', REPORT, headers)).toMatchObject({ status: 202 })
  expect(await request('POST', '/report', REPORT, headers)).toMatchObject({ status: 200, json: { duplicate: true } })
  expect(await request('POST', '/report', 'not an object', { ...headers, 'idempotency-key': 'k-2' })).toMatchObject({ status: 400 })
  const listed = await request('GET', '/reports')
  expect(listed).toStrictEqual({ status: 200, json: [REPORT] })
  expect(readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line))).toStrictEqual([REPORT])
  expect(printed).toContain('#1 10:00:00 WARN  Cart.add:12  src/cart.ts:12:3  x2')
  expect(printed).toContain('    caller  Api.post (src/api.ts:40)')
  expect(printed).toContain('    next    save()')
})

test('--help prints every option and exits 0', async () => {
  const run = spawn(process.execPath, [CLI, 'collector', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let text = ''
  run.stdout.on('data', (chunk) => (text += chunk))
  expect(await new Promise((resolve) => run.on('close', resolve))).toBe(0)
  for (const option of ['--port', '--host', '--db', '--apikey', '--token', '--alerts', '--trace-url', '--public-url', '--retention-days', '--max-db-mb', '--tls', '--cert', '--out']) expect(text).toContain(option)
})

test('bad flags give usage and exit code 2', async () => {
  const run = spawn(process.execPath, [CLI, 'collector', '--port', 'many'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let text = ''
  run.stderr.on('data', (chunk) => (text += chunk))
  const code = await new Promise((resolve) => run.on('close', resolve))
  expect(code).toBe(2)
  expect(text).toContain('--port takes a number from 0 to 65535')
  expect(text).toContain('usage: errorweave collector [--port N] [--host H] [--db FILE]')
})

test('without @errorweave/collector installed, errorweave collector says how to install it and exits 1', async () => {
  const hook = path.join(ROOT, 'test/collector/fixtures/without-collector.mjs')
  const run = spawn(process.execPath, ['--import', hook, CLI, 'collector', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let text = ''
  run.stdout.on('data', (chunk) => (text += chunk))
  run.stderr.on('data', (chunk) => (text += chunk))
  const code = await new Promise((resolve) => run.on('close', resolve))
  expect({ code, text }).toStrictEqual({ code: 1, text: 'errorweave collector is in its own package: npm install --save-dev @errorweave/collector\n' })
})

/** `errorweave collector --port 0 --db FILE` in a child; resolves with its URL once its banner is out. */
async function startCli(db: string): Promise<{ url: string; child: ReturnType<typeof spawn>; output: () => { stdout: string; stderr: string } }> {
  const started = spawn(process.execPath, [CLI, 'collector', '--port', '0', '--db', db], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  started.stdout!.on('data', (chunk) => (stdout += chunk))
  started.stderr!.on('data', (chunk) => (stderr += chunk))
  const url = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /on (http:\/\/127\.0\.0\.1:\d+)[^\n]*\n[\s\S]*answer on this machine only/.exec(stdout)
      if (match) {
        clearInterval(poll)
        resolve(match[1])
      }
    }, 20)
    started.on('exit', () => reject(new Error(`collector exited: ${stdout}${stderr}`)))
  })
  return { url, child: started, output: () => ({ stdout, stderr }) }
}

test('Ctrl-C ends the collector with exit code 0 and nothing on stderr; started again on the same --db it has every report', async () => {
  const db = path.join(dir, 'data', 'errors.db')
  const first = await startCli(db)
  const report = { ...REPORT, fingerprint: 'fp-cli' }
  const answer = await fetch(`${first.url}/report`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) })
  expect(answer.status).toBe(202)
  first.child.kill('SIGINT')
  const ended = await new Promise<[number | null, string | null]>((resolve) => first.child.on('exit', (code, signal) => resolve([code, signal])))
  expect({ ended, ...first.output() }).toMatchObject({ ended: [0, null], stderr: '' })
  expect(first.output().stdout).toContain(`database ${db} (`)
  expect(first.output().stdout).toContain('#1 10:00:00 WARN  Cart.add:12  src/cart.ts:12:3  x2')
  const second = await startCli(db)
  try {
    expect(await (await fetch(`${second.url}/reports`)).json()).toStrictEqual([report])
    expect((await (await fetch(`${second.url}/api/issues`)).json()).issues[0]).toMatchObject({ fingerprint: 'fp-cli', occurrences: 2 })
  } finally {
    second.child.kill('SIGINT')
  }
})
