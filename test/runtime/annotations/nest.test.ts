import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ROOT, scratchDirectory } from '../../helpers/weave.js'
import { runNode } from '../helpers/processes.js'
import { startServer, type TestServer } from '../helpers/servers.js'
import { nestApp, PLACEMENTS, type Placement } from './nest-app.js'

/**
 * Built without the plugin (plain tsc, experimentalDecorators + emitDecoratorMetadata, as
 * `nest new` sets up), `@ErrorMonitor` must leave Nest's routes, guards, pipes,
 * interceptors, DI and class-validator rules exactly as they are, in any order.
 */
let collector: TestServer
let app: ChildProcess
let url: string

beforeAll(async () => {
  const directory = scratchDirectory('nest')
  mkdirSync(path.join(directory, 'src'))
  writeFileSync(path.join(directory, 'src/app.ts'), nestApp())
  writeFileSync(path.join(directory, 'package.json'), JSON.stringify({ type: 'commonjs' }))
  const compilerOptions = { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', experimentalDecorators: true, emitDecoratorMetadata: true, strict: true, skipLibCheck: true, outDir: 'dist', rootDir: 'src' }
  writeFileSync(path.join(directory, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }))
  const tsc = await runNode(path.join(ROOT, 'node_modules/typescript/bin/tsc'), { args: ['-p', directory], cwd: directory, guardMs: 60_000 })
  expect(tsc.stdout + tsc.stderr).toBe('')
  expect(tsc.code).toBe(0)

  collector = await startServer(() => ({ status: 200 }))
  app = spawn(process.execPath, [path.join(directory, 'dist/app.js')], { cwd: directory, env: { ...process.env, NODE_OPTIONS: '', ERROR_MONITOR_SERVER_URL: collector.url }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  app.stderr!.on('data', (chunk) => (stderr += chunk))
  url = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    app.stdout!.on('data', (chunk) => {
      stdout += chunk
      const line = stdout.split('\n').find((text) => text.startsWith('LISTENING '))
      if (line) resolve(JSON.parse(line.slice('LISTENING '.length)).url)
    })
    app.on('exit', (code) => reject(new Error(`the app ended (${code}): ${stderr}`)))
  })
}, 120_000)

afterAll(async () => {
  app?.kill('SIGKILL')
  await collector?.close()
})

interface Answer {
  status: number
  body: unknown
  stamp: string | null
}

async function ask(placement: Placement, route: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${url}/${placement}/${route}`, init)
  return { status: response.status, body: await response.json(), stamp: response.headers.get('x-stamp') }
}

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

/** Each request and what the app without errorweave answers. */
const REQUESTS: Array<[name: string, route: string, init: RequestInit, expected: Answer]> = [
  ['a valid DTO passes the ValidationPipe, transformed', 'orders', post({ item: 'desk', quantity: '2' }), { status: 200, body: { created: '2 x desk', isDto: true }, stamp: null }],
  ['class-validator rules reject a bad DTO', 'orders', post({ item: 'x', quantity: 0 }), { status: 400, body: { statusCode: 400, error: 'Bad Request', message: ['item must be longer than or equal to 2 characters', 'quantity must not be less than 1'] }, stamp: null }],
  ['the whitelist refuses unknown fields', 'orders', post({ item: 'desk', quantity: 1, admin: true }), { status: 400, body: { statusCode: 400, error: 'Bad Request', message: ['property admin should not exist'] }, stamp: null }],
  ['ParseIntPipe and an interceptor', 'orders/42', {}, { status: 200, body: { id: 42, type: 'number' }, stamp: 'intercepted' }],
  ['ParseIntPipe refuses text', 'orders/abc', {}, { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed (numeric string is expected)' }, stamp: null }],
  ["a service's NotFoundException", 'orders/404', {}, { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'no order 404' }, stamp: null }],
  ['the guard refuses', 'admin', {}, { status: 403, body: { statusCode: 403, error: 'Forbidden', message: 'Forbidden resource' }, stamp: null }],
  ['the guard lets an admin in', 'admin', { headers: { 'x-role': 'admin' } }, { status: 200, body: { admin: true }, stamp: null }],
  ['an async failure', 'boom', {}, { status: 500, body: { statusCode: 500, message: 'Internal server error' }, stamp: null }],
  ['a sync failure', 'sync-boom', {}, { status: 500, body: { statusCode: 500, message: 'Internal server error' }, stamp: null }],
  ['an unknown route', 'nowhere', {}, { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Cannot GET /PLACEMENT/nowhere' }, stamp: null }],
]

describe.each(PLACEMENTS)('@ErrorMonitor %s', (placement) => {
  test.each(REQUESTS)('%s: the same answer as without errorweave', async (_name, route, init, expected) => {
    const answer = await ask(placement, route, init)
    expect(answer).toEqual(JSON.parse(JSON.stringify(expected).replace('PLACEMENT', placement)))
  })
})

test('failing routes are reported by the runtime decorator, once each, and only where it is', async () => {
  const expected = PLACEMENTS.filter((placement) => placement !== 'none').flatMap((placement) => {
    const className = `${placement.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()).replace(/^\w/, (letter) => letter.toUpperCase())}Controller`
    return [
      { class: className, method: 'find', errorType: 'NotFoundException', message: 'NotFoundException: no order 404' },
      { class: className, method: 'boom', errorType: 'TypeError', message: 'TypeError: stock table missing' },
      { class: className, method: 'syncBoom', errorType: 'TypeError', message: 'TypeError: stock table missing' },
    ]
  })
  const deadline = Date.now() + 15_000
  while (collector.received.length < expected.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
  const reports = collector.received.map((request) => request.json)
  const key = (report: { class: string; method: string }) => `${report.class}.${report.method}`
  expect(reports.map(key).sort()).toEqual(expected.map(key).sort())
  for (const report of reports) {
    expect(report).toMatchObject({ woven: false, mechanism: 'decorator', line: null, futureCalls: [], ...expected.find((entry) => key(entry) === key(report)) })
  }
})
