/**
 * errorweave/hono: `app.use(errorweave(options))`. Fetch API only, so it runs on Node
 * (@hono/node-server), Bun, Deno and workers alike (DESIGN.md section 11).
 */
import { reportFrameworkError } from '../context/request.js'
import { inRequest, seedOf, type AppRequest, type FrameworkOptions, type FrameworkParts } from './seed.js'

export type { FrameworkOptions as ErrorweaveHonoOptions } from './seed.js'

type BodyReader = 'json' | 'parseBody' | 'text'

export interface HonoContext {
  req: {
    raw: { method: string; url: string; headers: { get(name: string): string | null } }
    param(): Record<string, string>
    /** The template of the route being handled (Hono 4; the hono/route helper's routePath in newer code). */
    readonly routePath?: string
  } & Partial<Record<BodyReader, () => Promise<unknown>>>
  /** Set by Hono when a handler or middleware threw (its error handler has answered). */
  error?: unknown
  /** Per runtime: @hono/node-server passes { incoming }, Bun its server, Deno the connection info. */
  env?: unknown
}

export default function errorweave<Context = AppRequest<HonoContext>>(options?: FrameworkOptions<Context>): (c: HonoContext, next: () => Promise<void>) => Promise<void> {
  return function errorweaveHono(c, next) {
    return inRequest(() => seedOf(partsOf(c), c as Context, options), async () => {
      try {
        await next()
      } catch (thrown) {
        // Hono hands only Error instances to its error handler; anything else leaves through here.
        reportFrameworkError(thrown)
        throw thrown
      }
      if (c.error !== undefined) reportFrameworkError(c.error)
    })
  }
}

function partsOf(c: HonoContext): FrameworkParts {
  const { raw } = c.req
  const target = new URL(raw.url)
  return {
    method: raw.method,
    url: target.pathname + target.search,
    headers: raw.headers,
    remoteAddress: remoteAddressOf(c.env, raw),
    route: () => c.req.routePath || undefined,
    params: () => c.req.param(),
    body: parsedBody(c),
  }
}

/**
 * Hono parses the body on the app's demand and keeps it in promises, which a report
 * built later cannot read: the parsed value is kept as the app receives it.
 */
function parsedBody(c: HonoContext): () => unknown {
  let parsed: unknown
  for (const reader of ['json', 'parseBody', 'text'] as const) {
    const original = c.req[reader]
    if (typeof original !== 'function') continue
    c.req[reader] = (...args: unknown[]) =>
      (original as (...args: unknown[]) => Promise<unknown>).apply(c.req, args).then((value) => {
        parsed ??= value
        return value
      })
  }
  return () => parsed
}

interface RuntimeEnv {
  incoming?: { socket?: { remoteAddress?: string } }
  requestIP?: (request: unknown) => { address?: string } | null
  remoteAddr?: { hostname?: string }
}

/** The socket's peer as each runtime hands it to Hono's fetch (workers give none). */
function remoteAddressOf(env: unknown, request: unknown): string | undefined {
  const runtime = (env ?? {}) as RuntimeEnv
  try {
    return runtime.incoming?.socket?.remoteAddress ?? runtime.requestIP?.(request)?.address ?? runtime.remoteAddr?.hostname
  } catch {
    return undefined
  }
}
