import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import type { Report } from 'errorweave'
import { compile, importCompiled, nativeImport } from '../../helpers/weave.js'

/** The runtime instance the woven modules (imported natively by importCompiled) use. */
const { configure, consoleTransport, flush, resetConfiguration, stats }: typeof import('errorweave') = await nativeImport('errorweave')

/** Woven code the values are thrown through (the text emitter's output, imported for real). */
const SOURCE = `
/** @ErrorMonitor */
export function fail(make: () => unknown) {
  const value = make()
  throw value
}

export class Orders {
  /** @ErrorMonitor */
  place(make: () => unknown) {
    this.check()
    return this.store(make)
  }
  /** @ErrorMonitor */
  store(make: () => unknown) {
    return fail(make)
  }
  check() {}
}

/** @ErrorMonitor */
export function countdown(n: number): number {
  if (n === 0) throw new RangeError('bottom reached')
  return countdown(n - 1)
}

/** @ErrorMonitor */
export function rethrow(shared: unknown) {
  throw shared
}
`

interface Woven {
  fail(make: () => unknown): never
  Orders: new () => { place(make: () => unknown): never }
  countdown(n: number): number
  rethrow(shared: unknown): never
}

let woven: Woven
const reports: Report[] = []

beforeAll(async () => {
  woven = await importCompiled<Woven>(compile(SOURCE, 'text', {}, 'src/thrown.ts'), 'thrown-values')
})
beforeEach(() => {
  reports.length = 0
  configure({ aggregateWindowMs: 0, transports: [(report) => void reports.push(report)] })
})
afterEach(() => resetConfiguration())

/** Throws `value` through the woven `fail`, checks the very value comes out, returns the one report. */
async function reportOf(value: unknown): Promise<Report> {
  let caught: unknown = 'nothing thrown'
  try {
    woven.fail(() => value)
  } catch (error) {
    caught = error
  }
  expect(caught === value || (Number.isNaN(caught) && Number.isNaN(value))).toBe(true)
  await flush()
  expect(reports).toHaveLength(1)
  const [report] = reports
  for (const key of ['class', 'method', 'line', 'message', 'severity', 'futureCalls']) expect(report).toHaveProperty(key)
  expect(report).toMatchObject({ method: 'fail', line: 5, woven: true, count: 1, file: 'src/thrown.ts' })
  expect(typeof report.message).toBe('string')
  expect(JSON.parse(JSON.stringify(report))).toStrictEqual(report)
  return report
}

const throwing = () => {
  throw new Error('getter says no')
}

function hostileProxy(target: object = {}): object {
  const trap = () => throwing()
  return new Proxy(target, { get: trap, getPrototypeOf: trap, ownKeys: trap, has: trap, getOwnPropertyDescriptor: trap, defineProperty: trap })
}

