import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { compile, importCompiled, nativeImport } from '../../helpers/weave.js'
import { startServer, type Received, type TestServer } from '../helpers/servers.js'

/** The runtime instance the woven modules (imported natively by importCompiled) use. */
const { configure, flush, resetConfiguration, stats }: typeof import('errorweave') = await nativeImport('errorweave')

/** Discord's documented webhook limits (developer docs: Execute Webhook, Embed Limits, Rate Limits). */
function discordProblems(message: any): string[] {
  const problems: string[] = []
  const check = (ok: boolean, what: string) => void (ok || problems.push(what))
  check(typeof message === 'object' && message !== null, 'body is a JSON object')
  const embeds: any[] = message.embeds ?? []
  check(!!message.content || embeds.length > 0, 'content or embeds')
  check((message.content ?? '').length <= 2000, 'content <= 2000')
  check(embeds.length <= 10, 'embeds <= 10')
  check(!message.username || (message.username.length <= 80 && !/discord|clyde/i.test(message.username)), 'username')
  for (const embed of embeds) {
    const fields: any[] = embed.fields ?? []
    check((embed.title ?? '').length <= 256, 'title <= 256')
    check((embed.description ?? '').length <= 4096, 'description <= 4096')
    check(fields.length <= 25, 'fields <= 25')
    for (const field of fields) check(!!field.name && field.name.length <= 256 && !!field.value && field.value.length <= 1024, 'field name <= 256, value <= 1024, both non-empty')
    check((embed.footer?.text ?? '').length <= 2048, 'footer <= 2048')
    check(Number.isInteger(embed.color) && embed.color >= 0 && embed.color <= 0xffffff, 'color')
    check(!embed.timestamp || !Number.isNaN(Date.parse(embed.timestamp)), 'timestamp')
    const total = (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length + fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0)
    check(total <= 6000, 'embed total <= 6000')
  }
  return problems
}

/**
 * A webhook endpoint that enforces those limits (400 with Discord's error shape) and a
 * 5-per-2-seconds bucket: over it, 429 with `retry_after` (seconds) in the body and
 * Retry-After. A request before the announced time counts as a violation.
 */
async function fakeDiscord(announceBucket: boolean) {
  const LIMIT = 5
  const WINDOW_MS = 2000
  let windowStart = 0
  let used = 0
  let blockedUntil = 0
  const result = { accepted: [] as Received[], rejected: 0, limited: 0, violations: 0, server: undefined as unknown as TestServer }
  result.server = await startServer((request) => {
    const now = Date.now()
    if (now < blockedUntil) result.violations++
    if (now - windowStart >= WINDOW_MS) {
      windowStart = now
      used = 0
    }
    if (used >= LIMIT) {
      blockedUntil = windowStart + WINDOW_MS
      const seconds = (blockedUntil - now) / 1000
      result.limited++
      return { status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(Math.ceil(seconds)) }, body: JSON.stringify({ message: 'You are being rate limited.', retry_after: seconds, global: false }) }
    }
    const problems = discordProblems(request.json)
    if (problems.length > 0) {
      result.rejected++
      return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 50035, message: 'Invalid Form Body', errors: problems }) }
    }
    used++
    result.accepted.push(request)
    const bucket = { 'x-ratelimit-limit': String(LIMIT), 'x-ratelimit-remaining': String(LIMIT - used), 'x-ratelimit-reset-after': String((windowStart + WINDOW_MS - now) / 1000) }
    return { status: 204, headers: announceBucket ? bucket : {} }
  })
  return result
}

const SOURCE = `
/** @ErrorMonitor({ severity: 'WARN', comment: 'checkout path' }) */
export function checkout(message: string) {
  validate(message)
  reserve()
  charge()
  notify()
}

export class Jobs {
  /** @ErrorMonitor({ severity: 'INFO' }) */
  nightly(message: string) {
    validate(message)
  }
}

export function fromController(message: string) {
  return checkout(message)
}

function validate(message: string) { throw new Error(message) }
function reserve() {}
function charge() {}
function notify() {}
`

interface Woven {
  checkout(message: string): void
  fromController(message: string): void
  Jobs: new () => { nightly(message: string): void }
}

let woven: Woven
const TOKEN = 'webhook-token-secret-xyz'

beforeAll(async () => {
  woven = await importCompiled<Woven>(compile(SOURCE, 'text', {}, 'src/shop.ts'), 'discord')
})
afterEach(() => resetConfiguration())

/** Twelve distinct errors (letters, not numbers, so none aggregate), one with a 10,000-character message. */
function raiseTwelve(): void {
  const letters = 'abcdefghijkl'
  for (let index = 0; index < 12; index++) {
    const message = index === 0 ? `long ${'x'.repeat(10_000)}` : `failure ${letters[index]}`
    try {
      if (index % 3 === 2) new woven.Jobs().nightly(message)
      else woven.fromController(message)
    } catch {
      // expected
    }
  }
}

