import { counters } from '../capture/counters.js'
import { inRequestScope, runInRequestScope, type RequestOptions, type RequestSeed } from '../context/request.js'
import type { UserInfo } from '../report/types.js'
import { warnOnce } from '../platform/warn.js'

/** The options of every framework entry (DESIGN.md section 11). */
export interface FrameworkOptions<Req> extends RequestOptions {
  /** The signed-in user; called when a report is built, so it sees what the app's authentication set. */
  user?: (request: Req) => UserInfo | null | undefined
}

/** A framework's request as the entries know it, plus whatever the app and its plugins put on it (`req.user`). */
export type AppRequest<Known> = Known & Record<string, any>

/** What an adapter reads from its framework; everything else comes from the options. */
export type FrameworkParts = Omit<RequestSeed, 'user' | 'options'>

/** The one place an entry's options become a request seed: user(req) stays lazy, the rest goes to the reader. */
export function seedOf<Req>(parts: FrameworkParts, request: Req, options: FrameworkOptions<Req> | undefined): RequestSeed {
  const { user, trustProxy, headers, body } = options ?? {}
  if (user !== undefined && typeof user !== 'function') warnOnce('framework entry: the user option must be a function (request) => ({ id, role }); ignored')
  return { ...parts, options: { trustProxy, headers, body }, user: typeof user === 'function' ? () => user(request) : undefined }
}

/**
 * Runs the rest of a request (`run`) in a request scope seeded by `seed`. A second entry
 * on the same request leaves it alone; a seed that cannot be built costs the reports
 * their request data, never the request itself.
 */
export function inRequest<T>(seed: () => RequestSeed, run: () => T): T {
  let built: RequestSeed | undefined
  try {
    if (!inRequestScope()) built = seed()
  } catch {
    counters.internalErrors++
  }
  return built ? runInRequestScope(built, run) : run()
}
