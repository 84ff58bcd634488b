import type { StackFrame } from './stack.js'
import type { Sender } from './sender.js'

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

/**
 * What differs between platforms. The universal entry leaves these unset (fetch,
 * page-hide, no source maps); the Node entry (node.ts) fills them in, so a browser
 * bundle never imports node:https, the properties file or process hooks.
 */
export const hooks: {
  post?: Poster
  discord?: () => Sender
  mapFrame?: (frame: StackFrame) => StackFrame
  /** Called once, when the first report is handed to a transport. */
  onActive?: () => void
} = {}
