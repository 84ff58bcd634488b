import { readFileSync } from 'node:fs'
import { isObject, location, functionName, terminalSafe, text, type Report } from './report.js'
import type { Issue, Store } from './store.js'

/**
 * One rule of the alerts file: when (a new issue, a regression, or more than
 * `occurrences` in `minutes`), for which issues (each filter a value or a list), where to.
 */
export interface AlertRule {
  name: string
  when: 'new' | 'regression' | { occurrences: number; minutes: number }
  service?: string[]
  severity?: string[]
  category?: string[]
  environment?: string[]
  cooldownMinutes: number
  type: 'discord' | 'slack' | 'webhook'
  /** A secret: never printed. */
  url: string
}

const TYPES = ['discord', 'slack', 'webhook']
const FILTERS = ['service', 'severity', 'category', 'environment'] as const

/**
 * Reads `{ "rules": [...] }`; a rule's URL is `url` or the environment variable `urlEnv`
 * names (so the file itself can be committed). Errors name the rule, never its URL.
 */
export function loadAlertRules(file: string, env: NodeJS.ProcessEnv = process.env): AlertRule[] {
  let config: unknown
  try {
    config = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`alert rules ${file}: ${(error as Error).message}`)
  }
  if (!isObject(config) || !Array.isArray(config.rules)) throw new Error(`alert rules ${file}: expected { "rules": [ ... ] }`)
  const names = new Set<string>()
  return config.rules.map((rule: unknown, index: number) => {
    const problem = (message: string) => new Error(`alert rules ${file}, rule ${index + 1}: ${message}`)
    if (!isObject(rule)) throw problem('a rule is an object')
    const name = typeof rule.name === 'string' && rule.name ? rule.name : `rule ${index + 1}`
    if (names.has(name)) throw problem(`the name "${name}" is used twice`)
    names.add(name)
    const when = rule.when
    const rate = isObject(when) && isCount(when.occurrences) && isCount(when.minutes)
    if (when !== 'new' && when !== 'regression' && !rate) throw problem('"when" is "new", "regression" or { "occurrences": N, "minutes": M }')
    if (!TYPES.includes(rule.type as string)) throw problem(`"type" is one of ${TYPES.join(', ')}`)
    const url = typeof rule.urlEnv === 'string' ? env[rule.urlEnv] : rule.url
    if (typeof url !== 'string' || !url) throw problem(typeof rule.urlEnv === 'string' ? `the environment variable ${rule.urlEnv} is not set` : 'give "url" or "urlEnv"')
    if (!isWebhookUrl(url)) throw problem('the webhook URL must be https: (http: only on loopback)')
    const cooldownMinutes = rule.cooldownMinutes ?? 60
    if (typeof cooldownMinutes !== 'number' || !(cooldownMinutes >= 0)) throw problem('"cooldownMinutes" is a number of minutes')
    const filters: Partial<Record<(typeof FILTERS)[number], string[]>> = {}
    for (const filter of FILTERS) {
      const value = rule[filter]
      if (value === undefined) continue
      const list = typeof value === 'string' ? [value] : value
      if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) throw problem(`"${filter}" is a string or a list of strings`)
      filters[filter] = list
    }
    return { name, when: when as AlertRule['when'], ...filters, cooldownMinutes, type: rule.type as AlertRule['type'], url }
  })
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

function isWebhookUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
  } catch {
    return false
  }
}

export interface Alerter {
  /** Called for each stored report; sends what its rules ask for, in the background. */
  consider(issue: Issue, report: Report, event: 'new' | 'regression' | undefined, now: number): void
  /** Waits for the alerts on their way. */
  settle(): Promise<void>
}

export function createAlerter(rules: AlertRule[], store: Store, issueUrl: (id: number) => string, print: (line: string) => void): Alerter {
  const sending = new Set<Promise<void>>()
  return {
    consider(issue, report, event, now) {
      for (const rule of rules) {
        if (!FILTERS.every((filter) => !rule[filter] || rule[filter]!.includes(issue[filter]))) continue
        const why = reason(rule, issue, event, now, store)
        if (!why || !store.claimAlert(rule.name, issue.id, now, rule.cooldownMinutes * 60_000)) continue
        const message = alertText(why, issue, report, issueUrl(issue.id))
        const sent = deliver(rule, message, issue, report, issueUrl(issue.id))
          .catch((error: Error) => print(`errorweave collector: alert "${rule.name}" for issue #${issue.id} not delivered: ${error.message}`))
          .finally(() => sending.delete(sent))
        sending.add(sent)
      }
    },
    async settle() {
      while (sending.size) await Promise.all(sending)
    },
  }
}

function reason(rule: AlertRule, issue: Issue, event: 'new' | 'regression' | undefined, now: number, store: Store): string | undefined {
  if (rule.when === 'new') return event === 'new' ? 'New issue' : undefined
  if (rule.when === 'regression') return event === 'regression' ? 'Regression (was resolved)' : undefined
  const { occurrences, minutes } = rule.when
  const seen = store.occurrencesSince(issue.id, now - minutes * 60_000)
  return seen > occurrences ? `${seen} occurrences in ${minutes} min (more than ${occurrences})` : undefined
}

/**
 * What seed 002's team wanted in the alert: the API, its parameters, the error, where it
 * happened, and a link to look closer. Plain text, control codes removed.
 */
export function alertText(why: string, issue: Issue, report: Report, link: string): string {
  const request = isObject(report.request) ? report.request : {}
  const user = isObject(report.user) ? report.user : undefined
  const scope = [issue.service, issue.environment, issue.release].filter(Boolean).join(' · ')
  const lines = [`${why}${scope ? ` · ${scope}` : ''}`, `Error: ${text(report.message).split('\n')[0]}`]
  if (request.method || request.route || request.url) lines.push(`API: ${[text(request.method), text(request.route) || text(request.url)].filter(Boolean).join(' ')}`)
  const params = ['params', 'query', 'body'].filter((key) => request[key] !== undefined).map((key) => `${key} ${compact(request[key])}`)
  if (params.length) lines.push(`Params: ${params.join(' · ')}`)
  lines.push(`Location: ${location(report) || '(no location)'} in ${functionName(report)}`)
  if (Array.isArray(report.futureCalls) && report.futureCalls.length) lines.push(`Would have run next: ${report.futureCalls.map(text).join(' → ')}`)
  if (user?.id !== undefined) lines.push(`User: ${text(user.id)}`)
  lines.push(`${issue.occurrences} occurrence${issue.occurrences === 1 ? '' : 's'}, ${issue.users} user${issue.users === 1 ? '' : 's'} · ${link}`)
  return terminalSafe(lines.map((line) => (line.length > 300 ? `${line.slice(0, 299)}…` : line)).join('\n'))
}

function compact(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** Discord (mentions disabled, 2,000 characters), Slack (its &, <, > escaped) or any webhook (the text and the data). */
async function deliver(rule: AlertRule, message: string, issue: Issue, report: Report, link: string): Promise<void> {
  const payload =
    rule.type === 'discord'
      ? { content: message.slice(0, 1990), allowed_mentions: { parse: [] } }
      : rule.type === 'slack'
        ? { text: message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') }
        : { rule: rule.name, text: message, link, issue, report }
  const response = await fetch(rule.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(10_000) })
  await response.body?.cancel()
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
}
