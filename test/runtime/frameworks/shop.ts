// One shop, served by each framework the same way; woven (text emitter) and imported
// natively by frameworks.test.ts, so it shares the one 'errorweave' runtime with the test.
// `options` undefined: the same app without errorweave, for the byte-for-byte comparison.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { ErrorMonitor, setTag } from 'errorweave'
import { errorHandler, reportError, requestContext } from 'errorweave/express'
import errorweaveFastify, { reportError as reportFastifyError } from 'errorweave/fastify'
import errorweaveHono from 'errorweave/hono'
import errorweaveKoa from 'errorweave/koa'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import { serve } from '@hono/node-server'
import Koa from 'koa'
import Router from '@koa/router'
import { bodyParser } from '@koa/bodyparser'
import 'reflect-metadata'
import { BaseExceptionFilter, HttpAdapterHost, NestFactory } from '@nestjs/core'
import { Body, Catch, Controller, Get, Header, Headers, HttpCode, Module, Param, Post, Query, type ArgumentsHost } from '@nestjs/common'
import { ExpressAdapter } from '@nestjs/platform-express'
import { FastifyAdapter } from '@nestjs/platform-fastify'

export interface RunningShop {
  url: string
  close(): Promise<void>
}

/** The entries' options minus `user`, which each shop reads its own way. */
export type ShopOptions = { trustProxy?: unknown; headers?: string[]; body?: boolean }

export class OrderService {
  @ErrorMonitor({ comment: 'order intake' })
  async place(id: string, body: unknown): Promise<void> {
    await Promise.resolve(body)
    throw new Error(`order ${id} refused`)
  }
}

const orders = new OrderService()
const later = () => new Promise((resolve) => setTimeout(resolve, 1))
/** What the app's authentication finds: it runs after errorweave's entry, so the entry reads it lazily. */
const userFrom = (header: unknown) => (typeof header === 'string' && header ? { id: header, role: 'member' } : undefined)

async function expressShop(options?: ShopOptions): Promise<RunningShop> {
  const app = express()
  // No stack traces in error pages: with errorweave the stack has one more frame.
  app.set('env', 'production')
  if (options) app.use(requestContext({ ...options, user: (req: any) => req.user } as never))
  app.use(express.json())
  app.use((req: any, _res, next) => {
    req.user = userFrom(req.get('x-user'))
    next()
  })
  app.get('/ok/:id', (req, res) => void res.set('x-app', 'shop').status(201).json({ id: req.params.id, query: req.query }))
  app.post('/orders/:id', async (req, res) => {
    setTag('tenant', req.get('x-tenant') ?? 'none')
    await orders.place(req.params.id, req.body)
    res.end()
  })
  app.get('/plain/:id', (req) => {
    throw new RangeError(`no plain ${req.params.id}`)
  })
  const v2 = express.Router()
  v2.get('/later/:id', async (req) => {
    await later()
    throw new Error(`later ${req.params.id}`)
  })
  app.use('/v2', v2)
  if (options) app.use(errorHandler())
  // The app's own error handler: errorweave's hands every error on to it unchanged.
  app.use((error: Error, _req: unknown, res: express.Response, _next: unknown) => void res.status(500).set('x-failed', 'yes').json({ failed: error.message }))
  return listening(app.listen(0, '127.0.0.1'))
}

async function fastifyShop(options?: ShopOptions): Promise<RunningShop> {
  const app = Fastify()
  if (options) await app.register(errorweaveFastify, { ...options, user: (request: any) => request.user } as never)
  app.decorateRequest('user', null)
  app.addHook('onRequest', async (request: any) => {
    request.user = userFrom(request.headers['x-user'])
  })
  app.get('/ok/:id', async (request: any, reply) => {
    reply.header('x-app', 'shop').code(201)
    return { id: request.params.id, query: request.query }
  })
  app.post('/orders/:id', async (request: any) => {
    setTag('tenant', request.headers['x-tenant'] ?? 'none')
    await orders.place(request.params.id, request.body)
    return ''
  })
  app.get('/plain/:id', (request: any) => {
    throw new RangeError(`no plain ${request.params.id}`)
  })
  await app.register(
    async (v2) => {
      v2.get('/later/:id', async (request: any) => {
        await later()
        throw new Error(`later ${request.params.id}`)
      })
    },
    { prefix: '/v2' },
  )
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() }
}

