import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import type { Report } from 'errorweave'
import { isSensitiveKey, MASK, maskText } from '../../../src/runtime/mask/mask.js'
import { postWithFetch } from '../../../src/runtime/delivery/post-fetch.js'
import { createSender, retryAfterMs } from '../../../src/runtime/delivery/sender.js'
import { nativeImport } from '../../helpers/weave.js'
import { closedPort, startServer, type TestServer } from '../helpers/servers.js'

/** The one runtime instance of this worker (the one natively imported woven code would use). */
const runtime: typeof import('errorweave') = await nativeImport('errorweave')
const { capture, configure, flush, resetConfiguration, stats, table } = runtime

const moduleTable = table(JSON.stringify([3, 'src/details.ts', [], [[null, 'work', 1, 1, [[1, 3]]]], 0]))

/** Runs `action` and returns what it warned (console.warn), without printing it. */
async function warned(action: () => unknown): Promise<string[]> {
  const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  try {
    await action()
    return spy.mock.calls.map((call) => String(call[0]))
  } finally {
    spy.mockRestore()
  }
}

describe('masking details', () => {
  test('a value already masked (a known secret after a name) stays one clean mask', () => {
    expect(maskText('token=ABC123XYZ rejected', ['ABC123XYZ'])).toBe(`token=${MASK} rejected`)
    expect(maskText(`secret: ${MASK}, next`)).toBe(`secret: ${MASK}, next`)
    expect(maskText(`"password": "${MASK}"`)).toBe(`"password": ${MASK}`)
  })

  test.each(['passphrase', 'cvv', 'secretKey', 'resident_number', 'X-Session-Id', 'PRIVATE_KEY', 'jwt', 'clientSecret'])('%s is sensitive', (key) => expect(isSensitiveKey(key)).toBe(true))
  test.each(['sessionized', 'authority', 'passenger', 'tokens_used', 'apiVersion', 'cardHolder'])('%s is not', (key) => expect(isSensitiveKey(key)).toBe(false))
})

describe('configure() details', () => {
  afterEach(() => resetConfiguration())

  test('null clears a code-only setting too, without a warning', async () => {
    const reports: Report[] = []
    configure({ transports: [(report) => void reports.push(report)], timeoutMs: 300, beforeSend: (report) => report })
    expect(await warned(() => configure({ transports: null as never, timeoutMs: null as never, beforeSend: null }))).toStrictEqual([])
    capture(new Error('after clearing'), moduleTable, 0, 1)
    await flush()
    expect(reports).toStrictEqual([])
  })

  test('a value that is neither text, number nor boolean is described by its type', async () => {
    expect(await warned(() => configure({ service: [1, 2] as never, release: {} as never }))).toStrictEqual([
      'errorweave: configure(): service: a value of type object is not text of 1 to 200 characters; ignored',
      'errorweave: configure(): release: a value of type object is not text of 1 to 200 characters; ignored',
    ])
  })
})

describe('HTTP details', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer((request) => (request.path === '/hang' ? 'hang' : { status: 201, headers: { 'retry-after': '3', 'x-seen': request.headers['x-api-key'] as string }, body: 'stored' }))
  })
  afterAll(() => server.close())

  test('fetch delivery: headers out, status, headers and body back', async () => {
    const reply = await postWithFetch({ url: new URL(`${server.url}/r`), headers: { 'x-api-key': 'k-1', 'content-type': 'application/json' }, body: '{"a":1}', timeoutMs: 5000 })
    expect(reply.status).toBe(201)
    expect(reply.header('x-seen')).toBe('k-1')
    expect(reply.body).toBe('stored')
    expect(server.received.at(-1)).toMatchObject({ path: '/r', json: { a: 1 } })
  })

  test('fetch delivery: no reply in time is a timeout, a closed port a network error', async () => {
    const request = { headers: {}, body: '{}', timeoutMs: 200 }
    await expect(postWithFetch({ ...request, url: new URL(`${server.url}/hang`) })).rejects.toMatchObject({ kind: 'timeout', message: 'no reply within 200 ms' })
    await expect(postWithFetch({ ...request, url: new URL(`http://127.0.0.1:${await closedPort()}/r`) })).rejects.toMatchObject({ kind: 'network' })
  })

  test('Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000)
    expect(retryAfterMs(' 0 ')).toBe(0)
    expect(retryAfterMs(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(55_000)
    expect(retryAfterMs(new Date(Date.now() - 60_000).toUTCString())).toBe(0)
    expect(retryAfterMs('soon')).toBeUndefined()
    expect(retryAfterMs(null)).toBeUndefined()
  })

  test('a report the server refuses (4xx) is dropped at once, counted, with one warning naming the destination', async () => {
    const refusing = await startServer(() => ({ status: 400 }))
    try {
      const before = stats().server ?? { delivered: 0, failed: 0 }
      const said = await warned(async () => {
        configure({ serverUrl: `${refusing.url}/report` })
        capture(new Error('refused one'), moduleTable, 0, 1)
        expect(await flush(5000)).toBe(false)
      })
      expect(said).toStrictEqual(['errorweave: server-url: a report refused with HTTP 400 is dropped'])
      expect(refusing.received).toHaveLength(1)
      expect(stats().server).toMatchObject({ delivered: before.delivered, failed: before.failed + 1, queued: 0 })
    } finally {
      resetConfiguration()
      await refusing.close()
    }
  })
})

describe('the page goes away while a report is in flight', () => {
  let server: TestServer
  // The first request never gets a reply, as one cut off by the page closing.
  beforeAll(async () => {
    server = await startServer((_request, index) => (index === 0 ? 'hang' : { status: 202 }))
  })
  afterAll(() => server.close())

  test('unload posts it again under the same Idempotency-Key, for the collector to keep once', async () => {
    const sender = createSender({
      label: 'test',
      destination: () => ({ url: new URL(`${server.url}/report`), headers: {} }),
      encode: (report) => JSON.stringify(report),
      waitFrom: () => undefined,
    })
    sender.send({ method: 'inFlight' } as unknown as Report)
    await until(() => server.received.length === 1)
    sender.unload()
    await until(() => server.received.length === 2)
    const [first, again] = server.received
    expect(again.headers['idempotency-key']).toBe(first.headers['idempotency-key'])
    expect(again.body).toBe(first.body)
  })
})

/** Polls `condition` for up to 3 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition() && waited < 3000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20))
}
