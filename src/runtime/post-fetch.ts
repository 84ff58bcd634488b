import { PostError, type PostReply, type PostRequest } from './hooks.js'
import { setTimer, clearTimer } from './timers.js'

const MAX_REPLY = 64 * 1024
/** Bodies up to this size go as keepalive requests, which survive the page closing. */
const KEEPALIVE_LIMIT = 60 * 1024

/** POST through fetch: browsers, Deno, Bun, edge runtimes. */
export async function postWithFetch(request: PostRequest): Promise<PostReply> {
  const controller = new AbortController()
  const timer = setTimer(() => controller.abort(), request.timeoutMs)
  try {
    const response = await fetch(request.url.href, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      keepalive: request.body.length <= KEEPALIVE_LIMIT,
      credentials: 'omit',
      // The API key must not follow a redirect to another host.
      redirect: 'manual',
    })
    const body = (await response.text()).slice(0, MAX_REPLY)
    return { status: response.status, header: (name) => response.headers.get(name), body }
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'request failed'
    throw new PostError(controller.signal.aborted ? 'timeout' : 'network', controller.signal.aborted ? `no reply within ${request.timeoutMs} ms` : detail)
  } finally {
    clearTimer(timer)
  }
}

/**
 * Fire and forget while the page goes away: a keepalive fetch, or sendBeacon where
 * fetch is missing and no API key is needed (a beacon cannot carry headers).
 */
export function postOnUnload(request: PostRequest): boolean {
  try {
    if (typeof fetch === 'function') {
      fetch(request.url.href, { method: 'POST', headers: request.headers, body: request.body, keepalive: true, credentials: 'omit', redirect: 'manual' }).catch(() => undefined)
      return true
    }
    const beacon = (globalThis as { navigator?: { sendBeacon?: (url: string, data: Blob) => boolean } }).navigator?.sendBeacon
    if (beacon && !request.headers['x-api-key']) return beacon.call((globalThis as { navigator?: unknown }).navigator, request.url.href, new Blob([request.body], { type: 'text/plain' }))
  } catch {
    // The page is closing; nothing else can be done.
  }
  return false
}
