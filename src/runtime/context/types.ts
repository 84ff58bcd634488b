import type { Report, UserInfo } from '../report/types.js'

/** A value, or a function read only when a report is built (the request may still be in progress at capture). */
export type Lazy<T> = T | (() => T)

/** Header names in lower case; a Fetch `Headers` object works too. */
export type HeaderSource = Record<string, string | string[] | undefined> | { get(name: string): string | null }

/** How a framework entry reads its requests (DESIGN.md section 11). */
export interface RequestOptions {
  /** Whose X-Forwarded-For to believe: `false` (default), `true` (any), a hop count, or addresses/CIDRs. */
  trustProxy?: boolean | number | string | readonly string[]
  /** Lower-case header names kept in reports (default user-agent, content-type, referer, x-request-id); never authorization or cookie. */
  headers?: readonly string[]
  /** Keep the parsed body, masked and cut at 2,000 characters (default true). */
  body?: boolean
}

/** What a framework knows of a request when it starts; the rest may be filled in later with updateRequest(). */
export interface RequestSeed {
  method: string
  /** Path and query as received: `/orders/42?verbose=1`. */
  url: string
  headers: HeaderSource
  /** The socket's peer address. */
  remoteAddress?: string
  /** The route template (`/orders/:id`), never the concrete path. */
  route?: Lazy<string | undefined>
  params?: Lazy<Record<string, string> | undefined>
  /** Default: parsed from `url`. */
  query?: Lazy<Record<string, unknown> | undefined>
  body?: Lazy<unknown>
  /** The framework option `user(req)`, read when a report is built. setUser() in the request wins. */
  user?: Lazy<UserInfo | null | undefined>
  options?: RequestOptions
}

/** One request's shared state: every scope forked inside the request points at it. */
export interface RequestState {
  seed: RequestSeed
  /** Reads the request's report fields (request-info.ts), when a report is built. */
  fields(seed: RequestSeed): Pick<Report, 'request' | 'traceId' | 'spanId'>
  /** Errors already captured during this request (bounded), so the framework does not report them again. */
  seen: unknown[]
}

/**
 * The context values at one moment, never changed once made: a capture keeps a
 * reference (O(1)) and the report reads it later, so a later setUser() cannot
 * rewrite an earlier error's report. Only the request's data is shared and filled in
 * as the framework learns it.
 */
export interface Scope {
  /** null: explicitly no user, even if the request's `user(req)` names one. */
  readonly user?: UserInfo | null
  readonly tags?: Readonly<Record<string, string>>
  readonly contexts?: Readonly<Record<string, unknown>>
  readonly request?: RequestState
}

/** Where a request, a withContext() call or the process keeps its current scope; setUser() and the like replace it. */
export interface Frame {
  scope: Scope
}
