import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startCollector, type Collector } from '../../packages/collector/src/server.js'
import { postReport, sampleReport, send, tempDb } from './helpers.js'

const APIKEY = 'collector-test-key'

describe('a collector with an API key, on a database file', () => {
  const db = tempDb()
  const printed: string[] = []
  let collector: Collector
  const start = () => startCollector({ port: 0, db, apikey: APIKEY, out: null, print: (line) => printed.push(line) })
  beforeAll(async () => {
    collector = await start()
  })
  afterAll(() => collector.close())
  const post = (report: unknown, headers: Record<string, string> = {}) => postReport(collector.url, report, { 'x-api-key': APIKEY, ...headers })

  test('reports survive a restart, and so does the Idempotency-Key dedupe', async () => {
    expect((await post(sampleReport(), { 'idempotency-key': 'retry-1' })).status).toBe(202)
    expect((await post(sampleReport({ fingerprint: 'fp-two', message: 'Error: two' }))).status).toBe(202)
    await collector.close()
    collector = await start()
    expect(await post(sampleReport(), { 'idempotency-key': 'retry-1' })).toMatchObject({ status: 200, json: { duplicate: true } })
    const reports = await send(collector.url, 'GET', '/reports')
    expect(reports.json).toStrictEqual([sampleReport(), sampleReport({ fingerprint: 'fp-two', message: 'Error: two' })])
    expect((await send(collector.url, 'GET', '/api/reports?fingerprint=fp-two')).json).toStrictEqual([sampleReport({ fingerprint: 'fp-two', message: 'Error: two' })])
    const issues = await send(collector.url, 'GET', '/api/issues?q=reading')
    expect((await send(collector.url, 'GET', '/api/issues')).json.total).toBe(2)
    expect(issues.json.issues[0]).toMatchObject({ fingerprint: 'fp-order-place', occurrences: 1, users: 1, status: 'open', trend: expect.any(Array) })
  })

  test('every malformed or unauthorised request gets its status code, and the next report is stored normally', async () => {
    const cases: Array<[string, Promise<{ status: number; json: any }>, number, RegExp]> = [
      ['no API key', postReport(collector.url, sampleReport()), 401, /X-API-Key/],
      ['wrong API key', postReport(collector.url, sampleReport(), { 'x-api-key': 'nope' }), 401, /X-API-Key/],
      ['invalid JSON', post('{"message": "unterminated'), 400, /not JSON/],
      ['a message that is an object', post('{"message":{"toString":1}}'), 400, /`message` must be a string/],
      ['no message', post({ class: 'A' }), 400, /`message` must be a string/],
      ['a line that is text', post(sampleReport({ line: 'forty-five' })), 400, /`line` must be a number/],
      ['a count of zero', post(sampleReport({ count: 0 })), 400, /`count`/],
      ['a chain of strings', post(sampleReport({ chain: ['x'] })), 400, /`chain`/],
      ['a list', post([sampleReport()]), 400, /one JSON object/],
      ['null', post('null'), 400, /one JSON object/],
      ['2 MiB', post(JSON.stringify(sampleReport({ stack: 'x'.repeat(2 * 1024 * 1024) }))), 413, /larger than 1 MiB/],
    ]
    for (const [name, answer, status, error] of cases) {
      const { status: got, json } = await answer
      expect({ name, status: got, error: json?.error }).toMatchObject({ name, status, error: expect.stringMatching(error) })
    }
    const before = (await send(collector.url, 'GET', '/api/issues')).json.issues[0].occurrences
    expect((await post(sampleReport({ count: 5 }))).status).toBe(202)
    expect((await send(collector.url, 'GET', '/api/issues?q=reading')).json.issues[0].occurrences).toBe(before + 5)
    expect((await send(collector.url, 'GET', '/health')).json).toStrictEqual({ ok: true })
  })

  test('reports arriving together are each stored and counted once, each Idempotency-Key once', async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, (_, index) => post(sampleReport({ fingerprint: 'fp-burst', count: 2 }), { 'idempotency-key': `burst-${index % 40}` })))
    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(40)
    expect(answers.filter((answer) => answer.status === 200 && answer.json.duplicate)).toHaveLength(20)
    expect((await send(collector.url, 'GET', '/api/reports?fingerprint=fp-burst')).json).toHaveLength(40)
    const issue = (await send(collector.url, 'GET', '/api/issues')).json.issues.find((item: { fingerprint: string }) => item.fingerprint === 'fp-burst')
    expect(issue).toMatchObject({ occurrences: 80, users: 1 })
  })

  test('reads have no CORS; report POSTs do; a page of another origin cannot change an issue', async () => {
    const read = await send(collector.url, 'GET', '/api/issues', { headers: { origin: 'http://evil.example' } })
    expect(read.status).toBe(200)
    expect(read.headers['access-control-allow-origin']).toBeUndefined()
    expect((await send(collector.url, 'OPTIONS', '/report')).headers['access-control-allow-origin']).toBe('*')
    expect((await send(collector.url, 'OPTIONS', '/api/issues/1')).headers['access-control-allow-origin']).toBeUndefined()
    const form = { 'content-type': 'application/x-www-form-urlencoded' }
    expect((await send(collector.url, 'POST', '/issues/1/status', { headers: { ...form, origin: 'http://evil.example' }, body: 'status=resolved' })).status).toBe(403)
    expect((await send(collector.url, 'POST', '/issues/1/status', { headers: { ...form, 'sec-fetch-site': 'cross-site' }, body: 'status=resolved' })).status).toBe(403)
    expect((await send(collector.url, 'POST', '/api/issues/1', { headers: { 'content-type': 'text/plain' }, body: '{"status":"resolved"}' })).status).toBe(415)
    expect((await send(collector.url, 'POST', '/api/issues/1', { headers: { 'content-type': 'application/json' }, body: '{"status":"gone"}' })).status).toBe(400)
    expect((await send(collector.url, 'GET', '/api/issues/1')).json.issue.status).toBe('open')
    const own = await send(collector.url, 'POST', '/issues/1/status', { headers: { ...form, origin: collector.url, 'sec-fetch-site': 'same-origin' }, body: 'status=resolved' })
    expect(own).toMatchObject({ status: 303, headers: { location: '/issues/1' } })
    expect((await send(collector.url, 'POST', '/api/issues/1', { headers: { 'content-type': 'application/json' }, body: '{"status":"open"}' })).json.issue.status).toBe('open')
  })

  test('a Host header that is not loopback (DNS rebinding) reads nothing', async () => {
    const rebound = await send(collector.url, 'GET', '/api/reports', { headers: { host: 'attacker.example:80' } })
    expect(rebound.status).toBe(403)
    expect(rebound.text).not.toContain('fp-order-place')
    expect((await send(collector.url, 'GET', '/', { headers: { host: `localhost:${collector.port}` } })).status).toBe(200)
  })

  test('report text is escaped in the pages (with a CSP that runs no script) and stripped of control codes in the terminal', async () => {
    const hostile = sampleReport({ fingerprint: 'fp-hostile', message: 'Error: <script>alert(1)</script><img src=x onerror=alert(2)>\u001b[2J\u001b]0;pwned\u0007', class: '<b>Evil</b>' })
    const { json } = await post(hostile)
    for (const pathname of ['/', `/issues/${json.issue}`]) {
      const page = await send(collector.url, 'GET', pathname)
      expect(page.headers['content-security-policy']).toContain("default-src 'none'")
      expect(page.text).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
      expect(page.text).not.toMatch(/<script|<img|<b>Evil/)
    }
    const line = printed.find((entry) => entry.includes('fp-hostile') || entry.includes('alert(1)'))!
    expect(line).toContain('Error: <script>alert(1)</script>')
    expect(line).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/)
  })

  test('the list pages by 50, in the API and on the dashboard', async () => {
    await Promise.all(Array.from({ length: 55 }, (_, index) => post(sampleReport({ fingerprint: `fp-page-${index}`, service: 'paged' }))))
    const pages = await Promise.all([1, 2].map((page) => send(collector.url, 'GET', `/api/issues?service=paged&page=${page}`)))
    expect(pages.map((answer) => [answer.json.total, answer.json.issues.length])).toStrictEqual([[55, 50], [55, 5]])
    expect(new Set(pages.flatMap((answer) => answer.json.issues.map((issue: { fingerprint: string }) => issue.fingerprint))).size).toBe(55)
    expect((await send(collector.url, 'GET', '/api/issues?service=paged&limit=20&page=3')).json.issues).toHaveLength(15)
    const second = await send(collector.url, 'GET', '/?service=paged&page=2')
    expect(second.text).toContain('55 issues, 51–55 shown')
    expect(second.text).toContain('href="/?service=paged&#38;page=1">← newer</a>')
  })

  test('unknown issues and endpoints are 404', async () => {
    expect((await send(collector.url, 'GET', '/issues/999999')).status).toBe(404)
    expect((await send(collector.url, 'GET', '/api/issues/999999')).status).toBe(404)
    expect((await send(collector.url, 'GET', '/api/nothing')).status).toBe(404)
    expect((await send(collector.url, 'DELETE', '/api/issues/1')).status).toBe(405)
  })
})

