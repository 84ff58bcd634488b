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

export interface Sender {
  send(report: Report): void
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