describe('any thrown value gives a report, and the same value reaches the caller', () => {
  const cases: Array<[string, () => unknown, Partial<Report>]> = [
    ['an Error subclass', () => new TypeError('bad input'), { errorType: 'TypeError', message: 'TypeError: bad input' }],
    ['a string', () => 'plain string', { errorType: 'string', message: 'plain string', stack: null }],
    ['an empty string', () => '', { errorType: 'string', message: '' }],
    ['a number', () => 42, { errorType: 'number', message: '42' }],
    ['NaN', () => NaN, { errorType: 'number', message: 'NaN' }],
    ['a boolean', () => false, { errorType: 'boolean', message: 'false' }],
    ['null', () => null, { errorType: 'null', message: 'null', stack: null }],
    ['undefined', () => undefined, { errorType: 'undefined', message: 'undefined' }],
    ['a symbol', () => Symbol('sym'), { errorType: 'symbol', message: 'Symbol(sym)' }],
    ['a bigint', () => 10n, { errorType: 'bigint', message: '10' }],
    ['a plain object', () => ({ code: 42, reason: 'quota' }), { errorType: 'Object', message: '{ code: 42, reason: "quota" }', stack: null }],
    ['an object without prototype', () => Object.assign(Object.create(null), { code: 7 }), { errorType: 'Object', message: '{ code: 7 }' }],
    ['a class instance that is not an Error', () => new (class Custom { code = 5 })(), { errorType: 'Custom', message: '{ code: 5 }' }],
    ['a function', () => function namedThrowable() {}, { errorType: 'function', message: '[function namedThrowable]' }],
    [
      'an object whose every getter throws',
      () => Object.defineProperties({}, Object.fromEntries(['name', 'message', 'stack', 'cause', 'constructor'].map((key) => [key, { get: throwing, enumerable: true }]))),
      { errorType: 'Object', message: '{ name: undefined, message: undefined, stack: undefined, cause: undefined, constructor: undefined }', stack: null, cause: [] },
    ],
    [
      'an Error whose message getter throws',
      () => Object.defineProperty(new Error('hidden'), 'message', { get: throwing }),
      { errorType: 'Error', message: '[Error]' },
    ],
    ['an Error whose stack getter throws', () => Object.defineProperty(new Error('no stack'), 'stack', { get: throwing }), { message: 'Error: no stack', stack: null }],
    ['an Error whose name is not a string', () => Object.assign(new Error('odd'), { name: 42 }), { errorType: 'Error', message: 'Error: odd' }],
    ['an object whose toString and toPrimitive throw', () => ({ toString: throwing, [Symbol.toPrimitive]: throwing, id: 1 }), { errorType: 'Object', message: '{ toString: [Object], id: 1 }' }],
    ['a Proxy that throws on every trap', () => hostileProxy(), { errorType: 'Object', message: '[Object]', stack: null, cause: [] }],
    [
      'a revoked Proxy',
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {})
        revoke()
        return proxy
      },
      { errorType: 'Object', message: '[Object]' },
    ],
    ['a transparent Proxy around an Error', () => new Proxy(new SyntaxError('wrapped'), {}), { errorType: 'SyntaxError', message: 'SyntaxError: wrapped' }],
    ['a frozen Error', () => Object.freeze(new RangeError('frozen')), { errorType: 'RangeError', message: 'RangeError: frozen' }],
    ['an AggregateError', () => new AggregateError([new Error('one')], 'many'), { errorType: 'AggregateError', message: 'AggregateError: many' }],
  ]
  for (const [name, make, expected] of cases) {
    test(name, async () => {
      const report = await reportOf(make())
      expect(report).toMatchObject(expected)
      expect(stats().internalErrors).toBe(0)
    })
  }

  test('a circular cause chain ends where it loops', async () => {
    const first = new Error('first')
    const second = new Error('second', { cause: first })
    ;(first as { cause?: unknown }).cause = second
    const report = await reportOf(first)
    expect(report.cause.map((entry) => entry.message)).toStrictEqual(['Error: second'])
  })

  test("a thrown value's own properties are reported, bounded and JSON-safe, whatever they hold", async () => {
    const value: Record<string, unknown> = { code: 'E_QUOTA', big: 10n, fn: () => 1, list: Array.from({ length: 500 }, (_, index) => index), message: 'in the message already' }
    value.self = value
    let deep: Record<string, unknown> = {}
    value.deep = deep
    for (let level = 0; level < 10; level++) deep = deep.next = {}
    Object.defineProperty(value, 'broken', { get: throwing, enumerable: true })
    const report = await reportOf(value)
    expect(report.properties).toStrictEqual({
      code: 'E_QUOTA',
      big: '10',
      list: Array.from({ length: 100 }, (_, index) => index),
      self: '[omitted]',
      broken: '[unreadable]',
      deep: { next: { next: { next: { next: { next: '[omitted]' } } } } },
    })
    expect(stats().internalErrors).toBe(0)
  })

  test("an Error's own fields and a cause's are reported as their properties; message, stack and cause are not repeated", async () => {
    const cause = Object.assign(new Error('reset'), { code: 'ECONNRESET', syscall: 'read' })
    const report = await reportOf(Object.assign(new Error('upstream failed', { cause }), { status: 503 }))
    expect(report.properties).toStrictEqual({ status: 503 })
    expect(report.cause[0]).toMatchObject({ message: 'Error: reset', properties: { code: 'ECONNRESET', syscall: 'read' } })
    reports.length = 0
    expect((await reportOf(new Error('no fields'))).properties).toBeUndefined()
  })

  test('a long cause chain is cut at 8, and a cause that is a Proxy or a string is described', async () => {
    let error: unknown = 'root cause text'
    error = new Error('wrapper', { cause: hostileProxy() })
    for (let depth = 0; depth < 20; depth++) error = new Error(`level ${depth}`, { cause: error })
    const report = await reportOf(error)
    expect(report.cause).toHaveLength(8)
    expect(report.cause[0]).toMatchObject({ errorType: 'Error', message: 'Error: level 18' })
    const short = await (async () => {
      reports.length = 0
      return reportOf(new Error('top', { cause: 'a string cause' }))
    })()
    expect(short.cause).toStrictEqual([{ errorType: 'string', message: 'a string cause', stack: null }])
  })

  test('a huge message is capped and the payload stays within its size cap', async () => {
    const report = await reportOf(new Error('x'.repeat(1024 * 1024)))
    expect(report.message.length).toBeLessThan(17 * 1024)
    expect(report.message.endsWith('...[truncated]')).toBe(true)
    expect(Buffer.byteLength(JSON.stringify(report))).toBeLessThanOrEqual(60 * 1024)
  })
})

