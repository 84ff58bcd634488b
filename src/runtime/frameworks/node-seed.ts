import { configure } from '../node.js'
import { seedOf, type FrameworkOptions } from './seed.js'
import type { RequestSeed } from '../context/request.js'

/** What Express, Fastify and Koa all sit on: Node's IncomingMessage. */
export interface IncomingRequest {
  method?: string
  url?: string
  headers: Record<string, string | string[] | undefined>
  socket?: { remoteAddress?: string } | null
}

let installed = false

/**
 * A Node request's seed. The first one installs the Node runtime (settings from the
 * environment and the properties file, node:https delivery), as configure() would, for
 * apps whose only errorweave import is a framework entry.
 */
export function nodeSeed<Req>(raw: IncomingRequest, url: string | undefined, lazy: Pick<RequestSeed, 'route' | 'params' | 'body'>, request: Req, options: FrameworkOptions<Req> | undefined): RequestSeed {
  if (!installed) {
    installed = true
    configure({})
  }
  return seedOf({ method: raw.method ?? 'GET', url: url ?? raw.url ?? '/', headers: raw.headers, remoteAddress: raw.socket?.remoteAddress, ...lazy }, request, options)
}
