/**
 * Collector: how many reports per second it ingests over HTTP (its own process, 16
 * keep-alive connections, each report a distinct occurrence of one of 500 issues), next
 * to a bare node:http server that only parses the JSON (the floor), interleaved rounds;
 * then how long the dashboard's list takes with 100,000 reports stored.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import path from 'node:path'
import { Store } from '../../packages/collector/dist/index.js'
import { WORK } from '../lib/paths.mjs'
import { interleave, summarize, timeMs } from '../lib/stats.mjs'

const ROUNDS = Number(process.env.BENCH_COLLECTOR_ROUNDS ?? 5)
const PER_ROUND = 3000
const CONCURRENCY = 16
const STORED = 100_000
const SERVICES = ['api', 'web', 'worker', 'billing', 'search']

/** A realistic report (about 1.5 KB of JSON), one of 500 issues. */
function report(index) {
  const issue = index % 500
  return {
    class: `Service${issue}`, method: 'handle', line: 10 + (issue % 90), column: 5, file: `src/service-${issue}.ts`,
    message: `TypeError: Cannot read properties of undefined (reading 'field${issue}')`, severity: issue % 3 ? 'ERROR' : 'WARN',
    futureCalls: ['this.repository.save(entity)', 'this.events.publish(entity)'],
    futureCallSites: [{ call: 'this.repository.save(entity)', line: 11, column: 5, conditional: false }, { call: 'this.events.publish(entity)', line: 12, column: 5, conditional: true }],
    errorType: 'TypeError', woven: true, mechanism: 'woven', category: ['permanent', 'transient', 'business', 'system'][issue % 4],
    caller: { function: 'Controller.post', file: 'src/controller.ts', line: 40 }, chain: [{ class: 'Controller', method: 'post', line: 40, futureCalls: [] }],
    request: { method: 'POST', route: '/items/:id', url: `/items/${index}`, params: { id: String(index) }, body: { name: 'desk', quantity: 2 }, headers: { 'user-agent': 'bench' }, clientIp: '127.0.0.1' },
    user: { id: `user${index % 997}` }, tags: { tenant: 'acme' }, traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7',
    stack: `TypeError: Cannot read properties of undefined (reading 'field${issue}')\n    at Service${issue}.handle (src/service-${issue}.ts:${10 + (issue % 90)}:5)\n    at Controller.post (src/controller.ts:40:12)`,
    timestamp: new Date().toISOString(), fingerprint: `fp-${issue}`, count: 1, affectedUsers: { count: 1, sample: [`user${index % 997}`] },
    service: SERVICES[issue % SERVICES.length], environment: issue % 2 ? 'production' : 'staging', release: `1.${issue % 7}.0`,
  }
}

async function startServer(kind, db) {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'server.mjs'), kind, db ?? ''], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(String(chunk).trim()))
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)))
  })
  return { url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) }
}

function post(agent, url, body) {
  return new Promise((resolve, reject) => {
    const call = request(`${url}/report`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume()
      response.on('end', () => (response.statusCode === 202 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))))
    })
    call.on('error', reject)
    call.end(body)
  })
}

function get(agent, url) {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (response) => {
      response.resume()
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode} for ${url}`))))
    })
      .on('error', reject)
      .end()
  })
}

/** Sends `count` reports over CONCURRENCY keep-alive connections. */
async function send(url, count, offset) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const bodies = Array.from({ length: count }, (_, index) => JSON.stringify(report(offset + index)))
  let next = 0
  const ms = await timeMs(() => Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < bodies.length) await post(agent, url, bodies[next++])
  })))
  agent.destroy()
  return ms
}

export async function collectorBench(log) {
  const dir = path.join(WORK, 'collector')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const db = path.join(dir, 'errorweave.db')
  const servers = { bare: await startServer('bare'), collector: await startServer('collector', db) }
  log(`collector: ingest, ${ROUNDS} rounds of ${PER_ROUND} reports`)
  let sent = 0
  const ingest = await interleave(['bare', 'collector'], ROUNDS, async (kind) => {
    const ms = await send(servers[kind].url, PER_ROUND, sent)
    sent += PER_ROUND
    return ms
  })
  await servers.bare.stop()
  await servers.collector.stop()

  log(`collector: filling the database to ${STORED} reports`)
  const store = new Store({ file: db, retentionDays: 30, maxBytes: 2 ** 40 })
  const now = Date.now()
  const fillMs = await timeMs(() => {
    for (let first = ROUNDS * PER_ROUND; first < STORED; first += 1000) {
      const indexes = Array.from({ length: Math.min(1000, STORED - first) }, (_, offset) => first + offset)
      store.ingestMany(indexes.map((index) => ({ report: report(index), body: JSON.stringify(report(index)), now: now - (STORED - index) * 800 })))
    }
  })
  const { storedBytes, engine } = store
  store.close()

  log('collector: the dashboard list at 100,000 reports')
  const server = await startServer('collector', db)
  const agent = new Agent({ keepAlive: true })
  const pages = { list: '/', 'list, service filter': '/?service=api', 'list, text search': '/?q=field42', 'list sorted by count': '/?sort=count', 'JSON /api/issues': '/api/issues', 'issue page': '/issues/1' }
  const listMs = {}
  for (const [name, pathname] of Object.entries(pages)) {
    await get(agent, `${server.url}${pathname}`)
    const times = []
    for (let round = 0; round < 15; round++) times.push(await timeMs(() => get(agent, `${server.url}${pathname}`)))
    listMs[name] = summarize(times)
  }
  agent.destroy()
  await server.stop()
  const perSecond = (times) => summarize(times.map((ms) => (PER_ROUND / ms) * 1000))
  return {
    engine,
    perRound: PER_ROUND,
    concurrency: CONCURRENCY,
    reportBytes: JSON.stringify(report(0)).length,
    ingest: { bare: perSecond(ingest.times.bare), collector: perSecond(ingest.times.collector), ratio: summarize(ingest.ratios.collector) },
    stored: STORED,
    storedMB: storedBytes / 2 ** 20,
    /** The storage alone, in process, 1,000 reports a transaction (report building included). */
    fillPerSecond: ((STORED - ROUNDS * PER_ROUND) / fillMs) * 1000,
    listMs,
  }
}
