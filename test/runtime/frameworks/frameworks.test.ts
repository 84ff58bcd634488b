import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { Report } from 'errorweave'
import { compile, importCompiled, nativeImport } from '../../helpers/weave.js'
import type { RunningShop, ShopOptions } from './shop.js'

/**
 * Every framework entry against the same shop (shop.ts): real servers on 127.0.0.1,
 * real HTTP requests, the reports as the transports receive them (masked).
 */
const runtime: typeof import('errorweave') = await nativeImport('errorweave')
const shopSource = readFileSync(path.join(import.meta.dirname, 'shop.ts'), 'utf8')
const { shops }: typeof import('./shop.js') = await importCompiled(compile(shopSource, 'text', { compilerOptions: { experimentalDecorators: true } }, 'src/shop.ts'), 'shop')

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'
const SPAN_ID = '00f067aa0ba902b7'
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`
/** Requests reach the shops from 127.0.0.1: the proxy in front of them, when trusted. */
const BEHIND_PROXY: ShopOptions = { trustProxy: ['127.0.0.0/8'] }
const member = (id: string) => ({ id, role: 'member' })

const reports: Report[] = []
beforeAll(() => runtime.configure({ transports: [(report) => void reports.push(report)], aggregateWindowMs: 0 }))
afterAll(() => runtime.resetConfiguration())
beforeEach(() => void (reports.length = 0))

interface Answer {
  status: number
  headers: Array<[string, string]>
  body: string
}

async function send(shop: RunningShop, target: string, init: { method?: string; headers?: Record<string, string>; body?: unknown; raw?: string } = {}): Promise<Answer> {
  const json = init.body !== undefined || init.raw !== undefined
  const response = await fetch(shop.url + target, {
    method: init.method ?? (json ? 'POST' : 'GET'),
    headers: { 'user-agent': 'shop-test/1.0', ...(json && { 'content-type': 'application/json' }), ...init.headers },
    body: init.raw ?? (json ? JSON.stringify(init.body) : undefined),
  })
  // The date is the only header that may differ between two answers to the same request.
  return { status: response.status, headers: [...response.headers].filter(([name]) => name !== 'date'), body: await response.text() }
}

/** The reports the requests so far produced, once every capture is delivered. */
async function delivered(): Promise<Report[]> {
  expect(await runtime.flush()).toBe(true)
  return reports.splice(0)
}

const shopNames = Object.keys(shops)

describe.each(shopNames)('%s', (name) => {
  let shop: RunningShop
  beforeAll(async () => {
    shop = await shops[name](BEHIND_PROXY)
  })
  afterAll(() => shop.close())

  test('an error a woven function saw: one report with route template, params, query, masked body, user, client IP, trace and tag', async () => {
    const answer = await send(shop, '/orders/42?verbose=1&tag=a&tag=b', {
      body: { item: 'desk', password: 'hunter2', card: { cvc: '123' } },
      headers: {
        'x-user': 'user01',
        'x-tenant': 'acme',
        'x-forwarded-for': '203.0.113.7',
        'x-request-id': 'req-1',
        traceparent: TRACEPARENT,
        authorization: 'Bearer abcdefghijklmnop',
        cookie: 'session=s3cr3t',
      },
    })
    expect(answer.status).toBe(500)
    const [report, ...others] = await delivered()
    expect(others).toStrictEqual([])
    expect(report).toMatchObject({ mechanism: 'woven', class: 'OrderService', method: 'place', errorType: 'Error', woven: true })
    expect(report.message).toContain('order 42 refused')
    expect(report.request).toStrictEqual({
      method: 'POST',
      route: '/orders/:id',
      url: '/orders/42?verbose=1&tag=a&tag=b',
      params: { id: '42' },
      query: { verbose: '1', tag: ['a', 'b'] },
      body: { item: 'desk', password: '[masked]', card: { cvc: '[masked]' } },
      headers: { 'user-agent': 'shop-test/1.0', 'content-type': 'application/json', 'x-request-id': 'req-1' },
      clientIp: '203.0.113.7',
    })
    expect(report.user).toStrictEqual(member('user01'))
    expect(report.tags).toStrictEqual({ tenant: 'acme' })
    expect([report.traceId, report.spanId]).toStrictEqual([TRACE_ID, SPAN_ID])
    expect(JSON.stringify(report)).not.toMatch(/hunter2|abcdefghijklmnop|s3cr3t/)
  })

  test('a route error no woven function saw: mechanism "framework", once; an untrusted hop ends X-Forwarded-For', async () => {
    const answer = await send(shop, '/plain/7', { headers: { 'x-user': 'user02', 'x-forwarded-for': '203.0.113.7, 198.51.100.9' } })
    expect(answer.status).toBe(500)
    const [report, ...others] = await delivered()
    expect(others).toStrictEqual([])
    expect(report).toMatchObject({ mechanism: 'framework', errorType: 'RangeError', woven: false })
    expect(report.message).toContain('no plain 7')
    expect(report.request).toMatchObject({ method: 'GET', route: '/plain/:id', url: '/plain/7', params: { id: '7' }, clientIp: '198.51.100.9' })
    expect(report.request).not.toHaveProperty('body')
    expect(report.user).toStrictEqual(member('user02'))
    expect(report).not.toHaveProperty('tags')
    expect(report).not.toHaveProperty('traceId')
  })

  test('an error thrown after an await in a nested router: the full route template, once', async () => {
    await send(shop, '/v2/later/9?page=2', { headers: { 'x-user': 'user03' } })
    const [report, ...others] = await delivered()
    expect(others).toStrictEqual([])
    expect(report).toMatchObject({ mechanism: 'framework', errorType: 'Error' })
    expect(report.message).toContain('later 9')
    expect(report.request).toMatchObject({ route: '/v2/later/:id', params: { id: '9' }, query: { page: '2' }, clientIp: '127.0.0.1' })
    expect(report.user).toStrictEqual(member('user03'))
  })

  test('a body over 2,000 characters of JSON: masked, then cut', async () => {
    // Words of 8 letters: the word the cut splits goes (masked, or dropped when shorter than the mask).
    await send(shop, '/orders/43', { body: { password: 'hunter2', note: 'abcdefgh '.repeat(600) } })
    const [report] = await delivered()
    const body = report.request?.body as string
    expect(body.length).toBeLessThanOrEqual(2000)
    expect(body.length).toBeGreaterThan(1990)
    // The cut JSON is text now: the report's masking passes over it once more (and drops the quotes around a mask).
    expect(body).toMatch(/^\{"password":"?\[masked]"?,"note":"(abcdefgh )+(\[masked])?\.\.\.\[truncated]$/)
  })

  test('a body the parser refuses: one framework report, without the unparsed text', async () => {
    const answer = await send(shop, '/orders/46', { raw: '{"item": "desk", "password": "hunter2' })
    expect(answer.status).toBeGreaterThanOrEqual(400)
    const [report, ...others] = await delivered()
    expect(others).toStrictEqual([])
    expect(report).toMatchObject({ mechanism: 'framework', request: { method: 'POST', url: '/orders/46' } })
    expect(report.request).not.toHaveProperty('body')
  })

  test('concurrent requests keep their own request and user', async () => {
    const ids = Array.from({ length: 20 }, (_, index) => String(index))
    await Promise.all(ids.map((id) => send(shop, `/v2/later/${id}`, { headers: { 'x-user': `user-${id}` } })))
    const byId = new Map((await delivered()).map((report) => [report.request?.params?.id, report]))
    expect([...byId.keys()].sort()).toStrictEqual([...ids].sort())
    for (const [id, report] of byId) {
      expect(report.user).toStrictEqual(member(`user-${id}`))
      expect(report.message).toContain(`later ${id}`)
    }
  })
})

describe.each(shopNames)('%s, default options and a custom allow-list', (name) => {
  let shop: RunningShop
  beforeAll(async () => {
    shop = await shops[name]({ headers: ['x-tenant', 'authorization', 'cookie'], body: false })
  })
  afterAll(() => shop.close())

  test('no trusted proxy: X-Forwarded-For is not believed; only allow-listed headers, never credentials; no body', async () => {
    await send(shop, '/orders/44', { body: { item: 'lamp' }, headers: { 'x-forwarded-for': '203.0.113.7', 'x-tenant': 'acme', authorization: 'Basic dXNlcjpwYXNzd29yZA==', cookie: 'a=b' } })
    const [report] = await delivered()
    expect(report.request).toStrictEqual({ method: 'POST', route: '/orders/:id', url: '/orders/44', params: { id: '44' }, headers: { 'x-tenant': 'acme' }, clientIp: '127.0.0.1' })
  })
})

/** The same requests as above, answered with and without errorweave. */
const COMPARED: Array<[target: string, init?: Parameters<typeof send>[2]]> = [
  ['/ok/1?a=1&a=2', { headers: { 'x-user': 'user01' } }],
  ['/orders/42?verbose=1', { body: { item: 'desk', password: 'hunter2' }, headers: { 'x-tenant': 'acme', traceparent: TRACEPARENT } }],
  ['/plain/7', { headers: { 'x-forwarded-for': '203.0.113.7' } }],
  ['/v2/later/9'],
  ['/missing'],
  ['/orders/45', { method: 'POST', headers: { 'content-type': 'application/json' }, body: undefined }],
  ['/orders/46', { raw: '{"item": "desk", "password": ' }],
]

describe.each(shopNames)('%s answers byte for byte as without errorweave', (name) => {
  const plain: Answer[] = []
  const woven: Answer[] = []
  beforeAll(async () => {
    for (const [options, answers] of [[undefined, plain], [BEHIND_PROXY, woven]] as const) {
      const shop = await shops[name](options)
      for (const [target, init] of COMPARED) answers.push(await send(shop, target, init))
      await shop.close()
    }
    await delivered()
  })

  test.each(COMPARED.map(([target], index) => [target, index] as const))('%s', (_, index) => {
    expect(woven[index]).toStrictEqual(plain[index])
  })
})
