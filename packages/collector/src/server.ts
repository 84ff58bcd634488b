import { timingSafeEqual } from 'node:crypto'
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { isIP, type AddressInfo } from 'node:net'
import path from 'node:path'
import { createAlerter, loadAlertRules, type AlertRule } from './alerts.js'
import { generateCertificate } from './certificate.js'
import { DASHBOARD_CSS } from './dashboard-css.js'
import { filtersOf, issueListPage, issuePage, type PageContext } from './dashboard.js'
import { escapeHtml } from './html.js'
import { checkReport, describeReport, terminalSafe, type Report } from './report.js'
import { STATUSES, Store, type Incoming, type Ingested, type IssueStatus } from './store.js'

export interface CollectorOptions {
  /** Default 7319; 0 picks a free port. */
  port?: number
  /** Default 127.0.0.1. Any other than loopback needs `token`. */
  host?: string
  /** true: a self-signed certificate for 127.0.0.1/localhost (made with openssl) in `certDir`; or given PEM files. */
  tls?: boolean | { certFile: string; keyFile: string }
  certDir?: string
  /** Reports without this X-API-Key are refused (401). Without it, any report is accepted. */
  apikey?: string
  /** The dashboard and /api/ need it (Authorization: Bearer, or once `?token=` in the browser). Required beyond loopback. */
  token?: string
  /** The SQLite database file; default ':memory:' here (the CLI's default is ./errorweave.db). */
  db?: string
  /** Reports older than this many days go (default 30). */
  retentionDays?: number
  /** The stored reports are kept under this many bytes, oldest dropped first (default 512 MiB). */
  maxStoredBytes?: number
  /** Alert rules, or the JSON file that holds them. */
  alerts?: AlertRule[] | string
  /** A trace viewer's URL with `{traceId}`, linked from the issue page. */
  traceUrl?: string
  /** The dashboard's address in alert links when people reach it by another name (default the collector's own URL). */
  publicUrl?: string
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
  /** SQLite engine in use: node:sqlite or better-sqlite3. */
  engine: string
  /** This process's accepted reports, oldest first (the last 10,000, at most 32 MiB); all of them are in the database. */
  reports: Report[]
  close(): Promise<void>
}

const MAX_BODY = 1024 * 1024
const MAX_FORM = 4096
const MAX_KEPT = 10_000
const MAX_KEPT_BYTES = 32 * 1024 * 1024
const PRUNE_EVERY_MS = 10 * 60_000
const REPORT_CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type, x-api-key, idempotency-key',
  'access-control-max-age': '600',
}
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
}
const TOKEN_COOKIE = 'errorweave_token'

/**
 * The collector: POST a report (any path but the dashboard's) with X-API-Key; it is
 * stored in SQLite, grouped into an issue, printed readably and checked against the
 * alert rules. The dashboard is at `/`, the same data as JSON under `/api/`.
 */
