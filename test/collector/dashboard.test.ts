import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startCollector, type Collector } from '../../packages/collector/src/server.js'
import { Store } from '../../packages/collector/src/store.js'
import { launchChromium } from '../helpers/chromium.js'
import { ROOT } from '../helpers/weave.js'
import { postReport, sampleReport, tempDb } from './helpers.js'

/**
 * The dashboard in Debian's headless Chromium, against a collector on a database file
 * holding a day of history: the list, its filters, the issue page, resolve and ignore,
 * and a report full of markup that must run nothing. Writes the README's screenshots.
 */
const HOUR = 3_600_000
const db = tempDb()
let collector: Collector
let browser: Browser
const dialogs: string[] = []

/** A day of errors of a small shop, so the trends have something to show. */
function seedHistory(): void {
  const store = new Store({ file: db, retentionDays: 30, maxBytes: 512 * 1024 * 1024 })
  const now = Date.now()
  const issues = [
    { overrides: {}, perHour: (hour: number) => (hour > 18 ? 6 + hour - 18 : hour % 5 === 0 ? 1 : 0) },
    { overrides: { fingerprint: 'fp-card', class: 'PaymentGateway', method: 'charge', line: 88, column: 11, file: 'src/payments/gateway.ts', message: 'CardDeclinedError: card declined (insufficient funds)', errorType: 'CardDeclinedError', severity: 'WARN', category: 'business', request: { method: 'POST', route: '/checkout', url: '/checkout', body: { cart: 'c-17' } } }, perHour: (hour: number) => 2 + (hour % 3) },
    { overrides: { fingerprint: 'fp-db', class: 'InventoryRepository', method: 'reserve', line: 31, column: 9, file: 'src/inventory/repository.ts', message: 'Error: connect ECONNREFUSED 10.0.0.12:5432', errorType: 'Error', category: 'system', service: 'worker', request: undefined }, perHour: (hour: number) => (hour >= 9 && hour <= 11 ? 14 : 0) },
    { overrides: { fingerprint: 'fp-timeout', class: 'ShippingClient', method: 'quote', line: 64, column: 13, file: 'src/shipping/client.ts', message: 'TimeoutError: The operation was aborted due to timeout', errorType: 'TimeoutError', severity: 'WARN', category: 'transient', environment: 'staging', release: '1.5.0-rc.1', request: { method: 'GET', route: '/shipping/quote', url: '/shipping/quote?zip=10115', query: { zip: '10115' } } }, perHour: (hour: number) => (hour % 4 === 1 ? 3 : 0) },
    { overrides: { fingerprint: 'fp-uncaught', class: null, method: null, line: null, column: null, file: null, futureCalls: [], futureCallSites: undefined, chain: [], caller: undefined, woven: false, mechanism: 'uncaught', message: 'RangeError: Invalid time value', errorType: 'RangeError', service: 'worker', request: undefined, stack: 'RangeError: Invalid time value\n    at Date.toISOString (<anonymous>)\n    at nightlyReport (dist/jobs/report.js:19:40)' }, perHour: (hour: number) => (hour === 20 ? 1 : 0) },
  ]
  for (const { overrides, perHour } of issues) {
    for (let hour = 0; hour < 24; hour++) {
      const count = perHour(hour)
      if (!count) continue
      const report = sampleReport({ ...overrides, count, user: { id: `user${(hour % 7) + 1}` }, affectedUsers: { count: 1, sample: [`user${(hour % 7) + 1}`] } })
      store.ingest(report, JSON.stringify(report), now - (23 - hour) * HOUR - 60_000, undefined)
    }
  }
  store.close()
}

const HOSTILE = sampleReport({
  fingerprint: 'fp-hostile',
  class: '<img src=x onerror="window.__pwned=1">',
  message: 'Error: <script>window.__pwned=2</script><img src=x onerror="alert(3)">',
  request: { method: 'POST', route: '/<svg onload=alert(4)>', url: '/x', body: { note: '</td><script>alert(5)</script>' } },
  tags: { '<b>tag</b>': '"><script>alert(6)</script>' },
  traceId: 'javascript:alert(7)',
  service: 'api',
})

beforeAll(async () => {
  seedHistory()
  collector = await startCollector({ port: 0, db, out: null, print: () => undefined, traceUrl: 'https://grafana.example.com/explore?traceId={traceId}' })
  expect((await postReport(collector.url, sampleReport())).status).toBe(202)
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await collector?.close()
})

