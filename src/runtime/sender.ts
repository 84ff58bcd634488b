import { settings } from './config.js'
import { hooks, PostError, type PostReply, type PostRequest } from './hooks.js'
import { utf8Length } from './mask.js'
import { postOnUnload, postWithFetch } from './post-fetch.js'
import type { Report } from './report.js'
import { warnOnce } from './warn.js'
import { setTimer } from './timers.js'

export interface Destination {
  url: URL
  headers: Record<string, string>
}

/** What differs between the collector and Discord: where, the body, and how the reply says "wait". */
export interface SenderSpec {
  label: string
  destination(): Destination | undefined
  /** The request body; `lost` is how many reports this sender failed to deliver so far. */
  encode(report: Report, lost: number): string
  /** Milliseconds the reply asks to wait before trying again (429, Retry-After), if it says. */
  waitFrom(reply: PostReply): number | undefined
}

export interface Sender {
  send(report: Report): void
  /** True once everything was delivered (or its loss told to the server); false if that cannot happen by `deadline`. */
  flush(deadline: number): Promise<boolean>
  /** The page is going away: post everything queued now, without waiting for replies. */
  unload(): void
  pending(): number
  counts(): SenderCounts
}

export interface SenderCounts {
  /** Confirmed by the server (2xx). */
  delivered: number
  /** Given up: refused, out of attempts, or pushed out of a full queue. */
  failed: number
  queued: number
}

interface Item {
  report: Report
  attempts: number
  /** Sent as Idempotency-Key, so a collector can drop a retry it already stored. */
  key: string
}

const MAX_QUEUE = 100
const MAX_ATTEMPTS = 8
const BASE_DELAY_MS = 250
const MAX_BACKOFF_MS = 30_000
const MAX_WAIT_MS = 10 * 60_000
/** Waiting a little past what a 429 says keeps clock skew from turning the retry into another 429. */
const TOLD_WAIT_MARGIN_MS = 50
const BREAKER_THRESHOLD = 5
const BREAKER_COOLDOWN_MS = 5_000
const BREAKER_MAX_COOLDOWN_MS = 5 * 60_000
/** Chrome allows 64 KiB of keepalive bodies in flight per page. */
const UNLOAD_BUDGET = 64 * 1024

/**
 * One queue per destination, sent one request at a time: bounded (drop-oldest,
 * counted), retried with exponential backoff and jitter on network errors, timeouts,
 * 408 and 5xx, waiting as told on 429 / Retry-After, and paused by a circuit breaker
 * after repeated failures. Its timers never keep a process alive.
 */
