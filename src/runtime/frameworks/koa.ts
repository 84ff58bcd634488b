/** errorweave/koa: `app.use(errorweave(options))`, first in the chain (DESIGN.md section 11). */
import { reportFrameworkError } from '../context/request.js'
import { nodeSeed, type IncomingRequest } from './node-seed.js'
import { inRequest, type AppRequest, type FrameworkOptions } from './seed.js'

export type { FrameworkOptions as ErrorweaveKoaOptions } from './seed.js'

export interface KoaContext {
  req: IncomingRequest
  originalUrl?: string
  /** Set by @koa/router: the template of the route that matched. */
  _matchedRoute?: unknown
  params?: Record<string, string>
  request: { body?: unknown }
}

/**
 * Runs the rest of the chain in the request's scope; an error leaving it is reported
 * (unless a woven function already did) and thrown on, so Koa answers as it would.
 */
export default function errorweave<Ctx = AppRequest<KoaContext>>(options?: FrameworkOptions<Ctx>): (ctx: KoaContext, next: () => Promise<unknown>) => Promise<unknown> {
  return function errorweaveKoa(ctx, next) {
    const lazy = { route: () => (typeof ctx._matchedRoute === 'string' ? ctx._matchedRoute : undefined), params: () => ctx.params, body: () => ctx.request.body }
    return inRequest(() => nodeSeed(ctx.req, ctx.originalUrl, lazy, ctx as Ctx, options), () =>
      next().catch((error: unknown) => {
        reportFrameworkError(error)
        throw error
      }),
    )
  }
}
