/**
 * errorweave/fastify: `await app.register(errorweave, options)`. A plugin for the whole
 * app, as fastify-plugin makes one, without depending on it (DESIGN.md section 11).
 * Fastify's types are imported as types only: nothing of Fastify is loaded by this file.
 */
import type { FastifyPluginCallback, FastifyRequest } from 'fastify'
import { capturedInRequest, reportFrameworkError } from '../context/request.js'
import { nodeSeed } from './node-seed.js'
import { inRequest, type FrameworkOptions } from './seed.js'

export type ErrorweaveFastifyOptions = FrameworkOptions<FastifyRequest>

const errorweave: FastifyPluginCallback<ErrorweaveFastifyOptions> = (app, options, done) => {
  app.addHook('onRequest', (request, _reply, next) => {
    const lazy = { route: () => request.routeOptions?.url, params: () => request.params as Record<string, string>, body: () => request.body }
    inRequest(() => nodeSeed(request.raw, request.raw.url, lazy, request, options), next)
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

export default errorweave

/**
 * For exception filters (NestJS): report an error the framework caught, once per request.
 * Nest's Fastify adapter hands its filters a new HttpException made from the message of
 * an error Fastify raised (a refused body, a failing hook), which onError above has
 * already reported: that one is skipped.
 */
export function reportError(exception: unknown): boolean {
  try {
    const rewrapped = (error: unknown) => error instanceof Error && error.name === 'FastifyError' && error.message === (exception as Error).message
    if (exception instanceof Error && capturedInRequest().some(rewrapped)) return false
  } catch {
    // Unreadable error objects: report as usual.
  }
  return reportFrameworkError(exception)
}
