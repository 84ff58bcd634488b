import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { loadAlertRules } from '../../packages/collector/src/alerts.js'
import { startCollector, type Collector } from '../../packages/collector/src/server.js'
import { startServer, type TestServer } from '../runtime/helpers/servers.js'
import { postReport, sampleReport, send, tempDb } from './helpers.js'

/** A local webhook receiver that records what it gets; `status` is its answer. */
async function webhook(status = 204): Promise<{ url: string; bodies: any[]; server: TestServer }> {
  const server = await startServer(() => ({ status }))
  return {
    url: `${server.url}/hook/secret-part`,
    server,
    get bodies() {
      return server.received.map((entry) => entry.json)
    },
  }
}

const db = tempDb()
const rulesFile = path.join(path.dirname(db), 'alerts.json')
const printed: string[] = []
let hooks: Record<'discord' | 'slack' | 'generic' | 'business' | 'failing' | 'short', Awaited<ReturnType<typeof webhook>>>
let collector: Collector

const start = () => startCollector({ port: 0, db, alerts: rulesFile, out: null, print: (line) => printed.push(line) })
const post = (overrides: Record<string, unknown> = {}) => postReport(collector.url, sampleReport(overrides))
const resolve = (id: number) => send(collector.url, 'POST', `/api/issues/${id}`, { headers: { 'content-type': 'application/json' }, body: '{"status":"resolved"}' })
/** Alerts go out in the background: closing the collector waits for them. */
async function restart(): Promise<void> {
  await collector.close()
  collector = await start()
}

beforeAll(async () => {
  hooks = { discord: await webhook(), slack: await webhook(), generic: await webhook(), business: await webhook(), failing: await webhook(500), short: await webhook() }
  process.env.ERRORWEAVE_TEST_SLACK_URL = hooks.slack.url
  const rules = [
    { name: 'new in api', when: 'new', service: 'api', type: 'discord', url: hooks.discord.url },
    { name: 'regressions', when: 'regression', type: 'slack', urlEnv: 'ERRORWEAVE_TEST_SLACK_URL' },
    { name: 'bursts', when: { occurrences: 3, minutes: 5 }, severity: ['ERROR'], type: 'webhook', url: hooks.generic.url },
    { name: 'business only', when: 'new', category: 'business', type: 'webhook', url: hooks.business.url },
    { name: 'broken hook', when: 'new', service: 'api', type: 'webhook', url: hooks.failing.url },
    { name: 'short cool-down', when: { occurrences: 0, minutes: 5 }, service: 'billing', cooldownMinutes: 0.01, type: 'webhook', url: hooks.short.url },
  ]
  writeFileSync(rulesFile, JSON.stringify({ rules }))
  collector = await start()
})
afterAll(async () => {
  await collector.close()
  await Promise.all(Object.values(hooks).map((hook) => hook.server.close()))
})