async function honoShop(options?: ShopOptions): Promise<RunningShop> {
  const app = new Hono<{ Variables: { user: unknown } }>()
  if (options) app.use(errorweaveHono({ ...options, user: (c: any) => c.get('user') } as never) as never)
  app.use(async (c, next) => {
    c.set('user', userFrom(c.req.header('x-user')))
    await next()
  })
  app.get('/ok/:id', (c) => {
    c.header('x-app', 'shop')
    return c.json({ id: c.req.param('id'), query: c.req.query() }, 201)
  })
  app.post('/orders/:id', async (c) => {
    setTag('tenant', c.req.header('x-tenant') ?? 'none')
    await orders.place(c.req.param('id'), await c.req.json())
    return c.body(null)
  })
  app.get('/plain/:id', (c) => {
    throw new RangeError(`no plain ${c.req.param('id')}`)
  })
  const v2 = new Hono()
  v2.get('/later/:id', async (c) => {
    await later()
    throw new Error(`later ${c.req.param('id')}`)
  })
  app.route('/v2', v2)
  // Hono's default handler answers the same but also logs to the console.
  app.onError((error, c) => c.json({ failed: error.message }, 500))
  return listening(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server)
}

async function koaShop(options?: ShopOptions): Promise<RunningShop> {
  const app = new Koa()
  // Koa's default error handler answers the same but also logs to the console.
  app.silent = true
  if (options) app.use(errorweaveKoa({ ...options, user: (ctx: any) => ctx.state.user } as never) as never)
  app.use(bodyParser())
  app.use(async (ctx, next) => {
    ctx.state.user = userFrom(ctx.get('x-user'))
    await next()
  })
  const router = new Router()
  router.get('/ok/:id', (ctx) => {
    ctx.set('x-app', 'shop')
    ctx.status = 201
    ctx.body = { id: ctx.params.id, query: ctx.query }
  })
  router.post('/orders/:id', async (ctx: any) => {
    setTag('tenant', ctx.get('x-tenant') || 'none')
    await orders.place(ctx.params.id, ctx.request.body)
    ctx.body = ''
  })
  router.get('/plain/:id', (ctx) => {
    throw new RangeError(`no plain ${ctx.params.id}`)
  })
  const v2 = new Router({ prefix: '/v2' })
  v2.get('/later/:id', async (ctx) => {
    await later()
    throw new Error(`later ${ctx.params.id}`)
  })
  app.use(router.routes()).use(v2.routes())
  return listening(app.listen(0, '127.0.0.1'))
}

@Controller()
class ShopController {
  @Get('ok/:id')
  @HttpCode(201)
  @Header('x-app', 'shop')
  ok(@Param('id') id: string, @Query() query: unknown) {
    return { id, query }
  }

  @Post('orders/:id')
  async place(@Param('id') id: string, @Body() body: unknown, @Headers('x-tenant') tenant?: string) {
    setTag('tenant', tenant ?? 'none')
    await orders.place(id, body)
  }

  @Get('plain/:id')
  plain(@Param('id') id: string) {
    throw new RangeError(`no plain ${id}`)
  }
}

@Controller('v2')
class LaterController {
  @Get('later/:id')
  async later(@Param('id') id: string) {
    await later()
    throw new Error(`later ${id}`)
  }
}

@Module({ controllers: [ShopController, LaterController] })
class ShopModule {}

/** The README's NestJS filter: reports what Nest caught (with the adapter's entry), then answers as Nest does. */
function errorweaveFilter(report: (exception: unknown) => unknown) {
  @Catch()
  class ErrorweaveFilter extends BaseExceptionFilter {
    catch(exception: unknown, host: ArgumentsHost) {
      report(exception)
      super.catch(exception, host)
    }
  }
  return ErrorweaveFilter
}

function nestShop(adapter: 'express' | 'fastify') {
  return async (options?: ShopOptions): Promise<RunningShop> => {
    const user = (request: any) => userFrom(request.headers['x-user'])
    const app: any = await NestFactory.create(ShopModule, adapter === 'express' ? new ExpressAdapter() : new FastifyAdapter(), { logger: false })
    if (options) {
      if (adapter === 'express') app.use(requestContext({ ...options, user } as never))
      else await app.register(errorweaveFastify, { ...options, user })
      const Filter = errorweaveFilter(adapter === 'express' ? reportError : reportFastifyError)
      app.useGlobalFilters(new Filter(app.get(HttpAdapterHost).httpAdapter))
    }
    await app.listen(0, '127.0.0.1')
    return { url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`, close: () => app.close() }
  }
}

function listening(server: Server): Promise<RunningShop> {
  return new Promise((resolve) => {
    const ready = () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((done) => server.close(() => done())) })
    if (server.listening) ready()
    else server.once('listening', ready)
  })
}

export const shops: Record<string, (options?: ShopOptions) => Promise<RunningShop>> = {
  'Express 5': expressShop,
  'Fastify 5': fastifyShop,
  'Hono 4': honoShop,
  'Koa 3': koaShop,
  'NestJS 11 (Express)': nestShop('express'),
  'NestJS 11 (Fastify)': nestShop('fastify'),
}