describe('Discord webhook transport against a server that enforces Discord limits', () => {
  for (const announceBucket of [false, true]) {
    test(`one valid message per report, every 429 honoured (${announceBucket ? 'with' : 'without'} X-RateLimit headers)`, async () => {
      const discord = await fakeDiscord(announceBucket)
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
      const delivered = stats().discord?.delivered ?? 0
      try {
        configure({ discord: { webhookUrl: `${discord.server.url}/api/webhooks/123/${TOKEN}` }, aggregateWindowMs: 0, futureCalls: { enabled: true } })
        raiseTwelve()
        expect(await flush(30_000)).toBe(true)
        expect(discord.rejected).toBe(0)
        expect(discord.violations).toBe(0)
        if (announceBucket) expect(discord.limited).toBe(0)
        else expect(discord.limited).toBeGreaterThan(0)
        expect(discord.accepted).toHaveLength(12)
        expect(new Set(discord.accepted.map((request) => request.json.embeds[0].footer.text)).size).toBe(12)
        expect(stats().discord).toMatchObject({ delivered: delivered + 12, failed: 0, queued: 0 })
        const [long, second] = discord.accepted.map((request) => request.json)
        expect(long.embeds[0].description.length).toBeLessThanOrEqual(4096)
        expect(long.embeds[0].description.startsWith('```\nError: long xxx')).toBe(true)
        expect(second).toMatchObject({
          content: '**WARN** checkout:4',
          allowed_mentions: { parse: [] },
          embeds: [
            {
              title: 'checkout:4',
              description: '```\nError: failure b\n```',
              color: 0xf1c40f,
              fields: expect.arrayContaining([
                { name: 'Severity', value: 'WARN', inline: true },
                { name: 'Location', value: 'src/shop.ts:4:3' },
                { name: 'Caller', value: expect.stringMatching(/fromController \(/) },
                { name: 'Future calls', value: 'reserve() → charge() → notify()' },
                { name: 'Comment', value: 'checkout path' },
              ]),
            },
          ],
        })
        const info = discord.accepted.map((request) => request.json).find((message) => message.embeds[0].title === 'Jobs.nightly:13')
        expect(info.embeds[0].color).toBe(0x3498db)
        expect(warn.mock.calls.flat().join('\n')).not.toContain(TOKEN)
      } finally {
        warn.mockRestore()
        await discord.server.close()
      }
    })
  }
})

test('a report with every part oversized still makes a message within every Discord limit', async () => {
  const { discordMessage } = await import('../../../src/runtime/delivery/transports/discord.js')
  const huge = (size: number) => '界'.repeat(size)
  const message = discordMessage({
    class: huge(300),
    method: huge(300),
    line: 1,
    message: huge(50_000),
    severity: 'ERROR',
    futureCalls: Array.from({ length: 100 }, (_, index) => `call${index}${huge(50)}()`),
    futureCallSites: [],
    column: 1,
    file: huge(2000),
    comment: huge(5000),
    errorType: huge(300),
    woven: true,
    caller: { function: huge(2000), file: huge(2000), line: 3 },
    chain: Array.from({ length: 32 }, () => ({ class: huge(100), method: huge(100), line: 1, column: 1, file: 'f', futureCalls: [] })),
    stack: null,
    cause: [],
    timestamp: new Date(0).toISOString(),
    fingerprint: '0123456789abcdef',
    count: 3,
    service: huge(200),
    environment: 'prod',
    release: '1',
  })
  expect(discordProblems(message)).toStrictEqual([])
})

test('an alert names the API (method and route template), its parameters (masked), the user, client IP and trace', async () => {
  const { requestScope, send, startHttp } = await import('../context/helpers.js')
  const { setUser } = await nativeImport('errorweave')
  const discord = await fakeDiscord(true)
  const app = await startHttp((request, response) => {
    requestScope.runInRequestScope({ method: request.method!, url: request.url!, headers: request.headers, remoteAddress: request.socket.remoteAddress, route: '/orders/:id', params: { id: '42' }, body: { item: 'desk', password: 'hunter2hunter2' } }, () => {
      setUser({ id: 'user01', role: 'ROLE_BUSINESS' })
      try {
        woven.checkout('failure c')
      } catch {
        response.statusCode = 500
      }
      response.end()
    })
  })
  try {
    configure({ discord: { webhookUrl: `${discord.server.url}/api/webhooks/123/${TOKEN}` }, aggregateWindowMs: 0 })
    await send(`${app.url}/orders/42?verbose=1`, { method: 'POST', headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } })
    expect(await flush(10_000)).toBe(true)
    expect(discord.accepted).toHaveLength(1)
    const message = discord.accepted[0].json
    expect(discordProblems(message)).toStrictEqual([])
    expect(message.content).toBe('**WARN** checkout:4 · POST /orders/:id')
    expect(message.embeds[0].fields).toEqual(
      expect.arrayContaining([
        { name: 'Category', value: 'permanent', inline: true },
        { name: 'API', value: 'POST /orders/:id' },
        { name: 'Parameters', value: '```\nparams: {"id":"42"}\nquery: {"verbose":"1"}\nbody: {"item":"desk","password":"[masked]"}\n```' },
        { name: 'User', value: 'user01 (ROLE_BUSINESS)', inline: true },
        { name: 'Client IP', value: '127.0.0.1', inline: true },
        { name: 'Trace', value: '4bf92f3577b34da6a3ce929d0e0e4736', inline: true },
      ]),
    )
    expect(JSON.stringify(message)).not.toContain('hunter2')
  } finally {
    resetConfiguration()
    await app.close()
    await discord.server.close()
  }
})
