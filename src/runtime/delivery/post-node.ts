import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { postError, type PostError, type PostReply, type PostRequest } from './types.js'
import { setTimer, clearTimer } from '../platform/timers.js'

const MAX_REPLY = 64 * 1024
// Idle keep-alive sockets are unref'd by Node, so they never hold a finished process open.
const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 2 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 2 }) }

/**
 * POST through node:http(s). TLS is always verified (rejectUnauthorized is forced on,
 * whatever NODE_TLS_REJECT_UNAUTHORIZED says); private CAs come from the standard
 * NODE_EXTRA_CA_CERTS (or --use-openssl-ca with SSL_CERT_FILE).
 */
export function postWithNode(request: PostRequest): Promise<PostReply> {
  return new Promise((resolve, reject) => {
    const secure = request.url.protocol === 'https:'
    let settled = false
    const finish = (error: PostError | undefined, reply?: PostReply) => {
      if (settled) return
      settled = true
      clearTimer(timer)
      if (error) reject(error)
      else resolve(reply!)
    }
    const outgoing = (secure ? httpsRequest : httpRequest)(
      request.url,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body), 'user-agent': 'errorweave' },
        agent: secure ? agents.https : agents.http,
        ...(secure ? { rejectUnauthorized: true } : {}),
      },
      (response) => readReply(response, (error, reply) => finish(error, reply)),
    )
    const timer = setTimer(() => outgoing.destroy(postError('timeout', `no reply within ${request.timeoutMs} ms`)), request.timeoutMs)
    // A report in flight never keeps a finished process alive by itself: the exit flush
    // holds the process open for at most its own deadline.
    timer.unref()
    outgoing.on('socket', (socket) => socket.unref())
    outgoing.on('error', (error) => finish((error as Partial<PostError>).kind ? (error as PostError) : classify(error)))
    outgoing.end(request.body)
  })
}

function readReply(response: IncomingMessage, done: (error: PostError | undefined, reply?: PostReply) => void): void {
  const chunks: Buffer[] = []
  let size = 0
  response.on('data', (chunk: Buffer) => {
    if (size < MAX_REPLY) chunks.push(chunk)
    size += chunk.length
  })
  response.on('end', () => {
    const headers = response.headers
    const header = (name: string) => {
      const value = headers[name.toLowerCase()]
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
    }
    done(undefined, { status: response.statusCode ?? 0, header, body: Buffer.concat(chunks).toString('utf8', 0, MAX_REPLY) })
  })
  response.on('error', (error) => done(classify(error)))
  response.on('close', () => done(postError('network', 'the connection closed during the reply')))
}

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME|ALTNAME|^ERR_TLS|^ERR_SSL/

function classify(error: unknown): PostError {
  const code = String((error as { code?: unknown })?.code ?? '')
  const message = error instanceof Error ? error.message : String(error)
  const detail = code && !message.includes(code) ? `${code}: ${message}` : message
  if (TLS_CODE.test(code)) return postError('tls', `TLS verification failed (${detail}); reports are not sent there. A private CA can be trusted with NODE_EXTRA_CA_CERTS`)
  return postError(code === 'ETIMEDOUT' ? 'timeout' : 'network', detail)
}
