import { settings } from '../config/settings.js'
import { hooks } from '../platform/hooks.js'
import type { PostError, PostReply, PostRequest, Sender, SpoolEntry } from './types.js'
import { utf8Length } from '../mask/mask.js'
import { postOnUnload, postWithFetch } from './post-fetch.js'
import type { Report } from '../report/types.js'
import { now, setBackgroundTimer } from '../platform/timers.js'
import { warnOnce } from '../platform/warn.js'

export interface Destination {
  url: URL
  headers: Record<string, string>
}

/** What differs between the collector and Discord: where, the body, and how the reply says "wait". */
export interface SenderSpec {
  label: string
  destination(): Destination | undefined
  /** The request body; `lost` is how many occurrences this sender failed to deliver so far. */
  encode(report: Report, lost: number): string
  /** Milliseconds the reply asks to wait before the next request (Retry-After, a rate limit), if it says. */
  waitFrom(reply: PostReply): number | undefined
  /** Which refusals are worth another attempt (default: 408, 429 and 5xx). */
  retryable?(status: number): boolean
}

interface Item {
  /** A report of this process, encoded when sent; or `body`, already encoded (from the spool). */
  report?: Report
  body?: string
  attempts: number
  /** Sent as Idempotency-Key, so a collector can drop a retry it already stored. */
  key: string
  /** Its spool file, deleted once the report is delivered or given up. */
  file?: string
}

