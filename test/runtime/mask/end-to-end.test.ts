import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Report } from 'errorweave'
import { MASK } from '../../../src/runtime/mask/mask.js'
import { compile, importCompiled, nativeImport } from '../../helpers/weave.js'
import { startServer, type TestServer } from '../helpers/servers.js'
import { ORDINARY_TEXT, SECRET_FORMATS, type SecretFormat } from './formats.js'

/**
 * Every secret format, in every place a secret reaches a report, through a real woven
 * function, the real pipeline and a real HTTP POST to a collector on 127.0.0.1.
 */
const { configure, flush, resetConfiguration }: typeof import('errorweave') = await nativeImport('errorweave')

const PLACES = ['message', 'cause', 'stack', 'thrown object', 'cause object', 'request data'] as const
type Place = (typeof PLACES)[number]

const woven = await importCompiled<{ fail(place: Place, label: string, text: string, key: string, value: string): void }>(
  compile(
    `/** @ErrorMonitor */
export function fail(place: string, label: string, text: string, key: string, value: string) {
  if (place === 'message') throw new Error(text)
  if (place === 'cause') throw new Error('cause: ' + label, { cause: new Error(text) })
  if (place === 'stack') {
    const error = new Error(text)
    void error.stack
    error.message = 'stack only: ' + label
    throw error
  }
  if (place === 'thrown object') throw { code: 'E_FAIL', label, [key]: value }
  if (place === 'cause object') throw new Error('cause object: ' + label, { cause: { code: 'E_CAUSE', [key]: value } })
  throw new Error('request data: ' + label)
}`,
    'text',
    {},
    'src/fail.ts',
  ),
  'mask-end-to-end',
)

/** What the request-data case adds, as the context helpers (section 11) will: every field a secret can reach. */
let requestData: Partial<Report> = {}
let server: TestServer

beforeAll(async () => {
  server = await startServer(() => ({ status: 200 }))
  configure({ serverUrl: server.url, beforeSend: (report) => ({ ...report, ...requestData }) })
})
afterAll(async () => {
  resetConfiguration()
  await server.close()
})

/** The one report a call produced, as the collector received it. */
async function reportOf(call: () => void): Promise<Report & { properties?: Record<string, unknown> }> {
  const before = server.received.length
  expect(call).toThrow()
  expect(await flush()).toBe(true)
  const received = server.received.slice(before)
  expect(received).toHaveLength(1)
  return received[0].json
}

function dataFor(format: SecretFormat): Partial<Report> {
  const [key, value] = format.property ?? ['detail', format.text]
  return {
    request: { method: 'POST', url: format.property ? `/login?${key}=${encodeURIComponent(value)}` : '/login', headers: { [key]: value, 'user-agent': 'curl/8.5' }, query: { [key]: value }, body: { item: 'desk', [key]: value, note: format.text } },
    user: { id: 'user01', note: format.text },
    tags: { tenant: 'acme', [key]: value },
    contexts: { upstream: { [key]: value, log: [format.text] } },
  }
}

describe.each(PLACES)('secrets in %s', (place) => {
  test.each(SECRET_FORMATS)('$name is masked', async (format) => {
    const [key, value] = format.property ?? ['detail', format.text]
    requestData = place === 'request data' ? dataFor(format) : {}
    const report = await reportOf(() => woven.fail(place, format.name, format.text, key, value))
    const sent = JSON.stringify(report)
    for (const leak of format.leaks) expect(sent).not.toContain(JSON.stringify(leak).slice(1, -1))
    expect(sent).toContain(MASK)
    expect(report).toMatchObject({ woven: true, mechanism: 'woven', method: 'fail', file: 'src/fail.ts' })
    if (place === 'thrown object') expect(report.properties).toMatchObject({ code: 'E_FAIL', label: expect.any(String), [key]: expect.stringContaining(MASK) })
    if (place === 'cause object') expect(report.cause[0].properties).toMatchObject({ code: 'E_CAUSE', [key]: expect.stringContaining(MASK) })
    if (place === 'request data') expect(report).toMatchObject({ request: { method: 'POST', headers: { 'user-agent': 'curl/8.5' }, body: { item: 'desk' } }, user: { id: 'user01' }, tags: { tenant: 'acme' } })
  })
})

describe('ordinary text is kept verbatim', () => {
  test.each(ORDINARY_TEXT)('%s', async (text) => {
    requestData = { request: { url: '/orders/42', body: { note: text } }, tags: { note: text } }
    const report = await reportOf(() => woven.fail('message', text, text, 'detail', text))
    expect(report.message).toBe(`Error: ${text}`)
    expect(report.stack).toContain(text)
    expect(report.request).toEqual({ url: '/orders/42', body: { note: text } })
    expect(report.tags).toEqual({ note: text })
  })
})