async function open(pathname: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } })
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await page.goto(`${collector.url}${pathname}`)
  return page
}

/**
 * Clicks what navigates (a link, a form's button) and waits for the page it leads to: reading
 * right after the click could read the page it left (1 run in 3 under load).
 */
async function follow(page: Page, target: string | Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), (typeof target === 'string' ? page.locator(target) : target).click()])
}

/** The issue page of the first issue the list's text search finds, reached by clicking it. */
async function openIssue(search: string): Promise<Page> {
  const page = await open(`/?q=${encodeURIComponent(search)}`)
  await follow(page, 'table.issues tbody tr .title a')
  return page
}

const section = (page: Page, title: string) => page.locator('section', { has: page.locator('h2', { hasText: title }) })
const rowTitles = (page: Page) => page.locator('table.issues tbody tr .title a').allInnerTexts()

test('the list shows every issue with its trend, counts and badges, newest first; the screenshot goes to docs/', async () => {
  const page = await open('/')
  expect(await rowTitles(page)).toStrictEqual([
    'TypeError OrderService.place',
    'CardDeclinedError PaymentGateway.charge',
    'TimeoutError ShippingClient.quote',
    'RangeError (uncaught)',
    'Error InventoryRepository.reserve',
  ])
  const order = page.locator('tr', { hasText: 'OrderService.place' }).filter({ hasNotText: 'pwned' })
  expect(await order.locator('td.num').allInnerTexts()).toStrictEqual(['50', '7'])
  expect(await order.locator('svg.spark rect.bar').count()).toBeGreaterThan(5)
  expect(await order.locator('.badge').allInnerTexts()).toEqual(expect.arrayContaining(['ERROR', 'permanent', 'api', 'production', '1.4.2']))
  await page.screenshot({ path: path.join(ROOT, 'docs/dashboard-issues.png') })
  await page.close()
})

test('the filters narrow the list: service, environment, severity, category, status, text, and sort by count; it can reload itself', async () => {
  const page = await open('/')
  await page.selectOption('select[name=service]', 'worker')
  await follow(page, 'button[type=submit]')
  expect(page.url()).toContain('service=worker')
  expect(await rowTitles(page)).toStrictEqual(['RangeError (uncaught)', 'Error InventoryRepository.reserve'])
  await page.selectOption('select[name=service]', '')
  await page.selectOption('select[name=sort]', 'count')
  await follow(page, 'button[type=submit]')
  expect((await rowTitles(page)).slice(0, 3)).toStrictEqual(['CardDeclinedError PaymentGateway.charge', 'TypeError OrderService.place', 'Error InventoryRepository.reserve'])
  await page.selectOption('select[name=sort]', 'last')
  await page.selectOption('select[name=environment]', 'staging')
  await follow(page, 'button[type=submit]')
  expect(await rowTitles(page)).toStrictEqual(['TimeoutError ShippingClient.quote'])
  await page.goto(`${collector.url}/`)
  await page.selectOption('select[name=severity]', 'WARN')
  await page.selectOption('select[name=category]', 'business')
  await follow(page, 'button[type=submit]')
  expect(await rowTitles(page)).toStrictEqual(['CardDeclinedError PaymentGateway.charge'])
  await page.goto(`${collector.url}/`)
  await page.fill('input[name=q]', 'ECONNREFUSED')
  await follow(page, 'button[type=submit]')
  expect(await rowTitles(page)).toStrictEqual(['Error InventoryRepository.reserve'])
  await page.goto(`${collector.url}/?status=ignored`)
  expect(await page.locator('.empty').innerText()).toBe('No issues match these filters.')
  await page.selectOption('select[name=refresh]', '30')
  await follow(page, 'button[type=submit]')
  expect(await page.locator('meta[http-equiv=refresh]').getAttribute('content')).toBe('30')
  expect(await page.locator('select[name=status]').inputValue()).toBe('ignored')
  await page.close()
})