export function createSender(spec: SenderSpec): Sender {
  const queue: Item[] = []
  const counts = { delivered: 0, failed: 0 }
  const breaker = { failures: 0, openUntil: 0, cooldown: BREAKER_COOLDOWN_MS }
  let inFlight: Item | undefined
  let pumping = false
  let notBefore = 0
  let lost = 0
  let idleWaiters: Array<() => void> = []

  function send(report: Report): void {
    if (queue.length >= MAX_QUEUE) {
      const oldest = queue.findIndex((item) => item !== inFlight)
      queue.splice(oldest, 1)
      drop()
    }
    queue.push({ report, attempts: 0, key: randomKey() })
    void pump()
  }

  function drop(): void {
    lost++
    counts.failed++
  }

  async function pump(): Promise<void> {
    if (pumping) return
    pumping = true
    try {
      while (queue.length > 0) {
        const wait = Math.max(notBefore, breaker.openUntil) - Date.now()
        if (wait > 0) {
          await sleep(wait)
          continue
        }
        const destination = spec.destination()
        if (!destination) {
          for (let count = queue.splice(0).length; count > 0; count--) drop()
          break
        }
        const item = queue[0]
        inFlight = item
        try {
          await attempt(item, destination)
        } catch {
          // Never expected; dropping the item keeps a bug from looping forever.
          settle(item)
          drop()
        }
        inFlight = undefined
      }
    } finally {
      inFlight = undefined
      pumping = false
      const waiters = idleWaiters
      idleWaiters = []
      for (const wake of waiters) wake()
    }
  }

  function settle(item: Item): void {
    const index = queue.indexOf(item)
    if (index >= 0) queue.splice(index, 1)
  }

  async function attempt(item: Item, destination: Destination): Promise<void> {
    const lostSoFar = lost
    const request: PostRequest = {
      url: destination.url,
      headers: { ...destination.headers, 'content-type': 'application/json', 'idempotency-key': item.key },
      body: spec.encode(item.report, lostSoFar),
      timeoutMs: settings.timeoutMs,
    }
    const where = `${spec.label} (${destination.url.origin})`
    let reply: PostReply
    try {
      reply = await (hooks.post ?? postWithFetch)(request)
    } catch (error) {
      const kind = error instanceof PostError ? error.kind : 'network'
      const detail = error instanceof Error ? error.message : String(error)
      if (kind === 'tls') {
        failed()
        warnOnce(`${where}: TLS verification failed (${detail}); reports are not sent there. A private CA can be trusted with NODE_EXTRA_CA_CERTS`)
        settle(item)
        drop()
        return
      }
      retry(item, backoff(item.attempts), true, `${kind}: ${detail}`, where)
      return
    }
    const { status } = reply
    if (status >= 200 && status < 300) {
      settle(item)
      counts.delivered++
      lost -= lostSoFar
      breaker.failures = 0
      breaker.cooldown = BREAKER_COOLDOWN_MS
      notBefore = Date.now() + rateLimitPause(reply)
      return
    }
    if (status === 429) {
      const asked = spec.waitFrom(reply)
      retry(item, asked === undefined ? backoff(item.attempts) : asked + TOLD_WAIT_MARGIN_MS, false, 'HTTP 429', where)
      return
    }
    if (status === 408 || status >= 500) {
      retry(item, spec.waitFrom(reply) ?? backoff(item.attempts), true, `HTTP ${status}`, where)
      return
    }
    const hint = status === 401 || status === 403 ? ' (the API key was refused)' : status === 413 ? ' (too large)' : ''
    warnOnce(`${where}: the server refused a report with HTTP ${status}${hint}; it is dropped`)
    settle(item)
    drop()
  }

  function retry(item: Item, delay: number, isFailure: boolean, reason: string, where: string): void {
    item.attempts++
    if (isFailure) failed()
    if (item.attempts >= MAX_ATTEMPTS) {
      warnOnce(`${where}: a report was not delivered after ${MAX_ATTEMPTS} attempts (last: ${reason}); dropped and counted`)
      settle(item)
      drop()
      return
    }
    notBefore = Math.max(notBefore, Date.now() + Math.min(delay, MAX_WAIT_MS))
  }

  function failed(): void {
    breaker.failures++
    if (breaker.failures < BREAKER_THRESHOLD) return
    breaker.openUntil = Date.now() + breaker.cooldown
    breaker.cooldown = Math.min(breaker.cooldown * 2, BREAKER_MAX_COOLDOWN_MS)
    warnOnce(`${spec.label}: ${BREAKER_THRESHOLD} deliveries failed in a row; pausing (circuit breaker open)`)
  }

  function flush(deadline: number): Promise<boolean> {
    if (queue.length === 0 && !inFlight) return Promise.resolve(lost === 0)
    if (Math.max(breaker.openUntil, notBefore) > deadline) return Promise.resolve(false)
    const idle = new Promise<boolean>((resolve) => idleWaiters.push(() => resolve(queue.length === 0 && lost === 0)))
    void pump()
    return idle
  }

  function unload(): void {
    const destination = spec.destination()
    let budget = UNLOAD_BUDGET
    for (const item of queue.filter((queued) => queued !== inFlight)) {
      settle(item)
      const body = destination ? spec.encode(item.report, lost) : ''
      budget -= utf8Length(body)
      const headers = { ...destination?.headers, 'content-type': 'application/json', 'idempotency-key': item.key }
      if (destination && budget >= 0 && postOnUnload({ url: destination.url, headers, body, timeoutMs: 0 })) {
        // No reply will come: the loss is told now or never.
        lost = 0
      } else drop()
    }
  }

  return { send, flush, unload, pending: () => queue.length, counts: () => ({ ...counts, queued: queue.length }) }
}

/** Full exponential backoff with "equal jitter": between half and all of 250 ms * 2^n, at most 30 s. */
function backoff(attempts: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempts)
  return ceiling / 2 + Math.random() * (ceiling / 2)
}

/** Retry-After as seconds or as an HTTP date, in ms. */
export function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined
  const seconds = Number(value.trim())
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

/** A reply that says the rate-limit bucket is empty (X-RateLimit-Remaining: 0) pauses the next request. */
function rateLimitPause(reply: PostReply): number {
  if (reply.header('x-ratelimit-remaining') !== '0') return 0
  return retryAfterMs(reply.header('x-ratelimit-reset-after')) ?? 0
}

function randomKey(): string {
  const bytes = new Uint8Array(16)
  const crypto = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes)
  else for (let index = 0; index < bytes.length; index++) bytes[index] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimer(resolve, ms)
    ;(timer as { unref?: () => void }).unref?.()
  })
}
