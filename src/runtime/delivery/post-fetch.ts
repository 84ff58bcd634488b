import { postError, type PostReply, type PostRequest } from './types.js'

const MAX_REPLY = 64 * 1024
/** Bodies up to this size go as keepalive requests, which survive the page closing. */
const KEEPALIVE_LIMIT = 60 * 1024

function post(request: PostRequest, init: RequestInit): Promise<Response> {
  // No cookies; and the API key must not follow a redirect to another host.
  return fetch(request.url.href, { method: 'POST', headers: request.headers, body: request.body, credentials: 'omit', redirect: 'manual', ...init })
}

/** POST through fetch: browsers, Deno, Bun, edge runtimes. The time limit covers the reply's body too. */
export async function postWithFetch(request: PostRequest): Promise<PostReply> {
  try {
    const response = await post(request, { signal: AbortSignal.timeout(request.timeoutMs), keepalive: request.body.length <= KEEPALIVE_LIMIT })
    const body = (await response.text()).slice(0, MAX_REPLY)
    return { status: response.status, header: (name) => response.headers.get(name), body }
  } catch (error) {
    const timedOut = (error as Error | undefined)?.name === 'TimeoutError'
    throw timedOut ? postError('timeout', `no reply within ${request.timeoutMs} ms`) : postError('network', String(error))
  }
}

/** Fire and forget while the page goes away: a keepalive fetch. False if it could not even start. */
export function postOnUnload(request: PostRequest): boolean {
  try {
    post(request, { keepalive: true }).catch(() => undefined)
    return true
  } catch {
    return false
  }
}