test('a new issue goes to Discord once, saying the API, params, error and location, with a link to the issue', async () => {
  const first = await post()
  await post()
  await restart()
  expect(hooks.discord.bodies).toHaveLength(1)
  expect(hooks.discord.bodies[0].allowed_mentions).toStrictEqual({ parse: [] })
  const [text, link] = hooks.discord.bodies[0].content.split(/ · (?=http)/)
  expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/issues/${first.json.issue}$`))
  expect(text).toBe(
    [
      'New issue · api · production · 1.4.2',
      "Error: TypeError: Cannot read properties of undefined (reading 'id')",
      'API: POST /orders/:id',
      'Params: params {"id":"42"} · query {"verbose":"1"} · body {"item":"desk","password":"[masked]"}',
      'Location: src/order/order-service.ts:45:5 in OrderService.place',
      'Would have run next: this.payments.charge(order) → this.audit.log(order)',
      'User: user01',
      '1 occurrence, 1 user',
    ].join('\n'),
  )
  expect(hooks.business.bodies).toHaveLength(0)
})

test('more than N occurrences in M minutes fires once per cool-down, with the rule, issue and report in the generic payload', async () => {
  await post({ count: 2 })
  await restart()
  expect(hooks.generic.bodies).toHaveLength(1)
  expect(hooks.generic.bodies[0]).toMatchObject({ rule: 'bursts', issue: { fingerprint: 'fp-order-place', occurrences: 4 }, report: { count: 2 } })
  expect(hooks.generic.bodies[0].text).toMatch(/^4 occurrences in 5 min \(more than 3\) · api/)
  await post()
  await post()
  await restart()
  expect(hooks.generic.bodies).toHaveLength(1)
})

test('a regression goes to Slack once per cool-down, also across a restart; Slack text has &, <, > escaped', async () => {
  const id = (await send(collector.url, 'GET', '/api/issues?q=reading')).json.issues[0].id
  await resolve(id)
  await post({ message: "TypeError: Cannot read properties of undefined (reading 'id') <&>" })
  await restart()
  expect(hooks.slack.bodies).toHaveLength(1)
  expect(hooks.slack.bodies[0].text).toMatch(/^Regression \(was resolved\) · api/)
  expect(hooks.slack.bodies[0].text).toContain("(reading 'id') &lt;&amp;&gt;")
  await resolve(id)
  await post()
  await restart()
  expect((await send(collector.url, 'GET', `/api/issues/${id}`)).json.issue).toMatchObject({ status: 'open', regressed: true })
  expect(hooks.slack.bodies).toHaveLength(1)
})

test('filters pick the issues; each issue has its own cool-down, which runs out', async () => {
  await post({ fingerprint: 'fp-refused', category: 'business', message: 'ValidationError: quantity must be positive' })
  await post({ fingerprint: 'fp-billing', service: 'billing', message: 'Error: invoice locked' })
  await post({ fingerprint: 'fp-billing', service: 'billing', message: 'Error: invoice locked' })
  await restart()
  expect(hooks.discord.bodies.map((body) => body.content.split('\n')[1])).toStrictEqual(["Error: TypeError: Cannot read properties of undefined (reading 'id')", 'Error: ValidationError: quantity must be positive'])
  expect(hooks.business.bodies.map((body) => body.issue.fingerprint)).toStrictEqual(['fp-refused'])
  expect(hooks.short.bodies).toHaveLength(1)
  await new Promise((resolve) => setTimeout(resolve, 700))
  await post({ fingerprint: 'fp-billing', service: 'billing', message: 'Error: invoice locked' })
  await restart()
  expect(hooks.short.bodies).toHaveLength(2)
})

test('an alert that cannot be delivered is reported by rule name; no webhook URL is ever printed', () => {
  expect(hooks.failing.bodies.length).toBeGreaterThan(0)
  expect(printed).toContain(`errorweave collector: alert "broken hook" for issue #1 not delivered: HTTP 500`)
  expect(printed.join('\n')).not.toContain('secret-part')
})

test('a rules file with a mistake is refused with the rule named and its URL left out', () => {
  const file = path.join(path.dirname(db), 'bad.json')
  const check = (rules: unknown) => {
    writeFileSync(file, JSON.stringify({ rules }))
    return () => loadAlertRules(file, {})
  }
  expect(check([{ name: 'x', when: 'new', type: 'discord', url: 'http://hooks.example.com/secret' }])).toThrow(/rule 1: the webhook URL must be https: \(http: only on loopback\)$/)
  expect(check([{ when: 'sometimes', type: 'slack', url: 'https://hooks.example.com/secret' }])).toThrow(/rule 1: "when" is/)
  expect(check([{ when: 'new', type: 'slack', urlEnv: 'NOT_SET_ANYWHERE' }])).toThrow('the environment variable NOT_SET_ANYWHERE is not set')
  expect(check([{ when: 'new', type: 'sms', url: 'https://hooks.example.com/secret' }])).toThrow(/"type" is one of discord, slack, webhook/)
  expect(check([{ when: 'new', type: 'discord', url: 'http://hooks.example.com/secret' }])).toThrow(/^(?!.*secret)/s)
})
