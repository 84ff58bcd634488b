/**
 * errorweave/fastify: `await app.register(errorweave, options)`. A plugin for the whole
 * app, as fastify-plugin makes one, without depending on it (DESIGN.md section 11).
 */
import { inRequestScope, reportFrameworkError, runInRequestScope } from '../context/request.js'
import { nodeSeed, type IncomingRequest } from './node-seed.js'
import type { FrameworkOptions } from './seed.js'

export type { FrameworkOptions as ErrorweaveFastifyOptions } from './seed.js'

export interface FastifyRequest {
  raw: IncomingRequest
  routeOptions?: { url?: string }
  params?: unknown
  body?: unknown
}

interface FastifyInstance {
  addHook(name: 'onRequest', hook: (request: FastifyRequest, reply: unknown, done: () => void) => void): unknown
  addHook(name: 'onError', hook: (request: FastifyRequest, reply: unknown, error: unknown, done: () => void) => void): unknown
}

export default function errorweave(app: FastifyInstance, options: FrameworkOptions<FastifyRequest> | undefined, done: () => void): void {
  app.addHook('onRequest', (request, _reply, next) => {
    if (inRequestScope()) return next()
    const lazy = { route: () => request.routeOptions?.url, params: () => request.params as Record<string, string>, body: () => request.body }
    runInRequestScope(nodeSeed(request.raw, request.raw.url, lazy, request, options), next)
  })
  // onError only observes: Fastify's (or the app's) error handler still answers.
  app.addHook('onError', (_request, _reply, error, next) => {
    reportFrameworkError(error)
    next()
  })
  done()
}
// fastify-plugin's markers: the hooks apply to the whole app, not to an encapsulated child.
Object.assign(errorweave, { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'errorweave' })

/** For exception filters (NestJS): report an error the framework caught, once per request. */
export { reportFrameworkError as reportError } from '../context/request.js'
