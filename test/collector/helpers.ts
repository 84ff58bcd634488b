import { mkdtempSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const tempDb = () => path.join(mkdtempSync(path.join(tmpdir(), 'errorweave-collector-')), 'errorweave.db')

export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json: any
}

/** One HTTP request with full control of its headers (Host, Origin), as a browser or an attacker could send it. */
export function send(base: string, method: string, pathname: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(`${base}${pathname}`, { method, headers: options.headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk) => chunks.push(chunk))
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        const json = /^application\/json/.test(response.headers['content-type'] ?? '') ? JSON.parse(text) : undefined
        resolve({ status: response.statusCode!, headers: response.headers, text, json })
      })
    })
    call.on('error', reject)
    call.end(options.body)
  })
}

export const postReport = (base: string, report: unknown, headers: Record<string, string> = {}) =>
  send(base, 'POST', '/report', { headers: { 'content-type': 'application/json', ...headers }, body: typeof report === 'string' ? report : JSON.stringify(report) })

/** A report as the runtime sends one from an Express route. */
export function sampleReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    class: 'OrderService', method: 'place', line: 45, column: 5, file: 'src/order/order-service.ts',
    message: "TypeError: Cannot read properties of undefined (reading 'id')", severity: 'ERROR',
    futureCalls: ['this.payments.charge(order)', 'this.audit.log(order)'],
    futureCallSites: [
      { call: 'this.payments.charge(order)', line: 46, column: 5, conditional: false },
      { call: 'this.audit.log(order)', line: 48, column: 7, conditional: true },
    ],
    errorType: 'TypeError', woven: true, mechanism: 'woven', category: 'permanent',
    caller: { function: 'OrderController.create', file: 'src/order/order-controller.ts', line: 12 },
    chain: [{ class: 'OrderController', method: 'create', line: 12, futureCalls: ['res.status(201).json(order)'] }],
    request: { method: 'POST', route: '/orders/:id', url: '/orders/42?verbose=1', params: { id: '42' }, query: { verbose: '1' }, body: { item: 'desk', password: '[masked]' }, headers: { 'user-agent': 'curl/8.5' }, clientIp: '203.0.113.7' },
    user: { id: 'user01', role: 'ROLE_BUSINESS' }, tags: { tenant: 'acme' },
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7',
    stack: "TypeError: Cannot read properties of undefined (reading 'id')\n    at OrderService.place (src/order/order-service.ts:45:5)",
    timestamp: '2026-11-24T10:00:00.000Z', fingerprint: 'fp-order-place', count: 1, affectedUsers: { count: 1, sample: ['user01'] },
    service: 'api', environment: 'production', release: '1.4.2',
    ...overrides,
  }
}