describe('one report per error, however far it travels', () => {
  test('an error crossing three woven functions gives one report with the chain, outermost last, and the exact woven caller', async () => {
    let caught: unknown
    try {
      new woven.Orders().place(() => new TypeError('deep'))
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(TypeError)
    await flush()
    expect(reports).toHaveLength(1)
    const [report] = reports
    expect(report).toMatchObject({ class: null, method: 'fail', line: 5, message: 'TypeError: deep' })
    expect(report.chain.map((entry) => [entry.class, entry.method, entry.line])).toStrictEqual([
      ['Orders', 'store', 16],
      ['Orders', 'place', 12],
    ])
    expect(report.caller).toStrictEqual({ function: 'Orders.store', file: 'src/thrown.ts', line: 16 })
  })

  test('an error met again after more other errors than the look-back holds at its end is still one report with its chain', async () => {
    const failWith = (value: unknown) => expect(() => woven.fail(() => value)).toThrow()
    for (let index = 0; index < 60; index++) failWith(new Error(`before ${index}`))
    const traveller = new Error('traveller')
    failWith(traveller)
    // Ten more wrap the ring of the last 64 values around: the traveller now sits after its newest slot.
    for (let index = 0; index < 10; index++) failWith(new Error(`after ${index}`))
    expect(() => woven.rethrow(traveller)).toThrow(traveller)
    await flush()
    const travellers = reports.filter((report) => report.message === 'Error: traveller')
    expect(travellers).toHaveLength(1)
    expect(travellers[0].method).toBe('fail')
    expect(travellers[0].chain.map((entry) => entry.method)).toStrictEqual(['rethrow'])
  })

  test('NaN, which is not === to itself, crossing three woven functions is one report with the chain', async () => {
    expect(() => new woven.Orders().place(() => NaN)).toThrow()
    await flush()
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ method: 'fail', message: 'NaN' })
    expect(reports[0].chain.map((entry) => entry.method)).toStrictEqual(['store', 'place'])
  })

  test('recursion through one woven function is one report, not one per frame', async () => {
    expect(() => woven.countdown(5)).toThrow('bottom reached')
    await flush()
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ method: 'countdown', line: 23, count: 1 })
    expect(reports[0].chain).toHaveLength(5)
  })

  test('a shared error object (or string) thrown again from the same place counts every time', async () => {
    const shared = new Error('shared instance')
    for (let index = 0; index < 3; index++) expect(() => woven.rethrow(shared)).toThrow(shared)
    for (let index = 0; index < 4; index++) {
      try {
        woven.rethrow('same text')
      } catch {
        // expected
      }
    }
    await flush()
    expect(reports.map((report) => [report.message, report.count])).toStrictEqual([
      ['Error: shared instance', 1],
      ['Error: shared instance', 1],
      ['Error: shared instance', 1],
      ['same text', 1],
      ['same text', 1],
      ['same text', 1],
      ['same text', 1],
    ])
  })

  test('with aggregation on, identical errors in the window become one more report with count', async () => {
    configure({ aggregateWindowMs: 60_000 })
    for (let index = 0; index < 10; index++) expect(() => woven.rethrow(new Error(`order ${index} failed`))).toThrow()
    await flush()
    expect(reports.map((report) => [report.message, report.count])).toStrictEqual([
      ['Error: order 0 failed', 1],
      ['Error: order 0 failed', 9],
    ])
    expect(reports[0].fingerprint).toBe(reports[1].fingerprint)
  })
})

