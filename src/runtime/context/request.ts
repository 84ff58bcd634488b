/**
 * The framework entries' side of the context (errorweave/express, fastify, hono, koa):
 * each request runs in a fresh scope whose request data is read lazily, when a
 * report is built.
 */
import { counters } from '../capture/counters.js'
import { record } from '../capture/queue.js'
import { settings } from '../config/settings.js'
import { schedule } from '../pipeline/pipeline.js'
import { placedByStack } from './place.js'
import { requestFields } from './request-info.js'
import { currentFrame, forkFrame, runInFrame } from './store.js'
import type { RequestSeed } from './types.js'

export type { HeaderSource, Lazy, RequestOptions, RequestSeed } from './types.js'
export { parseTraceparent } from './traceparent.js'
export { clientIpOf } from './client-ip.js'

/** What a framework learns after the request started: route template, params, parsed body, user. */
export type RequestUpdate = Partial<Pick<RequestSeed, 'route' | 'params' | 'query' | 'body' | 'user'>>

/** Runs `run` (the rest of the request's handling) in a fresh request scope; returns what it returns, throws what it throws. */
export function runInRequestScope<T>(seed: RequestSeed, run: () => T): T {
  let frame
  try {
    frame = forkFrame({ seed: { ...seed }, seen: [], fields: requestFields })
  } catch {
    counters.internalErrors++
  }
  return frame ? runInFrame(frame, run) : run()
}

/** True inside runInRequestScope(): a second entry for the same request can then leave it alone. */
export function inRequestScope(): boolean {
  try {
    return currentFrame().scope.request !== undefined
  } catch {
    return false
  }
}

/** The errors already captured in the current request, oldest first (bounded); none outside a request. */
export function capturedInRequest(): readonly unknown[] {
  try {
    return currentFrame().scope.request?.seen ?? []
  } catch {
    return []
  }
}

/** Fills in the current request's data; values may be functions, read when a report is built. */
export function updateRequest(update: RequestUpdate): void {
  try {
    const request = currentFrame().scope.request
    if (request) for (const [key, value] of Object.entries(update)) if (value !== undefined) (request.seed as unknown as Record<string, unknown>)[key] = value
  } catch {
    counters.internalErrors++
  }
}

/**
 * An error the framework saw (an error hook, a rejected handler): reported with
 * `mechanism: "framework"` unless something in this request (a woven function,
 * captureException, an earlier call of this) already captured it. True when reported now.
 */
export function reportFrameworkError(error: unknown): boolean {
  try {
    if (!settings.enabled) return false
    const scope = currentFrame().scope
    if (scope.request?.seen.includes(error)) return false
    record(error, 'framework', undefined, placedByStack(), scope)
    schedule()
    return true
  } catch {
    counters.internalErrors++
    return false
  }
}
