import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { nativeImport, ROOT } from '../../helpers/weave.js'

/** The framework side of the context API, from the same built runtime instance as 'errorweave'. */
export const requestScope: typeof import('../../../src/runtime/context/request.js') = await nativeImport(pathToFileURL(path.join(ROOT, 'dist/runtime/context/request.js')).href)

export interface HttpServer {
  url: string
  close(): Promise<void>
}

/** A plain node:http server on 127.0.0.1 (port chosen by the OS). */
export async function startHttp(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<HttpServer> {
  const server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** One real request; resolves with the status and body. A fresh connection each, as distinct clients. */
export function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (incoming) => {
      let body = ''
      incoming.setEncoding('utf8')
      incoming.on('data', (chunk) => (body += chunk))
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }))
    })
    outgoing.on('error', reject)
    outgoing.end(options.body)
  })
}