test('the issue page: message, location, the path, what would have run next, caller, request, user, tags, trace link, occurrences; the screenshot goes to docs/', async () => {
  const page = await openIssue('reading')
  expect(await page.locator('h1').innerText()).toBe('TypeError OrderService.place')
  expect(await page.locator('.issue-head .message').innerText()).toBe("TypeError: Cannot read properties of undefined (reading 'id')")
  expect(await page.locator('code.location').innerText()).toBe('src/order/order-service.ts:45:5')
  expect(await page.locator('ol.path li').allInnerTexts()).toStrictEqual(['OrderController.create line 12', 'OrderService.place src/order/order-service.ts:45:5threw here'])
  expect(await page.locator('ol.path + p').innerText()).toBe('called by OrderController.create (src/order/order-controller.ts:12)')
  expect(await section(page, 'What would have run next').locator('li').allInnerTexts()).toStrictEqual(['this.payments.charge(order) line 46:5', 'this.audit.log(order) line 48:7 if reached'])
  const request = section(page, 'Request')
  expect(await request.locator('.request-line').innerText()).toBe('POST /orders/:id /orders/42?verbose=1 from 203.0.113.7')
  expect(await request.locator('table.kv').first().innerText()).toBe('id\t42')
  expect(await request.innerText()).toContain('password\t[masked]')
  const aside = page.locator('aside')
  expect(await aside.innerText()).toMatch(/User\s+id\s+user01\s+role\s+ROLE_BUSINESS/i)
  expect(await aside.innerText()).toMatch(/Tags\s+tenant\s+acme/i)
  expect(await page.locator('a.trace').getAttribute('href')).toBe('https://grafana.example.com/explore?traceId=4bf92f3577b34da6a3ce929d0e0e4736')
  expect(await page.locator('table.occurrences tbody tr').count()).toBe(10)
  expect(await page.locator('.stats').innerText()).toMatch(/Events\s+50\s+Users\s+7/i)
  await page.screenshot({ path: path.join(ROOT, 'docs/dashboard-issue.png'), fullPage: true })
  await follow(page, page.locator('table.occurrences tbody tr a').last())
  expect(await page.locator('.notice').innerText()).toMatch(/^Showing occurrence #\d+ \(.+\)\. Show the latest$/)
  expect(await page.locator('table.occurrences tr.shown td').nth(1).innerText()).toBe('1')
  await page.close()
})

test('a global handler report (no woven function saw it) is shown the same way', async () => {
  const page = await openIssue('Invalid time')
  expect(await page.locator('h1').innerText()).toBe('RangeError (uncaught)')
  expect(await page.locator('.issue-head .meta').innerText()).toContain('no source location (uncaught)')
  expect(await page.locator('.issue-head .meta').innerText()).toContain('not woven')
  expect(await section(page, 'What would have run next').innerText()).toContain('Not known: no woven function saw this error.')
  expect(await page.locator('pre.stack').innerText()).toContain('at nightlyReport (dist/jobs/report.js:19:40)')
  await page.close()
})

test('resolve and ignore from the issue page; the list follows', async () => {
  const page = await openIssue('card declined')
  await follow(page, 'button.action-resolved')
  expect(await page.locator('.issue-head .badge.status').innerText()).toBe('resolved')
  expect(await page.locator('.actions button').allInnerTexts()).toStrictEqual(['Reopen', 'Ignore'])
  await follow(page, 'button.action-ignored')
  expect(await page.locator('.issue-head .badge.status').innerText()).toBe('ignored')
  await page.goto(`${collector.url}/?status=ignored`)
  expect(await rowTitles(page)).toStrictEqual(['CardDeclinedError PaymentGateway.charge'])
  await page.goto(`${collector.url}/?status=open`)
  expect(await rowTitles(page)).not.toContain('CardDeclinedError PaymentGateway.charge')
  await page.close()
})

test('a report whose text holds HTML and script shows it as text and runs nothing', async () => {
  expect((await postReport(collector.url, HOSTILE)).status).toBe(202)
  const list = await open('/')
  expect(await list.locator('tr', { hasText: '__pwned' }).locator('.message').innerText()).toBe('Error: <script>window.__pwned=2</script><img src=x onerror="alert(3)">')
  const page = await openIssue('__pwned')
  expect(await page.locator('.issue-head .message').innerText()).toBe('Error: <script>window.__pwned=2</script><img src=x onerror="alert(3)">')
  expect(await page.locator('.request-line').innerText()).toContain('/<svg onload=alert(4)>')
  expect(await page.locator('aside').innerText()).toContain('"><script>alert(6)</script>')
  expect(await page.locator('a.trace').count()).toBe(0)
  for (const opened of [list, page]) {
    expect(await opened.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
    expect(await opened.locator('main script, main img, main svg:not(.spark)').count()).toBe(0)
  }
  expect(dialogs).toStrictEqual([])
  await list.close()
  await page.close()
})
