// Type-checked by types.test.ts (never run): the entries take the frameworks' own request types.
import express, { type Request } from 'express'
import Fastify, { type FastifyRequest } from 'fastify'
import { Hono, type Context } from 'hono'
import Koa, { type Context as KoaContext } from 'koa'
import { errorHandler, requestContext } from '../../../src/runtime/frameworks/express.js'
import errorweaveFastify from '../../../src/runtime/frameworks/fastify.js'
import errorweaveHono from '../../../src/runtime/frameworks/hono.js'
import errorweaveKoa from '../../../src/runtime/frameworks/koa.js'

const app = express()
app.use(requestContext({ user: (req: Request) => ({ id: String(req.get('x-user')) }), trustProxy: 1 }))
app.use(requestContext())
app.use(errorHandler())
const fastify = Fastify()
await fastify.register(errorweaveFastify, { user: (request: FastifyRequest) => ({ id: String(request.headers['x-user']) }), trustProxy: ['10.0.0.0/8'] })
await fastify.register(errorweaveFastify)
const hono = new Hono()
hono.use(errorweaveHono({ user: (c: Context) => ({ id: c.req.header('x-user') }) }))
hono.use(errorweaveHono())
const koa = new Koa()
koa.use(errorweaveKoa({ user: (ctx: KoaContext) => ({ id: ctx.get('x-user') }) }))
koa.use(errorweaveKoa())

// The README's forms: untyped parameters reach what the app and its plugins added
// (Fastify's auth plugins declare request.user as below).
declare module 'fastify' {
  interface FastifyRequest {
    user?: { id: string }
  }
}
app.use(requestContext({ user: (req) => req.user, trustProxy: 'loopback' }))
await fastify.register(errorweaveFastify, { user: (request) => request.user, trustProxy: 1 })
hono.use(errorweaveHono({ user: (c) => c.get('user') }))
koa.use(errorweaveKoa({ user: (ctx) => ctx.state.user }))
