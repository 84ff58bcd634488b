import { execFileSync } from 'node:child_process'
import { timingSafeEqual } from 'node:crypto'
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

export const COLLECTOR_USAGE = `errorweave collector [--port N] [--tls] [--apikey KEY] [--out FILE] [--cert FILE --key FILE]`

export interface CollectorOptions {
  /** Default 7319; 0 picks a free port. Always bound to 127.0.0.1. */
  port?: number
  /** true: a self-signed certificate for 127.0.0.1/localhost (made with openssl) in `certDir`; or given PEM files. */
  tls?: boolean | { certFile: string; keyFile: string }
  certDir?: string
  /** Reports without this X-API-Key are refused (401). Without it, any report is accepted. */
  apikey?: string
  /** Every accepted report is appended here as one JSON line; null: no file. */
  out?: string | null
  /** Where the readable lines go (default console.log). */
  print?: (line: string) => void
}

export interface Collector {
  url: string
  port: number
  /** The certificate to trust (NODE_EXTRA_CA_CERTS) when it made its own. */
  caFile?: string
  /** Accepted reports, oldest first (the last 10,000). */
  reports: Array<Record<string, unknown>>
  close(): Promise<void>
}

const HOST = '127.0.0.1'
const MAX_BODY = 1024 * 1024
const MAX_KEPT = 10_000
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type, x-api-key, idempotency-key',
  'access-control-max-age': '600',
}

/**
 * A local collector: POST a report (any path) with X-API-Key; GET /reports lists them
 * as JSON. Each report is printed readably and appended to an NDJSON file; a retry
 * with an Idempotency-Key already seen is acknowledged but not stored twice.
 */
export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const print = options.print ?? ((line: string) => console.log(line))
  const reports: Array<Record<string, unknown>> = []
  const seenKeys = new Set<string>()
  const out: WriteStream | undefined = options.out ? createWriteStream(options.out, { flags: 'a' }) : undefined
  out?.on('error', (error) => print(`errorweave collector: cannot append to ${options.out}: ${error.message}`))
  let caFile: string | undefined
  let server: Server
  const handler = (request: IncomingMessage, response: ServerResponse) => handle(request, response)
  if (options.tls) {
    const files = options.tls === true ? generateCertificate(options.certDir ?? path.resolve('.errorweave', 'collector-tls')) : options.tls
    if (options.tls === true) caFile = files.certFile
    server = createHttpsServer({ cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) }, handler)
  } else {
    server = createHttpServer(handler)
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://collector')
    if (request.method === 'OPTIONS') return reply(response, 204, undefined, CORS)
    if (request.method === 'GET' && url.pathname === '/reports') return reply(response, 200, reports)
    if (request.method === 'GET' && url.pathname === '/health') return reply(response, 200, { ok: true, reports: reports.length })
    if (request.method !== 'POST') return reply(response, 405, { error: 'POST a report, or GET /reports' })
    if (options.apikey && !sameText(String(request.headers['x-api-key'] ?? ''), options.apikey)) {
      request.resume()
      return reply(response, 401, { error: 'missing or wrong X-API-Key' }, CORS)
    }
    readBody(request, (body) => {
      if (body === undefined) return reply(response, 413, { error: 'report larger than 1 MiB' }, CORS)
      let report: unknown
      try {
        report = JSON.parse(body)
      } catch {
        return reply(response, 400, { error: 'the body is not JSON' }, CORS)
      }
      if (typeof report !== 'object' || report === null || Array.isArray(report)) return reply(response, 400, { error: 'a report is one JSON object' }, CORS)
      const key = request.headers['idempotency-key']
      if (typeof key === 'string' && key) {
        if (seenKeys.has(key)) return reply(response, 200, { ok: true, duplicate: true }, CORS)
        if (seenKeys.size >= MAX_KEPT) seenKeys.delete(seenKeys.values().next().value!)
        seenKeys.add(key)
      }
      const stored = report as Record<string, unknown>
      reports.push(stored)
      if (reports.length > MAX_KEPT) reports.shift()
      out?.write(`${JSON.stringify(stored)}\n`)
      print(describeReport(stored, reports.length))
      reply(response, 202, { ok: true }, CORS)
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 7319, HOST, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `${options.tls ? 'https' : 'http'}://${HOST}:${port}`,
    port,
    caFile,
    reports,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.()
        server.close(() => (out ? out.end(() => resolve()) : resolve()))
      }),
  }
}

function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body)
  response.writeHead(status, { ...headers, ...(text ? { 'content-type': 'application/json' } : {}) })
  response.end(text)
}

