import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Report } from 'errorweave'
import { compile, importCompiled, nativeImport } from '../../helpers/weave.js'
import { requestScope, send, startHttp, type HttpServer } from './helpers.js'

const { configure, flush, resetConfiguration, setTag, setUser, stats }: typeof import('errorweave') = await nativeImport('errorweave')

/** The failing code: woven, async, pausing twice before it throws the same error for everyone. */
const SOURCE = `
/** @ErrorMonitor */
export async function placeOrder(pause: () => Promise<void>) {
  await pause()
  await pause()
  throw new Error('order rejected: stock service said no')
}
`
const USERS = 200
let placeOrder: (pause: () => Promise<void>) => Promise<never>
let server: HttpServer
const reports: Report[] = []

/** Interleaves the requests differently each time: a microtask, a check-phase turn or a short timer. */
function pause(): Promise<void> {
  const kind = Math.floor(Math.random() * 3)
  if (kind === 0) return Promise.resolve()
  if (kind === 1) return new Promise((resolve) => setImmediate(resolve))
  return new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 4)))
}

beforeAll(async () => {
  ;({ placeOrder } = await importCompiled<{ placeOrder: typeof placeOrder }>(compile(SOURCE, 'text', {}, 'src/orders.ts'), 'orders'))
  server = await startHttp((request, response) => {
    const url = request.url ?? '/'
    requestScope.runInRequestScope(
      { method: request.method ?? 'GET', url, headers: request.headers, remoteAddress: request.socket.remoteAddress, route: '/orders/:id', params: () => ({ id: url.split('/')[2].split('?')[0] }) },
      async () => {
        const user = String(request.headers['x-request-id'])
        await pause()
        setUser({ id: user, role: 'ROLE_BUSINESS' })
        await pause()
        setTag('customer', user)
        try {
          await placeOrder(pause)
          response.end('ok')
        } catch {
          response.statusCode = 500
          response.end('failed')
        }
      },
    )
  })
})
afterAll(() => server.close())
afterEach(() => {
  reports.length = 0
  resetConfiguration()
})

/** USERS concurrent requests, user-<n> asking for order n. */
async function sendAll(): Promise<void> {
  const answers = await Promise.all(Array.from({ length: USERS }, (_, n) => send(`${server.url}/orders/${n}?by=user-${n}`, { headers: { 'x-request-id': `user-${n}` } })))
  expect(answers.every((answer) => answer.status === 500)).toBe(true)
  expect(await flush(10_000)).toBe(true)
}

function expectOwnContext(report: Report): void {
  const user = report.user!.id!
  const n = user.slice('user-'.length)
  expect(report.request).toMatchObject({ method: 'GET', route: '/orders/:id', url: `/orders/${n}?by=${user}`, params: { id: n }, query: { by: user }, headers: { 'x-request-id': user }, clientIp: '127.0.0.1' })
  expect(report.tags).toEqual({ customer: user })
  expect(report.user).toEqual({ id: user, role: 'ROLE_BUSINESS' })
}

test(`${USERS} concurrent requests with interleaved awaits: each report carries its own request and user`, async () => {
  configure({ aggregateWindowMs: 0, transports: [(report) => void reports.push(report)] })
  await sendAll()
  expect(reports).toHaveLength(USERS)
  for (const report of reports) {
    expectOwnContext(report)
    expect(report).toMatchObject({ method: 'placeOrder', mechanism: 'woven', count: 1, affectedUsers: { count: 1, sample: [report.user!.id] } })
  }
  expect(new Set(reports.map((report) => report.user!.id)).size).toBe(USERS)
  expect(new Set(reports.map((report) => report.fingerprint)).size).toBe(1)
})

test(`aggregated: ${USERS} occurrences from ${USERS} users add up exactly in count and affectedUsers`, async () => {
  configure({ aggregateWindowMs: 60_000, transports: [(report) => void reports.push(report)] })
  const before = stats()
  await sendAll()
  expect(reports).toHaveLength(2)
  const [first, rest] = reports
  expect(first.count).toBe(1)
  expect(rest.count).toBe(USERS - 1)
  expect(first.affectedUsers).toEqual({ count: 1, sample: [first.user!.id] })
  expect(rest.affectedUsers!.count).toBe(USERS - 1)
  expect(rest.affectedUsers!.sample).toHaveLength(10)
  // The aggregated report carries its own first occurrence's request and user, consistent with each other.
  expectOwnContext(first)
  expectOwnContext(rest)
  expect(rest.user!.id).not.toBe(first.user!.id)
  expect(rest.affectedUsers!.sample[0]).toBe(rest.user!.id)
  const sampled = new Set([...first.affectedUsers!.sample, ...rest.affectedUsers!.sample])
  expect(sampled.size).toBe(11)
  expect(stats().aggregated - before.aggregated).toBe(USERS - 1)
  expect(stats().captured - before.captured).toBe(USERS)
})
