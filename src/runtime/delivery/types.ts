import type { Report } from '../report/types.js'

/** One HTTP POST as the senders need it; `post` resolves with the reply or rejects with a PostError. */
export interface PostRequest {
  url: URL
  headers: Record<string, string>
  body: string
  timeoutMs: number
}

export interface PostReply {
  status: number
  header(name: string): string | null
  body: string
}

/** `tls`: the destination cannot be trusted; the message says why and what to do, and nothing is retried. */
export type PostErrorKind = 'network' | 'timeout' | 'tls'

export type PostError = Error & { kind: PostErrorKind }

export function postError(kind: PostErrorKind, message: string): PostError {
  return Object.assign(new Error(message), { kind })
}

export type Poster = (request: PostRequest) => Promise<PostReply>

/** A report as it waits in the spool: its body as sent and its Idempotency-Key; `file` once on disk. */
export interface SpoolEntry {
  key: string
  body: string
  file?: string
}

/** Node's spool folder (delivery/spool.ts): one folder per `name` (service and destination). */
export interface Spool {
  /** What earlier processes left under `name`, now claimed by this one (no other process sends it). */
  claim(name: string): SpoolEntry[]
  /** Puts entries on disk (those without a file get one), claimed by this process or free for the next. */
  save(name: string, entries: SpoolEntry[], claimed: boolean): SpoolEntry[]
  /** Delivered or given up: the entry's file goes. */
  remove(file: string): void
}

export interface Sender {
  /** Which destination: `server-url` or `discord`. */
  readonly label: string
  send(report: Report): void
  /** Queues reports a process spooled, under their own Idempotency-Keys. */
  adopt(entries: SpoolEntry[]): void
  /** Takes everything not yet delivered out of the queue, encoded, for the spool or a last delivery. */
  takeUndelivered(): SpoolEntry[]
  /** The queue is at its bound: another report would push one out. */
  full(): boolean
  /** A report that found the queue full, counted as lost without being built (the next delivered report tells). */
  overflow(): void
  /** True once everything was delivered (or its loss told to the server); false if that cannot happen by `deadline`. */
  flush(deadline: number): Promise<boolean>
  /** The page is going away: post everything queued now, without waiting for replies. */
  unload(): void
  counts(): SenderCounts
}

export interface SenderCounts {
  /** Confirmed by the server (2xx). */
  delivered: number
  /** Given up: refused, out of attempts, or pushed out of a full queue. */
  failed: number
  queued: number
}
