/**
 * errorweave/express: `app.use(requestContext(options))` before the routes,
 * `app.use(errorHandler())` after them (DESIGN.md section 11).
 */
import { reportFrameworkError } from '../context/request.js'
import { nodeSeed, type IncomingRequest } from './node-seed.js'
import { inRequest, type AppRequest, type FrameworkOptions } from './seed.js'

export type { FrameworkOptions as RequestContextOptions } from './seed.js'

export interface ExpressRequest extends IncomingRequest {
  originalUrl?: string
  baseUrl?: string
  route?: { path?: unknown }
  params?: Record<string, string>
  body?: unknown
}

type Next = (error?: unknown) => void

/** Runs the rest of each request in its own scope: what fails there reports this request. */
export function requestContext<Req = AppRequest<ExpressRequest>>(options?: FrameworkOptions<Req>): (req: ExpressRequest, res: unknown, next: Next) => void {
  return function errorweaveRequestContext(req, _res, next) {
    inRequest(() => {
      const matched = matchedRoute(req)
      return nodeSeed(req, req.originalUrl, { route: () => matched.route, params: () => matched.params, body: () => req.body }, req as Req, options)
    }, next)
  }
}

/**
 * Reports what Express passes to error middleware (once: not when a woven function
 * already reported it), then hands the error on unchanged to the app's own error
 * handlers or Express's default page.
 */
export function errorHandler(): (error: unknown, req: unknown, res: unknown, next: Next) => void {
  return function errorweaveErrorHandler(error, _req, _res, next) {
    reportFrameworkError(error)
    next(error)
  }
}

/** For exception filters (NestJS): report an error the framework caught, once per request. */
export { reportFrameworkError as reportError } from '../context/request.js'

/**
 * The route that handled the request, with the mount path of its router, and that
 * route's params. Express's router sets req.route and then req.params when a route
 * matches (and req.route once more when the route dispatches), and puts back the outer router's baseUrl and params when the request
 * leaves a nested router: by the time a report is built they describe the outer
 * router. So both are kept as the router assigns them.
 */
function matchedRoute(req: ExpressRequest): { route?: string; params?: Record<string, string> } {
  const matched: { route?: string; params?: Record<string, string> } = {}
  let route = req.route
  let params = req.params
  let routeJustSet = false
  Object.defineProperties(req, {
    route: {
      configurable: true,
      enumerable: true,
      get: () => route,
      set(value: ExpressRequest['route']) {
        // The route sets itself again when it dispatches: only a new one is a new match.
        if (value !== route && value?.path !== undefined) {
          routeJustSet = true
          matched.route = `${req.baseUrl ?? ''}${String(value.path)}` || '/'
        }
        route = value
      },
    },
    params: {
      configurable: true,
      enumerable: true,
      get: () => params,
      set(value: Record<string, string>) {
        params = value
        if (routeJustSet) matched.params = value
        routeJustSet = false
      },
    },
  })
  return matched
}