function readBody(request: IncomingMessage, done: (body: string | undefined) => void): void {
  const chunks: Buffer[] = []
  let size = 0
  request.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size <= MAX_BODY) chunks.push(chunk)
  })
  request.on('end', () => done(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')))
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** Two to five lines a person can read: where, what, who called, what would have run next. */
export function describeReport(report: Record<string, unknown>, index: number): string {
  const text = (value: unknown) => (value === null || value === undefined ? '' : String(value))
  const where = `${report.class ? `${text(report.class)}.` : ''}${text(report.method)}${report.line != null ? `:${text(report.line)}` : ''}`
  const location = report.file ? `  ${text(report.file)}:${text(report.line)}:${text(report.column)}` : ''
  const count = typeof report.count === 'number' && report.count > 1 ? `  x${report.count}` : ''
  const dropped = typeof report.dropped === 'number' && report.dropped > 0 ? `  (${report.dropped} lost before)` : ''
  const time = typeof report.timestamp === 'string' ? report.timestamp.slice(11, 19) : '--:--:--'
  const lines = [`#${index} ${time} ${text(report.severity).padEnd(5)} ${where}${location}${count}${dropped}`, `    ${text(report.message).split('\n')[0]}`]
  const caller = report.caller as { function?: unknown; file?: unknown; line?: unknown } | null
  if (caller) lines.push(`    caller  ${text(caller.function) || '(anonymous)'}${caller.file ? ` (${text(caller.file)}:${text(caller.line)})` : ''}`)
  if (Array.isArray(report.futureCalls) && report.futureCalls.length > 0) lines.push(`    next    ${report.futureCalls.map(text).join(' -> ')}`)
  if (Array.isArray(report.chain) && report.chain.length > 0) {
    const chain = report.chain as Array<Record<string, unknown>>
    lines.push(`    through ${chain.map((entry) => `${entry.class ? `${text(entry.class)}.` : ''}${text(entry.method)}:${text(entry.line)}`).join(' <- ')}`)
  }
  return lines.join('\n')
}

/** A self-signed certificate for 127.0.0.1 and localhost, made with the openssl command (kept for reuse). */
export function generateCertificate(directory: string): { certFile: string; keyFile: string } {
  mkdirSync(directory, { recursive: true })
  const certFile = path.join(directory, 'cert.pem')
  const keyFile = path.join(directory, 'key.pem')
  try {
    readFileSync(certFile)
    readFileSync(keyFile)
    return { certFile, keyFile }
  } catch {
    // not made yet
  }
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30', '-subj', '/CN=errorweave local collector']
      .concat(['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile]),
    { stdio: 'ignore' },
  )
  return { certFile, keyFile }
}

/** `errorweave collector`: runs until Ctrl-C. */
export async function runCollector(args: string[]): Promise<number> {
  const flags = parseFlags(args)
  if (typeof flags === 'string') {
    console.error(`${flags}\nusage: ${COLLECTOR_USAGE}`)
    return 2
  }
  const apikey = flags.apikey ?? process.env.ERROR_MONITOR_APIKEY
  const tls = flags.cert && flags.key ? { certFile: flags.cert, keyFile: flags.key } : flags.tls
  let collector: Collector
  try {
    collector = await startCollector({ port: flags.port, tls, apikey, out: flags.out ?? 'errorweave-reports.ndjson' })
  } catch (error) {
    console.error(`errorweave collector: ${(error as Error).message}`)
    return 1
  }
  console.log(`errorweave collector on ${collector.url}  (POST /report, GET /reports)`)
  console.log(`  reports are appended to ${path.resolve(flags.out ?? 'errorweave-reports.ndjson')}`)
  console.log(apikey ? '  X-API-Key is checked' : '  no API key set (--apikey or ERROR_MONITOR_APIKEY): every report is accepted')
  if (collector.caFile) console.log(`  self-signed certificate: trust it with NODE_EXTRA_CA_CERTS=${collector.caFile}`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await collector.close()
  return 0
}

interface Flags {
  port?: number
  tls: boolean
  apikey?: string
  out?: string
  cert?: string
  key?: string
}

function parseFlags(args: string[]): Flags | string {
  const flags: Flags = { tls: false }
  for (let index = 0; index < args.length; index++) {
    const [name, inline] = args[index].split(/=(.*)/s, 2)
    const value = () => inline ?? args[++index]
    switch (name) {
      case '--tls':
        flags.tls = true
        break
      case '--port': {
        const port = Number(value())
        if (!Number.isInteger(port) || port < 0 || port > 65535) return '--port takes a number from 0 to 65535'
        flags.port = port
        break
      }
      case '--apikey':
      case '--out':
      case '--cert':
      case '--key': {
        const text = value()
        if (!text) return `${name} takes a value`
        flags[name.slice(2) as 'apikey' | 'out' | 'cert' | 'key'] = text
        break
      }
      default:
        return `unknown argument ${args[index]}`
    }
  }
  if (!!flags.cert !== !!flags.key) return '--cert and --key go together'
  return flags
}
