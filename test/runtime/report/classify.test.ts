import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import type { Category, Report } from 'errorweave'
import { nativeImport } from '../../helpers/weave.js'
import { closedPort, startServer } from '../helpers/servers.js'

const { captureException, configure, flush, resetConfiguration, stats }: typeof import('errorweave') = await nativeImport('errorweave')

const reports: Report[] = []
beforeEach(() => configure({ aggregateWindowMs: 0, transports: [(report) => void reports.push(report)] }))
afterEach(() => {
  reports.length = 0
  resetConfiguration()
})

/** The category the pipeline gives `error` (reported through captureException). */
async function categoryOf(error: unknown): Promise<Category | undefined> {
  reports.length = 0
  captureException(error)
  await flush()
  expect(reports).toHaveLength(1)
  return reports[0].category
}

/** What Node's own system errors look like (`err.code`, `err.syscall`). */
function systemError(code: string, message = `${code}: failed`): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code, errno: -1, syscall: 'connect' })
}

/** The shape of NestJS's HttpException family: the status on `status` and getStatus(), the class name per status. */
class HttpException extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = new.target.name
  }
  getStatus(): number {
    return this.status
  }
}
class NotFoundException extends HttpException {}
class BadRequestException extends HttpException {}

function caught(run: () => unknown): Promise<unknown> {
  return Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (error: unknown) => error,
    )
}

describe('transient: retrying may help', () => {
  test('a refused connection (a real one, ECONNREFUSED)', async () => {
    const port = await closedPort()
    const error = await new Promise<unknown>((resolve) => connect(port, '127.0.0.1').on('error', resolve))
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED')
    expect(await categoryOf(error)).toBe('transient')
  })

  test('a connection reset by the server (a real one, ECONNRESET)', async () => {
    const server = await startServer(() => 'reset')
    const error = await new Promise<unknown>((resolve) => httpRequest(`${server.url}/`, { method: 'POST' }, () => resolve('answered')).on('error', resolve).end('x'))
    await server.close()
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNRESET')
    expect(await categoryOf(error)).toBe('transient')
  })

  test("fetch's TypeError whose cause is the network error (a real one)", async () => {
    const port = await closedPort()
    const error = await caught(() => fetch(`http://127.0.0.1:${port}/`))
    expect(error).toBeInstanceOf(TypeError)
    expect(await categoryOf(error)).toBe('transient')
  })

  test.each(['ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])('the network error code %s', async (code) => {
    expect(await categoryOf(systemError(code))).toBe('transient')
  })

  test('an aborted fetch: AbortError (a real one)', async () => {
    const server = await startServer(() => 'hang')
    const controller = new AbortController()
    const pending = caught(() => fetch(`${server.url}/`, { signal: controller.signal }))
    setTimeout(() => controller.abort(), 20)
    const error = await pending
    await server.close()
    expect((error as Error).name).toBe('AbortError')
    expect(await categoryOf(error)).toBe('transient')
  })

  test('a timed-out fetch: TimeoutError (a real one, AbortSignal.timeout)', async () => {
    const server = await startServer(() => 'hang')
    const error = await caught(() => fetch(`${server.url}/`, { signal: AbortSignal.timeout(30) }))
    await server.close()
    expect((error as Error).name).toBe('TimeoutError')
    expect(await categoryOf(error)).toBe('transient')
  })

  test.each([408, 429, 502, 503, 504])('HTTP %i, on status, statusCode or response.status', async (status) => {
    expect(await categoryOf(Object.assign(new Error('upstream'), { status }))).toBe('transient')
    expect(await categoryOf(Object.assign(new Error('upstream'), { statusCode: status }))).toBe('transient')
    expect(await categoryOf(Object.assign(new Error('Request failed'), { response: { status } }))).toBe('transient')
  })
})

describe('system: resources and infrastructure', () => {
  test('out of memory (a real allocation failure)', async () => {
    const error = await caught(() => new ArrayBuffer(2 ** 52))
    expect(error).toBeInstanceOf(RangeError)
    expect(await categoryOf(error)).toBe('system')
  })

  test.each(['EMFILE', 'ENFILE', 'ENOSPC', 'ENOMEM'])('the resource error code %s', async (code) => {
    expect(await categoryOf(systemError(code))).toBe('system')
  })

  test.each([
    ['a Sequelize connection error', Object.assign(new Error('connect ECONNREFUSED'), { name: 'SequelizeConnectionRefusedError' })],
    ['a MongoDB network error', Object.assign(new Error('connection closed'), { name: 'MongoNetworkError' })],
    ['a Prisma initialization error', Object.assign(new Error("Can't reach database server"), { name: 'PrismaClientInitializationError' })],
    ['a PostgreSQL connection failure (SQLSTATE class 08)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a PostgreSQL admin shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a MySQL lost connection', Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' })],
    ['a Redis connection error', Object.assign(new Error('Connection is closed.'), { name: 'RedisConnectionError' })],
  ])('%s', async (_, error) => {
    expect(await categoryOf(error)).toBe('system')
  })
})

describe("business: the caller's request was refused", () => {
  test.each([
    ['a validation error by name', Object.assign(new Error('email is invalid'), { name: 'ValidationError' })],
    ['a class extending one', new (class OrderValidationError extends Error {})('quantity must be positive')],
    ['a ZodError', Object.assign(new Error('[]'), { name: 'ZodError' })],
    ["Nest's NotFoundException (404)", new NotFoundException('order 42 not found', 404)],
    ["Nest's BadRequestException (400)", new BadRequestException('bad input', 400)],
  ])('%s', async (_, error) => {
    expect(await categoryOf(error)).toBe('business')
  })

  test.each([400, 401, 403, 404, 409, 422])('HTTP %i by status', async (status) => {
    expect(await categoryOf(Object.assign(new Error('refused'), { statusCode: status }))).toBe('business')
  })
})

describe('permanent: everything else', () => {
  test.each([
    ['a TypeError (a defect)', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['HTTP 500', new HttpException('Internal server error', 500)],
    ['a thrown string', 'plain string'],
    ['null', null],
  ])('%s', async (_, error) => {
    expect(await categoryOf(error)).toBe('permanent')
  })
})

describe('configure({ classify }) decides first', () => {
  test('its answer wins over the rules', async () => {
    configure({ classify: (error) => ((error as Error).message.includes('quota') ? 'business' : undefined) })
    expect(await categoryOf(Object.assign(new Error('quota exceeded'), { status: 503 }))).toBe('business')
  })

  test('undefined, a non-category or a throw leaves it to the rules (a throw is counted)', async () => {
    const internal = stats().internalErrors
    configure({ classify: () => undefined })
    expect(await categoryOf(systemError('ECONNRESET'))).toBe('transient')
    configure({ classify: () => 'retry-later' as Category })
    expect(await categoryOf(systemError('ENOSPC'))).toBe('system')
    configure({
      classify: () => {
        throw new Error('classifier broke')
      },
    })
    expect(await categoryOf(new TypeError('x'))).toBe('permanent')
    expect(stats().internalErrors).toBe(internal + 1)
  })
})
