import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { generateCertificate } from '../../../src/cli/collector.js'

export interface Received {
  at: number
  path: string
  headers: IncomingMessage['headers']
  body: string
  json: any
}

/** What the script answers to the n-th request (0-based): a reply, or a misbehaviour. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number } | 'hang' | 'reset'

export interface TestServer {
  url: string
  port: number
  received: Received[]
  /** Failed TLS handshakes (untrusted clients show up here, not in `received`). */
  tlsErrors: number
  close(): Promise<void>
}

export interface Certificate {
  certFile: string
  keyFile: string
}

/** A self-signed certificate for 127.0.0.1, made with openssl in a fresh temp dir (the collector's own code). */
export function makeCertificate(): Certificate {
  return generateCertificate(mkdtempSync(path.join(tmpdir(), 'errorweave-cert-')))
}

/** A real HTTP(S) server on 127.0.0.1 (on `port`, else one the OS picks) that records each request and answers as `script` says. */
export async function startServer(script: (request: Received, index: number) => Answer, tls?: Certificate, port = 0): Promise<TestServer> {
  const received: Received[] = []
  const sockets = new Set<Socket>()
  let tlsErrors = 0
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      let json: unknown
      try {
        json = JSON.parse(body)
      } catch {
        json = undefined
      }
      const entry: Received = { at: Date.now(), path: request.url ?? '/', headers: request.headers, body, json }
      received.push(entry)
      const answer = script(entry, received.length - 1)
      if (answer === 'hang') return
      if (answer === 'reset') {
        request.socket.destroy()
        return
      }
      const reply = () => {
        response.writeHead(answer.status, answer.headers)
        response.end(answer.body ?? '')
      }
      if (answer.delayMs) setTimeout(reply, answer.delayMs)
      else reply()
    })
  }
  const server: Server = tls ? createHttpsServer({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) }, handler) : createHttpServer(handler)
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('tlsClientError', () => tlsErrors++)
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const bound = (server.address() as AddressInfo).port
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${bound}`,
    port: bound,
    received,
    get tlsErrors() {
      return tlsErrors
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A port nothing listens on (bound once, then closed). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
