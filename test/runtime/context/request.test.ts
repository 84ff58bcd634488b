import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { IncomingMessage } from 'node:http'
import type { Report } from 'errorweave'
import { compile, importCompiled, nativeImport, ROOT } from '../../helpers/weave.js'
import type { RequestOptions } from '../../../src/runtime/context/types.js'
import { requestScope, send, startHttp } from './helpers.js'

const { configure, flush, resetConfiguration, setTag }: typeof import('errorweave') = await nativeImport('errorweave')
const { hooks }: typeof import('../../../src/runtime/platform/hooks.js') = await nativeImport(pathToFileURL(path.join(ROOT, 'dist/runtime/platform/hooks.js')).href)

const SOURCE = `
/** @ErrorMonitor */
export function save(order: unknown) {
  throw new Error('cannot save order')
}
`
let save: (order: unknown) => never
const reports: Report[] = []

beforeAll(async () => {
  ;({ save } = await importCompiled<{ save: typeof save }>(compile(SOURCE, 'text', {}, 'src/save.ts'), 'request-save'))
})
beforeEach(() => configure({ aggregateWindowMs: 0, transports: [(report) => void reports.push(report)] }))
afterEach(() => {
  reports.length = 0
  resetConfiguration()
})

/** Reads a JSON body the way a body parser does: after the context was set up, onto request.body. */
function parseBody(request: IncomingMessage & { body?: unknown }): Promise<void> {
  return new Promise((resolve) => {
    let text = ''
    request.setEncoding('utf8')
    request.on('data', (chunk) => (text += chunk))
    request.on('end', () => {
      if (text) request.body = JSON.parse(text)
      resolve()
    })
  })
}

/**
 * A server whose requests run in request scopes with `options`; the handler parses
 * the body after the scope began, then fails in woven code (or hands the error to
 * `onError`, a framework's error hook).
 */
async function reportFor(options: RequestOptions, request: { method?: string; path?: string; headers?: Record<string, string>; body?: string }, onError?: (error: unknown) => void): Promise<Report[]> {
  const server = await startHttp((incoming: IncomingMessage & { body?: unknown }, response) => {
    requestScope.runInRequestScope({ method: incoming.method!, url: incoming.url!, headers: incoming.headers, remoteAddress: incoming.socket.remoteAddress, body: () => incoming.body, options }, async () => {
      await parseBody(incoming)
      requestScope.updateRequest({ route: '/orders/:id', params: { id: '42' } })
      setTag('tenant', 'acme')
      try {
        save(incoming.body)
      } catch (error) {
        onError?.(error)
        response.statusCode = 500
      }
      response.end()
    })
  })
  try {
    await send(`${server.url}${request.path ?? '/orders/42?verbose=1'}`, { method: request.method ?? 'POST', headers: request.headers, body: request.body })
    expect(await flush()).toBe(true)
    return [...reports]
  } finally {
    await server.close()
  }
}

test('a report names the route template, params, query, parsed body (masked), allow-listed headers and client IP', async () => {
  const [report] = await reportFor(
    {},
    {
      headers: { 'content-type': 'application/json', 'user-agent': 'curl/8.5', authorization: 'Bearer abcdefghijklmnop', cookie: 'sid=123456789', 'x-request-id': 'req-7', 'x-internal': 'not listed' },
      body: JSON.stringify({ item: 'desk', password: 'hunter2hunter2', nested: { apiKey: 'k-123456789' } }),
    },
  )
  expect(report.request).toEqual({
    method: 'POST',
    route: '/orders/:id',
    url: '/orders/42?verbose=1',
    params: { id: '42' },
    query: { verbose: '1' },
    body: { item: 'desk', password: '[masked]', nested: { apiKey: '[masked]' } },
    headers: { 'user-agent': 'curl/8.5', 'content-type': 'application/json', 'x-request-id': 'req-7' },
    clientIp: '127.0.0.1',
  })
  expect(report.tags).toEqual({ tenant: 'acme' })
  expect(JSON.stringify(report)).not.toMatch(/hunter2|abcdefghijklmnop|sid=123456789|k-123456789/)
})

test('credentials never leave, even when the header allow-list names them', async () => {
  const [report] = await reportFor({ headers: ['authorization', 'cookie', 'x-api-key', 'accept-language'] }, { headers: { authorization: 'Basic dXNlcjpwYXNzd29yZA==', cookie: 'sid=1', 'x-api-key': 'abc', 'accept-language': 'ko-KR' } })
  expect(report.request!.headers).toEqual({ 'accept-language': 'ko-KR' })
})