export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopback(host) && !options.token) throw new Error(`--host ${host} reaches beyond this machine: set a dashboard token (--token or ERRORWEAVE_TOKEN) first`)
  if (options.traceUrl !== undefined && !/^https?:\/\/.*\{traceId\}/.test(options.traceUrl)) throw new Error('--trace-url is an http(s) URL with {traceId} in it')
  const print = options.print ?? ((line: string) => console.log(line))
  const rules = typeof options.alerts === 'string' ? loadAlertRules(options.alerts) : (options.alerts ?? [])
  const store = new Store({ file: options.db ?? ':memory:', retentionDays: options.retentionDays ?? 30, maxBytes: options.maxStoredBytes ?? 512 * 1024 * 1024 })
  store.prune(Date.now())
  const pruning = setInterval(() => store.prune(Date.now()), PRUNE_EVERY_MS).unref()
  const reports: Report[] = []
  const waiting: Array<{ item: Incoming; resolve: (stored: Ingested) => void; reject: (error: unknown) => void }> = []
  const keptBytes: number[] = []
  let kept = 0
  const out: WriteStream | undefined = options.out ? createWriteStream(options.out, { flags: 'a' }) : undefined
  out?.on('error', (error) => print(`errorweave collector: cannot append to ${options.out}: ${error.message}`))
  let caFile: string | undefined
  let server: Server
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    try {
      handle(request, response)
    } catch (error) {
      fail(response, error)
    }
  }
  if (options.tls) {
    const files = options.tls === true ? generateCertificate(options.certDir ?? path.resolve('.errorweave', 'collector-tls')) : options.tls
    if (options.tls === true) caFile = files.certFile
    server = createHttpsServer({ cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) }, handler)
  } else {
    server = createHttpServer(handler)
  }
  const scheme = options.tls ? 'https' : 'http'
  let base = ''
  const alerter = createAlerter(rules, store, (id) => `${options.publicUrl ?? base}/issues/${id}`, print)

  function fail(response: ServerResponse, error: unknown): void {
    print(terminalSafe(`errorweave collector: ${(error as Error)?.message ?? String(error)}`))
    if (!response.headersSent) reply(response, 500, { error: 'the collector could not handle this request' })
    else response.end()
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://collector')
    const dashboardRoute = url.pathname.startsWith('/api/') || url.pathname.startsWith('/issues/')
    if (request.method === 'OPTIONS') return reply(response, 204, undefined, dashboardRoute ? {} : REPORT_CORS)
    if (request.method === 'POST' && !dashboardRoute) return void receiveReport(request, response).catch((error) => fail(response, error))
    if (request.method === 'GET' && url.pathname === '/health') return reply(response, 200, { ok: true })
    if (request.method === 'GET' && url.pathname === '/favicon.ico') return reply(response, 204, undefined)
    if (request.method === 'GET' && url.pathname === '/assets/dashboard.css') {
      response.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=300', 'x-content-type-options': 'nosniff' })
      return void response.end(DASHBOARD_CSS)
    }
    if (request.method !== 'GET' && request.method !== 'POST') return reply(response, 405, { error: 'GET the dashboard or /api/, POST a report' })
    const page = !url.pathname.startsWith('/api/') && url.pathname !== '/reports'
    if (!allowedToRead(request, response, url, page)) {
      request.resume()
      return
    }
    if (request.method === 'POST') return void changeStatus(request, response, url).catch((error) => fail(response, error))
    const context: PageContext = { store, now: Date.now(), traceUrl: options.traceUrl }
    const issueId = /^\/(?:api\/)?issues\/(\d+)$/.exec(url.pathname)?.[1]
    const issue = issueId ? store.issue(Number(issueId)) : undefined
    if (issueId && !issue) return page ? sendPage(response, 404, message('No such issue', 'It may have been removed by retention.')) : reply(response, 404, { error: 'no such issue' })
    if (url.pathname === '/') return sendPage(response, 200, issueListPage(context, url.searchParams))
    if (issue && page) return sendPage(response, 200, issuePage(context, issue, url.searchParams))
    if (issue) return reply(response, 200, { issue, trend: store.trends([issue.id], context.now).get(issue.id), users: store.usersOf(issue.id, 100), reports: store.reportsOf(issue.id, boundedLimit(url, 20, 200)) })
    if (url.pathname === '/api/issues') {
      const listed = store.listIssues(filtersOf(url.searchParams, boundedLimit(url, 50, 500)))
      const trends = store.trends(listed.issues.map((item) => item.id), context.now)
      return reply(response, 200, { total: listed.total, issues: listed.issues.map((item) => ({ ...item, trend: trends.get(item.id) })) })
    }
    if (url.pathname === '/api/facets') return reply(response, 200, { ...store.facets(), status: STATUSES })
    if (url.pathname === '/api/reports' || url.pathname === '/reports') {
      return reply(response, 200, store.reports({ fingerprint: url.searchParams.get('fingerprint') ?? undefined, limit: boundedLimit(url, 10_000, 10_000) }))
    }
    return page ? sendPage(response, 404, message('Not found', 'There is no such page.')) : reply(response, 404, { error: 'no such endpoint' })
  }

  /**
   * Reads need the token when one is set (a bearer header, the cookie, or `?token=` on a
   * page, which sets the cookie); without one the collector is on loopback, and the Host
   * header must say so too (a DNS-rebinding page cannot read it).
   */
  function allowedToRead(request: IncomingMessage, response: ServerResponse, url: URL, page: boolean): boolean {
    if (!options.token) {
      if (isLoopback(hostnameOf(request.headers.host))) return true
      reply(response, 403, { error: 'this collector answers to 127.0.0.1 and localhost only' })
      return false
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
    const cookie = new RegExp(`(?:^|;\\s*)${TOKEN_COOKIE}=([^;]+)`).exec(request.headers.cookie ?? '')?.[1]
    if ((bearer !== undefined && sameText(bearer, options.token)) || (cookie !== undefined && sameText(cookie, encodeURIComponent(options.token)))) return true
    const offered = url.searchParams.get('token')
    if (page && request.method === 'GET' && offered !== null && sameText(offered, options.token)) {
      url.searchParams.delete('token')
      const secure = options.tls ? '; Secure' : ''
      response.writeHead(303, { location: `${url.pathname}${url.search}`, 'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(offered)}; HttpOnly; SameSite=Strict; Path=/${secure}`, 'cache-control': 'no-store' })
      response.end()
      return false
    }
    if (page) sendPage(response, 401, message('This dashboard needs its token', 'Open it once as /?token=… (the token the collector was started with).'))
    else reply(response, 401, { error: 'missing or wrong token: Authorization: Bearer <token>' })
    return false
  }

  /** Resolve, ignore or reopen: a form on the issue page (then back to it) or JSON `{ "status" }` on /api/. Same origin only. */
  async function changeStatus(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const match = /^\/(api\/)?issues\/(\d+)(\/status)?$/.exec(url.pathname)
    const origin = request.headers.origin
    const site = request.headers['sec-fetch-site']
    if ((origin && origin !== `${scheme}://${request.headers.host}`) || (site && site !== 'same-origin' && site !== 'none')) {
      request.resume()
      return reply(response, 403, { error: 'changes come from the dashboard itself' })
    }
    const api = Boolean(match?.[1])
    if (!match || api === Boolean(match[3])) {
      request.resume()
      return reply(response, 404, { error: 'POST /issues/<id>/status (form) or /api/issues/<id> (JSON)' })
    }
    const body = (await readBody(request, MAX_FORM)) ?? ''
    let status: unknown
    if (api) {
      if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) return reply(response, 415, { error: 'send JSON: { "status": "resolved" }' })
      status = parseJson(body)?.status
    } else {
      status = new URLSearchParams(body).get('status')
    }
    if (!STATUSES.includes(status as IssueStatus)) return reply(response, 400, { error: `status is one of ${STATUSES.join(', ')}` })
    const issue = store.setStatus(Number(match[2]), status as IssueStatus)
    if (!issue) return reply(response, 404, { error: 'no such issue' })
    if (api) return reply(response, 200, { issue })
    response.writeHead(303, { location: `/issues/${issue.id}` })
    response.end()
  }

  async function receiveReport(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (options.apikey && !sameText(String(request.headers['x-api-key'] ?? ''), options.apikey)) {
      request.resume()
      return reply(response, 401, { error: 'missing or wrong X-API-Key' }, REPORT_CORS)
    }
    const body = await readBody(request, MAX_BODY)
    if (body === undefined) return reply(response, 413, { error: 'report larger than 1 MiB' }, REPORT_CORS)
    const report: Report | undefined = parseJson(body)
    if (report === undefined) return reply(response, 400, { error: 'the body is not JSON' }, REPORT_CORS)
    const problem = checkReport(report)
    if (problem) return reply(response, 400, { error: problem }, REPORT_CORS)
    const key = request.headers['idempotency-key']
    const now = Date.now()
    const stored = await enqueue({ report, body, now, idempotencyKey: typeof key === 'string' && key ? key.slice(0, 200) : undefined })
    if (stored.duplicate) return reply(response, 200, { ok: true, duplicate: true }, REPORT_CORS)
    keep(report, Buffer.byteLength(body))
    out?.write(`${body.replace(/\n/g, ' ')}\n`)
    print(describeReport(report, stored.reportId))
    alerter.consider(stored.issue, report, stored.event, now)
    reply(response, 202, { ok: true, issue: stored.issue.id }, REPORT_CORS)
  }

  /** Reports that arrive together are stored in one transaction, once this turn of the event loop is over. */
  function enqueue(item: Incoming): Promise<Ingested> {
    return new Promise((resolve, reject) => {
      if (waiting.push({ item, resolve, reject }) === 1) setImmediate(storeWaiting)
    })
  }

  function storeWaiting(): void {
    const batch = waiting.splice(0, 1000)
    try {
      const stored = store.ingestMany(batch.map((entry) => entry.item))
      batch.forEach((entry, index) => entry.resolve(stored[index]))
    } catch (error) {
      for (const entry of batch) entry.reject(error)
    }
    if (waiting.length) setImmediate(storeWaiting)
  }

  function keep(report: Report, bytes: number): void {
    reports.push(report)
    keptBytes.push(bytes)
    kept += bytes
    while (reports.length > MAX_KEPT || kept > MAX_KEPT_BYTES) {
      reports.shift()
      kept -= keptBytes.shift()!
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 7319, host, () => resolve())
  }).catch((error) => {
    clearInterval(pruning)
    store.close()
    throw error
  })
  const port = (server.address() as AddressInfo).port
  base = `${scheme}://${isIP(host) === 6 ? `[${host}]` : host}:${port}`
  return {
    url: base,
    port,
    caFile,
    engine: store.engine,
    reports,
    close: async () => {
      clearInterval(pruning)
      await new Promise<void>((resolve) => {
        server.closeAllConnections?.()
        server.close(() => resolve())
      })
      while (waiting.length) storeWaiting()
      await alerter.settle()
      store.close()
      if (out) await new Promise<void>((resolve) => out.end(() => resolve()))
    },
  }
}

function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body)
  response.writeHead(status, { ...headers, ...(text ? { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } : {}) })
  response.end(text)
}

function sendPage(response: ServerResponse, status: number, page: string): void {
  response.writeHead(status, PAGE_HEADERS)
  response.end(page)
}

function message(title: string, detail: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · errorweave</title><link rel="stylesheet" href="/assets/dashboard.css"></head><body><header class="top"><a class="brand" href="/">errorweave</a></header><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></main></body></html>`
}

/** The body as text, or undefined when it is larger than `limit` bytes (read to its end and dropped, never held). */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
    })
    request.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function parseJson(body: string): any {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

function boundedLimit(url: URL, fallback: number, max: number): number {
  const asked = Number.parseInt(url.searchParams.get('limit') ?? '', 10)
  return Number.isSafeInteger(asked) && asked > 0 ? Math.min(asked, max) : fallback
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

export function isLoopback(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '')
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name)
}

function hostnameOf(header: string | undefined): string {
  if (!header) return ''
  return header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.split(':')[0]
}
