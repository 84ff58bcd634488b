import { afterEach, describe, expect, test } from 'vitest'
import type { Report } from 'errorweave'
import { isSensitiveKey, MASK, maskText, MAX_PAYLOAD, sanitize } from '../../../src/runtime/mask/mask.js'
import { compile, importCompiled, nativeImport } from '../../helpers/weave.js'

/** The runtime instance the woven modules (imported natively by importCompiled) use. */
const { configure, flush, resetConfiguration }: typeof import('errorweave') = await nativeImport('errorweave')

describe('secrets in text', () => {
  const masked: Array<[string, string, string]> = [
    ['a card number with spaces', 'card 4111 1111 1111 1111 declined', `card ${MASK} declined`],
    ['a card number with hyphens', 'pan=5500-0000-0000-0004', `pan=${MASK}`],
    ['a card number without separators', 'paid with 4012888888881881.', `paid with ${MASK}.`],
    ['a Korean resident number', '주민번호 900101-1234567 확인', `주민번호 ${MASK} 확인`],
    ['a Korean resident number without hyphen', 'rrn 9001012345678', `rrn ${MASK}`],
    ['a Korean mobile number', '연락처 010-1234-5678 로', `연락처 ${MASK} 로`],
    ['a Korean mobile number without hyphens', 'tel:01012345678', `tel:${MASK}`],
    ['a Korean mobile number with +82', 'call +82 10-1234-5678 now', `call ${MASK} now`],
    ['a Seoul landline', '대표 02-123-4567', `대표 ${MASK}`],
    ['an international number', 'phone +1 415 555 0123', `phone ${MASK}`],
    ['a North American number', 'phone (415) 555-0123', `phone ${MASK}`],
    ['password=', 'login failed: password=hunter2&user=kim', `login failed: password=${MASK}&user=kim`],
    ['a JSON secret', '{"apiKey":"sk_live_123","id":7}', `{"apiKey":${MASK},"id":7}`],
    ['token:', 'invalid token: abc.def', `invalid token: ${MASK}`],
    ['an Authorization header', 'Authorization: Bearer abcdef123456', `Authorization: ${MASK}`],
    ['a Cookie header', 'Cookie: sid=1; theme=dark', `Cookie: ${MASK}`],
    ['a bare bearer token', 'sent Bearer abcdefgh12345678 upstream', `sent Bearer ${MASK} upstream`],
    ['a password with spaces, to the end of the line', 'password: correct horse battery staple\nnext line', `password: ${MASK}\nnext line`],
    ['a password in a query, to the next parameter', 'login?password=correct horse&user=kim', `login?password=${MASK}&user=kim`],
    ['a name in text after another name', 'Error: authToken: tok-1 (retry)', `Error: authToken: ${MASK} (retry)`],
    ['credentials in a database URL', 'connect postgres://app:Pa55w0rd@db.internal:5432/orders', `connect postgres://${MASK}@db.internal:5432/orders`],
    ['an e-mail address, keeping the domain', 'no account for kim.minsu@example.com.', `no account for ${MASK}@example.com.`],
    ['a PEM private key cut short', 'key -----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIE', `key ${MASK}`],
    ['a presigned URL signature', 'a.pdf?X-Amz-Expires=60&X-Amz-Signature=fe5f80f7 403', `a.pdf?X-Amz-Expires=60&X-Amz-Signature=${MASK} 403`],
    ['a JWT', 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', `jwt ${MASK}`],
  ]
  for (const [name, input, output] of masked) test(`masks ${name}`, () => expect(maskText(input)).toBe(output))

  const untouched = [
    '2026-11-24T10:00:00.000Z',
    '    at OrderService.create (src/order.ts:123:45)',
    'order 12345 failed after 3000 ms',
    'version 1.2.3, build 20261124',
    "TypeError: Cannot read properties of undefined (reading 'id')",
    'author: Kim',
    'tests passed: 3 of 4',
    'card 1234 5678 9012 3456 is not a valid card number (Luhn)',
    'Unexpected token } in JSON at position 5',
  ]
  for (const input of untouched) test(`leaves alone: ${input}`, () => expect(maskText(input)).toBe(input))

  test('known secret values are masked wherever they appear', () => {
    expect(maskText('key=ABC123XYZ in url ?k=ABC123XYZ', ['ABC123XYZ'])).toBe(`key=${MASK} in url ?k=${MASK}`)
  })
})

describe('secrets by key', () => {
  test.each(['password', 'userPassword', 'x-api-key', 'apiKey', 'APIKEY', 'ACCESS_TOKEN', 'set-cookie', 'Authorization', 'cardNumber', 'sessionId', 'client_secret', 'privateKey', 'authToken', 'sessionToken', 'secretKey', 'AWS_SECRET_ACCESS_KEY', 'X-Amz-Signature', 'sig', 'credentials', 'signingKey'])(
    '%s is sensitive',
    (key) => expect(isSensitiveKey(key)).toBe(true),
  )
  test.each(['author', 'message', 'tokenizer', 'passport', 'futureCalls', 'keyboard', 'fingerprint', 'caller', 'cacheKey', 'primaryKey', 'sortKey', 'key', 'tokens', 'design'])('%s is not', (key) => expect(isSensitiveKey(key)).toBe(false))

  test('sanitize masks values under sensitive keys at any depth, and the keys themselves', () => {
    const report = {
      message: 'ok',
      extra: { headers: { Authorization: 'Basic dXNlcjpwYXNz', accept: 'json' }, users: [{ name: 'kim', password: 'pw', phone: '010-9876-5432' }], '010-1111-2222': 'by number' },
    } as unknown as Report
    expect(sanitize(report, [])).toStrictEqual({
      message: 'ok',
      extra: { headers: { Authorization: MASK, accept: 'json' }, users: [{ name: 'kim', password: MASK, phone: MASK }], [MASK]: 'by number' },
    })
  })

  test('sanitize caps the payload, keeping the seed keys', () => {
    const report = { class: 'A', method: 'm', line: 1, message: 'x'.repeat(20_000), severity: 'ERROR', futureCalls: [], stack: 'y'.repeat(20_000), extra: Array.from({ length: 100 }, () => 'z'.repeat(16_000)) } as unknown as Report
    const clean = sanitize(report, []) as unknown as Record<string, unknown>
    expect(Buffer.byteLength(JSON.stringify(clean))).toBeLessThanOrEqual(MAX_PAYLOAD)
    expect(clean).toMatchObject({ class: 'A', method: 'm', line: 1, severity: 'ERROR', futureCalls: [], truncated: true })
    expect(clean).not.toHaveProperty('extra')
  })
})

describe('bounds', () => {
  test("a cut string's last word, maybe half a secret, goes with the cut", () => {
    const message = `failed: ${'x '.repeat(8000)}ghp_gNSWPH8prVqsUeQCtDR3zzX6hqo35uwZqxZO`.slice(0, 16 * 1024 + 10)
    const clean = sanitize({ message: `${message.slice(0, 16 * 1024)}...[truncated]` } as Report, [])
    expect(clean.message.endsWith(` ${MASK}...[truncated]`)).toBe(true)
    expect(clean.message).not.toContain('ghp_')
  })
})

describe('everything sent is masked', () => {
  afterEach(() => resetConfiguration())

  test('message, stack, cause and beforeSend additions reach every transport masked', async () => {
    const woven = await importCompiled<{ pay(card: string): void }>(
      compile(`/** @ErrorMonitor */\nexport function pay(card: string) {\n  throw new Error('card ' + card + ' refused for 010-2222-3333', { cause: new Error('token=abc123secret') })\n}`, 'text', {}, 'src/pay.ts'),
      'masking',
    )
    const seen: Report[] = []
    configure({
      apikey: 'configured-api-key-42',
      transports: [(report) => void seen.push(report)],
      beforeSend: (report) => ({ ...report, request: { headers: { cookie: 'sid=secret' }, body: 'rrn=900101-1234567 key configured-api-key-42' } }) as Report,
    })
    expect(() => woven.pay('4111111111111111')).toThrow()
    await flush()
    const text = JSON.stringify(seen)
    for (const secret of ['4111111111111111', '010-2222-3333', 'abc123secret', 'sid=secret', '900101-1234567', 'configured-api-key-42']) expect(text).not.toContain(secret)
    expect(seen[0].message).toBe(`Error: card ${MASK} refused for ${MASK}`)
  })
})