const MAX_QUEUE = 100
const MAX_ATTEMPTS = 8
const MAX_WAIT_MS = 10 * 60_000
/** Waiting a little past what the server says keeps clock skew from turning the retry into another 429. */
const TOLD_WAIT_MARGIN_MS = 50
const BREAKER_THRESHOLD = 5
const BREAKER_COOLDOWN_MS = 5_000
/** The breaker's longest pause: a collector that is back is probed within this. */
const BREAKER_MAX_COOLDOWN_MS = 30_000
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
  let inFlight: Item | undefined
  let pumping = false
  const idleWaiters: Array<() => void> = []
  /** No request before this time: backoff, a server's "wait", or the open circuit breaker. */
  let notBefore = 0
  /** Failures in a row, and how long the breaker stays open the next time it opens. */
  let failures = 0
  let cooldown = BREAKER_COOLDOWN_MS
  /** Occurrences given up since the server last heard of such losses. */
  let lost = 0

  const waitUntil = (time: number) => (notBefore = Math.max(notBefore, time))

  function remove(item: Item): void {
    const index = queue.indexOf(item)
    if (index >= 0) queue.splice(index, 1)
  }

  /** Delivered or given up: out of the queue and out of the spool. */
  function finish(item: Item): void {
    remove(item)
    if (item.file) hooks.spool?.remove(item.file)
  }

  /** Gives a report up (it leaves the queue) and counts the loss; `warning` says why. */
  function drop(item?: Item, warning?: string): void {
    if (item) finish(item)
    if (warning) warnOnce(`${spec.label}: ${warning}`)
    // Occurrences, not reports: a report stands for `count` of them, and carries losses not yet told.
    lost += item?.report ? item.report.count + (item.report.dropped ?? 0) : 1
    counts.failed++
  }

  function request(destination: Destination, item: Item, body: string): PostRequest {
    const headers = { ...destination.headers, 'content-type': 'application/json', 'idempotency-key': item.key }
    return { url: destination.url, headers, body, timeoutMs: settings.timeoutMs }
  }

  function enqueue(item: Item): void {
    if (queue.length >= MAX_QUEUE) drop(queue.find((queued) => queued !== inFlight))
    queue.push(item)
    void pump()
  }

  function send(report: Report): void {
    enqueue({ report, attempts: 0, key: randomKey() })
  }

  function adopt(entries: SpoolEntry[]): void {
    for (const { key, body, file } of entries) enqueue({ body, key, file, attempts: 0 })
  }

  function encode(item: Item, lostSoFar: number): string {
    return item.body ?? spec.encode(item.report!, lostSoFar)
  }

  function takeUndelivered(): SpoolEntry[] {
    const taken = queue.splice(0).map((item): SpoolEntry => {
      const entry = { key: item.key, body: encode(item, lost), file: item.file }
      // The first body written carries the losses so far: told once, by whichever process sends it.
      lost = 0
      return entry
    })
    inFlight = undefined
    return taken
  }



  async function pump(): Promise<void> {
    if (pumping) return
    pumping = true
    try {
      while (queue.length > 0) {
        const wait = notBefore - now()
        const destination = spec.destination()
        if (wait > 0) await new Promise<void>((resolve) => setBackgroundTimer(resolve, wait))
        else if (!destination) drop(queue[0])
        else {
          const item = (inFlight = queue[0])
          // Never expected to throw; dropping the item keeps a bug from looping forever.
          await attempt(item, destination).catch(() => drop(item))
          inFlight = undefined
        }
      }
    } finally {
      pumping = false
      for (const wake of idleWaiters.splice(0)) wake()
    }
  }

  async function attempt(item: Item, destination: Destination): Promise<void> {
    const lostSoFar = lost
    let reply: PostReply
    try {
      reply = await (hooks.post ?? postWithFetch)(request(destination, item, encode(item, lostSoFar)))
    } catch (error) {
      // Taken for the spool meanwhile (the process is ending): no longer this attempt's to count.
      if (!queue.includes(item)) return
      const { kind, message } = error as PostError
      failed()
      return kind === 'tls' ? drop(item, message) : retry(item, undefined, `${kind}: ${message}`)
    }
    const { status } = reply
    const told = spec.waitFrom(reply)
    if (!queue.includes(item)) return
    if (status >= 200 && status < 300) {
      finish(item)
      counts.delivered++
      lost -= lostSoFar
      failures = 0
      cooldown = BREAKER_COOLDOWN_MS
      notBefore = now() + (told ?? 0)
    } else if (!(spec.retryable ?? retryableByDefault)(status)) drop(item, `a report refused with HTTP ${status} is dropped`)
    else if (status === 429) retry(item, told, 'HTTP 429')
    else {
      failed()
      retry(item, told, `HTTP ${status}`)
    }
  }

  /** Tries `item` again after what the server asked for (`told`, in ms), else after a backoff. */
  function retry(item: Item, told: number | undefined, reason: string): void {
    // Exponential backoff with "equal jitter": between half and all of 250 ms * 2^n, at most 30 s.
    const ceiling = Math.min(30_000, 250 * 2 ** item.attempts)
    const delay = told === undefined ? ceiling / 2 + (Math.random() * ceiling) / 2 : told + TOLD_WAIT_MARGIN_MS
    if (++item.attempts < MAX_ATTEMPTS) waitUntil(now() + Math.min(delay, MAX_WAIT_MS))
    else drop(item, `a report failed ${MAX_ATTEMPTS} attempts (last: ${reason}) and is dropped`)
  }

  /** One more failure in a row; from BREAKER_THRESHOLD on, the breaker opens for a cooldown that doubles up to 30 s. */
  function failed(): void {
    if (++failures < BREAKER_THRESHOLD) return
    waitUntil(now() + cooldown)
    cooldown = Math.min(cooldown * 2, BREAKER_MAX_COOLDOWN_MS)
    warnOnce(`${spec.label}: ${BREAKER_THRESHOLD} deliveries failed in a row; pausing (circuit breaker open)`)
  }

  function flush(deadline: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (queue.length > 0 && notBefore > deadline) return resolve(false)
      idleWaiters.push(() => resolve(queue.length === 0 && lost === 0))
      void pump()
    })
  }

  function unload(): void {
    const destination = spec.destination()
    let budget = UNLOAD_BUDGET
    for (const item of [...queue]) {
      const body = destination ? encode(item, lost) : ''
      budget -= utf8Length(body)
      const posted = !!destination && budget >= 0 && postOnUnload(request(destination, item, body))
      // The request in flight may not outlive the page: the report goes again under the same
      // Idempotency-Key, so a collector keeps it once; its own attempt still settles its counts.
      if (item === inFlight) continue
      // No reply will come: the loss is told now or never.
      if (posted) {
        finish(item)
        lost = 0
      } else drop(item)
    }
  }

  return { label: spec.label, send, adopt, takeUndelivered, full: () => queue.length >= MAX_QUEUE, overflow: () => drop(), flush, unload, counts: () => ({ ...counts, queued: queue.length }) }
}

function retryableByDefault(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/** Retry-After as seconds or as an HTTP date, in ms. */
export function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (seconds >= 0) return seconds * 1000
  const date = Date.parse(value)
  return date >= 0 ? Math.max(0, date - Date.now()) : undefined
}

function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint32Array(4)), (word) => word.toString(16).padStart(8, '0')).join('')
}