describe('the runtime never hurts the host and never reports through itself', () => {
  test('beforeSend that throws: the report is dropped, counted, nothing thrown', async () => {
    const before = stats().internalErrors
    configure({ beforeSend: throwing })
    expect(() => woven.rethrow(new Error('hook fails'))).toThrow('hook fails')
    await expect(flush()).resolves.toBe(true)
    expect(reports).toHaveLength(0)
    expect(stats().internalErrors).toBe(before + 1)
  })

  test('beforeSend can edit and drop', async () => {
    const before = stats().filtered
    configure({ beforeSend: (report) => (report.message.includes('drop me') ? null : { ...report, comment: 'edited' }) })
    expect(() => woven.rethrow(new Error('drop me'))).toThrow()
    expect(() => woven.rethrow(new Error('keep me'))).toThrow()
    await flush()
    expect(reports.map((report) => [report.message, report.comment])).toStrictEqual([['Error: keep me', 'edited']])
    expect(stats().filtered).toBe(before + 1)
  })

  test('a woven error raised inside beforeSend or a transport is counted, not reported (no recursion)', async () => {
    const before = stats()
    configure({
      beforeSend: (report) => {
        expect(() => woven.rethrow(new Error('inside beforeSend'))).toThrow()
        return report
      },
      transports: [
        (report) => {
          reports.push(report)
          expect(() => woven.rethrow(new Error('inside a transport'))).toThrow()
        },
      ],
    })
    expect(() => woven.rethrow(new Error('the real one'))).toThrow()
    await flush()
    await flush()
    expect(reports.map((report) => report.message)).toStrictEqual(['Error: the real one'])
    expect(stats().ignored).toBe(before.ignored + 2)
    expect(stats().captured).toBe(before.captured + 1)
  })

  test('transports that throw or reject are counted; the others still get the report', async () => {
    const before = stats().transportErrors
    configure({
      transports: [
        throwing,
        () => Promise.reject(new Error('offline')),
        { send: (report) => void reports.push(report) },
      ],
    })
    expect(() => woven.rethrow(new Error('fan out'))).toThrow()
    await flush()
    expect(reports).toHaveLength(1)
    expect(stats().transportErrors).toBe(before + 2)
  })

  test('a hostile beforeSend result (throwing getter, cycle, function, bigint) is sanitized, not sent as is', async () => {
    configure({
      beforeSend: (report) => {
        const extra: Record<string, unknown> = { big: 12n, fn: () => 1 }
        extra.self = extra
        Object.defineProperty(extra, 'trap', { get: throwing, enumerable: true })
        return { ...report, extra } as Report
      },
    })
    expect(() => woven.rethrow(new Error('hostile edit'))).toThrow()
    await flush()
    expect(reports).toHaveLength(1)
    expect((reports[0] as unknown as { extra: unknown }).extra).toStrictEqual({ big: '12', self: '[omitted]', trap: '[unreadable]' })
  })

  test('enabled: false makes capture a no-op', async () => {
    const before = stats().captured
    configure({ enabled: false })
    const error = new Error('not captured')
    expect(() => woven.rethrow(error)).toThrow(error)
    await flush()
    expect(reports).toHaveLength(0)
    expect(stats().captured).toBe(before)
  })

  test('configure() never throws, whatever it is given', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      for (const input of [null, undefined, 'text', 42, hostileProxy(), { futureCalls: hostileProxy() }]) expect(() => configure(input as never)).not.toThrow()
      expect(() => flush(Number.NaN)).not.toThrow()
    } finally {
      warn.mockRestore()
    }
  })
})

test('the console transport writes one JSON line per report', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
  try {
    configure({ transports: [consoleTransport()] })
    expect(() => woven.rethrow(new Error('multi\nline message'))).toThrow()
    expect(() => woven.rethrow('second')).toThrow()
    await flush()
    const lines = log.mock.calls.map((call) => String(call[0]))
    expect(lines).toHaveLength(2)
    for (const line of lines) expect(line).not.toContain('\n')
    expect(lines.map((line) => JSON.parse(line).message)).toStrictEqual(['Error: multi\nline message', 'second'])
  } finally {
    log.mockRestore()
  }
})

test('without the plugin (runtime decorator), the caller comes from the stack, past the wrapper', async () => {
  const plain = await importCompiled<{ placeOrder(): void }>(
    compile(
      `import { ErrorMonitor } from 'errorweave'\nclass Shop {\n  @ErrorMonitor({ severity: 'INFO' })\n  buy(): never { throw new TypeError('sold out') }\n}\nexport function placeOrder() { new Shop().buy() }`,
      'plain',
      { compilerOptions: { experimentalDecorators: true } },
      'src/shop.ts',
    ),
    'unwoven',
  )
  reports.length = 0
  configure({ transports: [(report) => void reports.push(report)] })
  expect(() => plain.placeOrder()).toThrow('sold out')
  await flush()
  expect(reports).toHaveLength(1)
  expect(reports[0]).toMatchObject({ class: 'Shop', method: 'buy', woven: false, line: null, severity: 'INFO', futureCalls: [] })
  expect(reports[0].caller?.function).toMatch(/(^|\.)placeOrder$/)
})