test('a body over 2,000 characters of JSON is that JSON cut to 2,000, masked by key first', async () => {
  const body = { password: 'hunter2hunter2', notes: 'x'.repeat(5000) }
  const [report] = await reportFor({}, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const kept = report.request!.body as string
  expect(typeof kept).toBe('string')
  // Cut at 2,000 here; the report's text masking may then shorten `"[masked]"` by its quotes.
  expect(kept.length).toBeGreaterThan(1990)
  expect(kept.length).toBeLessThanOrEqual(2000)
  expect(kept).toMatch(/^\{"password":"?\[masked]"?,"notes":"xxx/)
  expect(kept).not.toContain('hunter2')
  expect(kept.endsWith('...[truncated]')).toBe(true)
})

test('body: false keeps no body; a GET without body has none', async () => {
  const [withOption] = await reportFor({ body: false }, { body: JSON.stringify({ item: 'desk' }), headers: { 'content-type': 'application/json' } })
  expect(withOption.request!.body).toBeUndefined()
  reports.length = 0
  const [get] = await reportFor({}, { method: 'GET' })
  expect(get.request!.body).toBeUndefined()
})

describe('trace ids', () => {
  const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736'
  const SPAN = '00f067aa0ba902b7'

  test('from a valid W3C traceparent header', async () => {
    const [report] = await reportFor({}, { headers: { traceparent: `00-${TRACE}-${SPAN}-01` } })
    expect(report).toMatchObject({ traceId: TRACE, spanId: SPAN })
  })

  test.each([
    ['upper-case hex', `00-${TRACE.toUpperCase()}-${SPAN}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN}-01`],
    ['an all-zero span id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE}-${SPAN}-01`],
    ['version 00 with more fields', `00-${TRACE}-${SPAN}-01-extra`],
    ['a short trace id', `00-${TRACE.slice(1)}-${SPAN}-01`],
  ])('not from an invalid one: %s', async (_, header) => {
    const [report] = await reportFor({}, { headers: { traceparent: header } })
    expect(report.traceId).toBeUndefined()
    expect(report.spanId).toBeUndefined()
  })

  test('a future version may carry more fields', async () => {
    const [report] = await reportFor({}, { headers: { traceparent: `01-${TRACE}-${SPAN}-01-what-comes-next` } })
    expect(report.traceId).toBe(TRACE)
  })

  test('the active span (hooks.activeTrace, set by errorweave/otel) wins over the header', async () => {
    hooks.activeTrace = () => ({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) })
    try {
      const [report] = await reportFor({}, { headers: { traceparent: `00-${TRACE}-${SPAN}-01` } })
      expect(report).toMatchObject({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) })
    } finally {
      delete hooks.activeTrace
    }
  })
})

describe('client IP and trustProxy', () => {
  const FORWARDED = { 'x-forwarded-for': '203.0.113.7, 198.51.100.2, 10.1.2.3' }
  test.each<[string, RequestOptions['trustProxy'], string]>([
    ['no trusted proxy: the socket peer, X-Forwarded-For ignored', false, '127.0.0.1'],
    ['every proxy trusted: the leftmost address', true, '203.0.113.7'],
    ['one hop trusted: the address the proxy received from', 1, '10.1.2.3'],
    ['two hops trusted', 2, '198.51.100.2'],
    ['more hops than addresses: the leftmost', 9, '203.0.113.7'],
    ['trusted by address: the first untrusted from the right', ['127.0.0.1', '10.0.0.0/8'], '198.51.100.2'],
    ['trusted by name and CIDR list in one string', 'loopback, uniquelocal, 198.51.100.0/24', '203.0.113.7'],
    ['the peer not in the list: the peer', ['10.0.0.0/8'], '127.0.0.1'],
  ])('%s', async (_, trustProxy, expected) => {
    const [report] = await reportFor({ trustProxy }, { headers: FORWARDED })
    expect(report.request!.clientIp).toBe(expected)
  })
})

describe('framework errors: reported once', () => {
  test('an error a woven function already reported is not reported again by the framework', async () => {
    const answers: boolean[] = []
    const all = await reportFor({}, {}, (error) => {
      answers.push(requestScope.reportFrameworkError(error))
    })
    expect(answers).toEqual([false])
    expect(all.map((report) => report.mechanism)).toEqual(['woven'])
  })

  test('an error no woven function saw is reported with mechanism "framework", once, with the request', async () => {
    const answers: boolean[] = []
    const server = await startHttp((incoming, response) => {
      requestScope.runInRequestScope({ method: incoming.method!, url: incoming.url!, headers: incoming.headers, remoteAddress: incoming.socket.remoteAddress }, () => {
        requestScope.updateRequest({ route: '/health' })
        const error = new Error('handler failed')
        answers.push(requestScope.reportFrameworkError(error), requestScope.reportFrameworkError(error))
        response.statusCode = 500
        response.end()
      })
    })
    await send(`${server.url}/health`)
    await server.close()
    await flush()
    expect(answers).toEqual([true, false])
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ mechanism: 'framework', message: 'Error: handler failed', request: { method: 'GET', route: '/health', url: '/health' } })
  })

  test('outside any request scope, inRequestScope() is false and the error is still reported', async () => {
    expect(requestScope.inRequestScope()).toBe(false)
    expect(requestScope.reportFrameworkError(new Error('no request'))).toBe(true)
    await flush()
    expect(reports[0]).toMatchObject({ mechanism: 'framework' })
    expect(reports[0].request).toBeUndefined()
  })
})