describe('a collector with a dashboard token', () => {
  let collector: Collector
  beforeAll(async () => {
    collector = await startCollector({ port: 0, db: tempDb(), token: 'dash-token', out: null, print: () => undefined })
  })
  afterAll(() => collector.close())

  test('the dashboard and /api/ need the token; reports do not; ?token= sets an HttpOnly cookie', async () => {
    expect((await postReport(collector.url, sampleReport())).status).toBe(202)
    expect((await send(collector.url, 'GET', '/api/issues')).status).toBe(401)
    expect((await send(collector.url, 'GET', '/api/issues', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
    expect((await send(collector.url, 'GET', '/api/issues', { headers: { authorization: 'Bearer dash-token' } })).json.total).toBe(1)
    expect((await send(collector.url, 'GET', '/')).status).toBe(401)
    expect((await send(collector.url, 'GET', '/?token=wrong')).status).toBe(401)
    const login = await send(collector.url, 'GET', '/?status=open&token=dash-token')
    expect(login).toMatchObject({ status: 303, headers: { location: '/?status=open' } })
    const cookie = String(login.headers['set-cookie']).split(';')[0]
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/)
    expect((await send(collector.url, 'GET', '/', { headers: { cookie } })).text).toContain('OrderService.place')
    expect((await send(collector.url, 'GET', '/', { headers: { cookie: 'errorweave_token=%E0%A4%A' } })).status).toBe(401)
  })

  test('a trace URL must be http(s) with {traceId}', async () => {
    await expect(startCollector({ port: 0, traceUrl: 'javascript:alert({traceId})', out: null })).rejects.toThrow('--trace-url is an http(s) URL with {traceId} in it')
    await expect(startCollector({ port: 0, traceUrl: 'https://grafana.example.com/explore', out: null })).rejects.toThrow('--trace-url')
  })

  test('beyond loopback it refuses to start without a token', async () => {
    await expect(startCollector({ port: 0, host: '0.0.0.0', db: tempDb(), out: null })).rejects.toThrow('--host 0.0.0.0 reaches beyond this machine: set a dashboard token')
  })
})
