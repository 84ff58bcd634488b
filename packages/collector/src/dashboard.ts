import { Html, html } from './html.js'
import { functionName, isObject, location, text, type Report } from './report.js'
import { FACETS, STATUSES, type Issue, type IssueFilters, type Store, type StoredReport } from './store.js'

/** What the pages need besides the store. */
export interface PageContext {
  store: Store
  now: number
  /** `--trace-url`: a URL with `{traceId}`. */
  traceUrl?: string
}

const REFRESH_SECONDS = [30, 60, 300]
const FACET_LABELS: Record<(typeof FACETS)[number], string> = { service: 'Service', environment: 'Environment', release: 'Release', severity: 'Severity', category: 'Category' }

/** The list filters a query string asks for, `pageSize` issues a page; unknown values are kept as given (they simply match nothing). */
export function filtersOf(query: URLSearchParams, pageSize = 50): IssueFilters {
  const filters: IssueFilters = { sort: query.get('sort') === 'count' ? 'count' : 'last' }
  for (const name of [...FACETS, 'status', 'q'] as const) {
    const value = query.get(name)?.trim()
    if (value) filters[name] = value.slice(0, 200)
  }
  const page = Math.max(1, Math.min(1000, Number.parseInt(query.get('page') ?? '1', 10) || 1))
  return { ...filters, limit: pageSize, offset: (page - 1) * pageSize }
}

export function issueListPage(context: PageContext, query: URLSearchParams): string {
  const filters = filtersOf(query)
  const refresh = REFRESH_SECONDS.find((seconds) => String(seconds) === query.get('refresh'))
  const { total, issues } = context.store.listIssues(filters)
  const trends = context.store.trends(issues.map((issue) => issue.id), context.now)
  const facets = context.store.facets()
  const page = Math.floor((filters.offset ?? 0) / 50) + 1
  const pageLink = (to: number) => `/?${new URLSearchParams({ ...Object.fromEntries(query), page: String(to) })}`
  const select = (name: string, label: string, values: readonly string[]) => html`
    <label>${label}<select name="${name}"><option value="">all</option>${values.map((value) => html`<option${filters[name as keyof IssueFilters] === value ? html` selected` : ''}>${value}</option>`)}</select></label>`
  const body = html`
    <form class="filters" method="get" action="/">
      <label class="search">Search<input type="search" name="q" value="${filters.q ?? ''}" placeholder="message, function, file"></label>
      ${FACETS.map((facet) => select(facet, FACET_LABELS[facet], facets[facet]))}
      ${select('status', 'Status', STATUSES)}
      <label>Sort<select name="sort"><option value="last">last seen</option><option value="count"${filters.sort === 'count' ? html` selected` : ''}>occurrences</option></select></label>
      <label>Refresh<select name="refresh"><option value="">off</option>${REFRESH_SECONDS.map((seconds) => html`<option value="${seconds}"${refresh === seconds ? html` selected` : ''}>every ${seconds < 60 ? `${seconds} s` : `${seconds / 60} min`}</option>`)}</select></label>
      <button type="submit">Apply</button>
      <a class="reset" href="/">Reset</a>
    </form>
    <p class="summary">${total} issue${total === 1 ? '' : 's'}${total > issues.length ? html`, ${(filters.offset ?? 0) + 1}–${(filters.offset ?? 0) + issues.length} shown` : ''}</p>
    ${
      issues.length === 0
        ? html`<div class="empty">No issues${query.size ? ' match these filters' : ' yet: reports appear here as they arrive'}.</div>`
        : html`<table class="issues">
      <thead><tr><th>Issue</th><th class="trend-col">Last 24 hours</th><th class="num">Events</th><th class="num">Users</th><th>Last seen</th><th>Age</th></tr></thead>
      <tbody>${issues.map((issue) => issueRow(issue, trends.get(issue.id)!, context.now))}</tbody>
    </table>`
    }
    <nav class="pages">${page > 1 ? html`<a href="${pageLink(page - 1)}">← newer</a>` : ''}${total > page * 50 ? html`<a href="${pageLink(page + 1)}">older →</a>` : ''}</nav>`
  return layout('Issues', body, context, refresh)
}

function issueRow(issue: Issue, trend: number[], now: number): Html {
  return html`<tr class="issue status-${issue.status}">
    <td class="title">
      <a href="/issues/${issue.id}"><strong>${issue.errorType}</strong> <span class="where">${issue.function}</span></a>
      <div class="message">${firstLine(issue.message)}</div>
      <div class="meta">${issue.location ? html`<code>${issue.location}</code>` : ''}${badges(issue)}</div>
    </td>
    <td class="trend-col">${sparkline(trend, 96, 28)}</td>
    <td class="num">${issue.occurrences.toLocaleString('en-US')}</td>
    <td class="num">${issue.users.toLocaleString('en-US')}</td>
    <td>${ago(issue.lastSeen, now)}</td>
    <td>${ago(issue.firstSeen, now)}</td>
  </tr>`
}

function badges(issue: Issue): Html {
  return html`${issue.status !== 'open' ? html`<span class="badge status">${issue.status}</span>` : ''}${issue.regressed && issue.status === 'open' ? html`<span class="badge regression">regression</span>` : ''}${
    issue.severity ? html`<span class="badge severity-${issue.severity.toLowerCase()}">${issue.severity}</span>` : ''
  }${issue.category ? html`<span class="badge">${issue.category}</span>` : ''}${[issue.service, issue.environment, issue.release].filter(Boolean).map((value) => html`<span class="badge quiet">${value}</span>`)}${
    issue.mechanism && issue.mechanism !== 'woven' ? html`<span class="badge quiet">${issue.mechanism}</span>` : ''
  }`
}

export function issuePage(context: PageContext, issue: Issue, query: URLSearchParams): string {
  const recent = context.store.reportsOf(issue.id, 20)
  const asked = Number.parseInt(query.get('report') ?? '', 10)
  const chosen = Number.isSafeInteger(asked) ? context.store.report(asked) : undefined
  const shown = chosen?.issueId === issue.id ? chosen : recent[0]
  const report: Report = shown?.report ?? {}
  const trend = context.store.trends([issue.id], context.now).get(issue.id)!
  const actions = STATUSES.filter((status) => status !== issue.status).map(
    (status) => html`<form method="post" action="/issues/${issue.id}/status"><input type="hidden" name="status" value="${status}"><button class="action-${status}" type="submit">${status === 'open' ? 'Reopen' : status === 'resolved' ? 'Resolve' : 'Ignore'}</button></form>`,
  )
  const body = html`
    <header class="issue-head">
      <div>
        <h1><span class="type">${issue.errorType}</span> <span class="where">${issue.function}</span></h1>
        <p class="message">${text(report.message) || issue.message}</p>
        <p class="meta">${location(report) ? html`<code class="location">${location(report)}</code>` : html`<span class="muted">no source location (${text(report.mechanism) || 'unknown'})</span>`}${badges(issue)}${report.woven === false ? html`<span class="badge quiet">not woven</span>` : ''}</p>
      </div>
      <div class="actions">${actions}</div>
    </header>
    <section class="stats">
      <div><span class="label">Events</span><span class="value">${issue.occurrences.toLocaleString('en-US')}</span></div>
      <div><span class="label">Users</span><span class="value">${issue.users.toLocaleString('en-US')}</span></div>
      <div><span class="label">First seen</span><span class="value">${ago(issue.firstSeen, context.now)}</span></div>
      <div><span class="label">Last seen</span><span class="value">${ago(issue.lastSeen, context.now)}</span></div>
      <div class="wide"><span class="label">Last 24 hours</span>${sparkline(trend, 240, 40)}</div>
    </section>
    ${shown && shown !== recent[0] ? html`<p class="notice">Showing occurrence #${shown.id} (${iso(shown.receivedAt)}). <a href="/issues/${issue.id}">Show the latest</a></p>` : ''}
    <div class="columns">
      <div class="main">
        ${pathSection(report)}
        ${futureCallsSection(report)}
        ${requestSection(report)}
        ${report.stack ? html`<section><h2>Stack</h2><pre class="stack">${text(report.stack)}</pre></section>` : ''}
        ${Array.isArray(report.cause) && report.cause.length ? html`<section><h2>Cause</h2><pre>${JSON.stringify(report.cause, null, 2)}</pre></section>` : ''}
        <section><h2>Recent occurrences</h2>${occurrences(issue, recent, shown, context.now)}</section>
        <section><details><summary>Raw report</summary><pre>${JSON.stringify(report, null, 2)}</pre></details></section>
      </div>
      <aside>
        ${keyValues('User', isObject(report.user) ? report.user : undefined)}
        ${keyValues('Tags', isObject(report.tags) ? report.tags : undefined)}
        ${traceSection(report, context.traceUrl)}
        ${keyValues('Context', { service: report.service, environment: report.environment, release: report.release, severity: report.severity, category: report.category, mechanism: report.mechanism, time: report.timestamp, count: report.count, dropped: report.dropped })}
        ${usersList(context.store.usersOf(issue.id, 10))}
        <section><h2>Fingerprint</h2><code class="small">${issue.fingerprint}</code></section>
      </aside>
    </div>`
  return layout(firstLine(issue.message), body, context)
}

/** Where the error went through: the caller, the outer woven functions (outermost first), then where it was thrown. */
function pathSection(report: Report): Html {
  const caller = isObject(report.caller) ? report.caller : undefined
  const chain = Array.isArray(report.chain) ? report.chain.filter(isObject).reverse() : []
  const steps: Html[] = []
  if (caller && !chain.length) steps.push(html`<li class="caller"><span class="fn">${text(caller.function) || '(anonymous)'}</span>${caller.file ? html` <code>${text(caller.file)}:${text(caller.line)}</code>` : ''}<span class="role">caller</span></li>`)
  for (const entry of chain) steps.push(html`<li><span class="fn">${functionName(entry)}</span>${entry.line != null ? html` <code>line ${text(entry.line)}</code>` : ''}</li>`)
  steps.push(html`<li class="thrown"><span class="fn">${functionName(report)}</span>${location(report) ? html` <code>${location(report)}</code>` : ''}<span class="role">threw here</span></li>`)
  return html`<section><h2>Path</h2><ol class="path">${steps}</ol>${caller && chain.length ? html`<p class="muted">called by ${text(caller.function) || '(anonymous)'}${caller.file ? ` (${text(caller.file)}:${text(caller.line)})` : ''}</p>` : ''}</section>`
}

function futureCallsSection(report: Report): Html {
  const sites = Array.isArray(report.futureCallSites) ? report.futureCallSites.filter(isObject) : []
  const calls = Array.isArray(report.futureCalls) ? report.futureCalls.map(text) : []
  if (!sites.length && !calls.length) {
    return html`<section><h2>What would have run next</h2><p class="muted">${report.woven === false || !report.line ? 'Not known: no woven function saw this error.' : 'Nothing: the error ended the function.'}</p></section>`
  }
  const items = sites.length
    ? sites.map((site) => html`<li><code>${text(site.call)}</code>${site.line != null ? html` <span class="muted">line ${text(site.line)}${site.column != null ? `:${text(site.column)}` : ''}</span>` : ''}${site.conditional ? html` <span class="badge quiet">if reached</span>` : ''}</li>`)
    : calls.map((call) => html`<li><code>${call}</code></li>`)
  return html`<section><h2>What would have run next</h2><ol class="next">${items}</ol></section>`
}

function requestSection(report: Report): Html {
  if (!isObject(report.request)) return html``
  const request = report.request
  const parts = ['params', 'query', 'body', 'headers'].filter((key) => request[key] !== undefined)
  return html`<section><h2>Request</h2>
    <p class="request-line"><strong>${text(request.method)}</strong> <code>${text(request.route) || text(request.url)}</code>${request.route && request.url ? html` <span class="muted">${text(request.url)}</span>` : ''}${request.clientIp ? html` <span class="muted">from ${text(request.clientIp)}</span>` : ''}</p>
    ${parts.map((key) => (isObject(request[key]) ? table(key, request[key] as Record<string, unknown>) : html`<h3>${key}</h3><pre>${display(request[key])}</pre>`))}
  </section>`
}

function keyValues(title: string, values: Record<string, unknown> | undefined): Html {
  const entries = Object.entries(values ?? {}).filter(([, value]) => value !== undefined && value !== null && value !== '')
  return entries.length ? html`<section><h2>${title}</h2>${table('', Object.fromEntries(entries))}</section>` : html``
}

function table(caption: string, values: Record<string, unknown>): Html {
  return html`${caption ? html`<h3>${caption}</h3>` : ''}<table class="kv">${Object.entries(values).map(([key, value]) => html`<tr><th>${key}</th><td>${display(value)}</td></tr>`)}</table>`
}

function traceSection(report: Report, traceUrl: string | undefined): Html {
  const traceId = text(report.traceId)
  if (!traceId) return html``
  const link = traceUrl && /^[0-9a-f]{32}$/i.test(traceId) ? traceUrl.replaceAll('{traceId}', traceId) : undefined
  return html`<section><h2>Trace</h2>${link ? html`<a class="trace" href="${link}" rel="noreferrer">${traceId}</a>` : html`<code>${traceId}</code>`}${report.spanId ? html`<div class="muted">span ${text(report.spanId)}</div>` : ''}</section>`
}

function usersList(users: string[]): Html {
  return users.length ? html`<section><h2>Affected users</h2><ul class="users">${users.map((user) => html`<li>${user}</li>`)}</ul></section>` : html``
}

function occurrences(issue: Issue, recent: StoredReport[], shown: StoredReport | undefined, now: number): Html {
  return html`<table class="occurrences"><thead><tr><th>When</th><th class="num">Count</th><th>API</th><th>User</th><th>Release</th></tr></thead><tbody>${recent.map((entry) => {
    const request = isObject(entry.report.request) ? entry.report.request : {}
    const user = isObject(entry.report.user) ? entry.report.user : {}
    return html`<tr${entry.id === shown?.id ? html` class="shown"` : ''}><td><a href="/issues/${issue.id}?report=${entry.id}">${ago(entry.receivedAt, now)}</a></td><td class="num">${entry.occurrences}</td><td>${text(request.method)} ${text(request.route) || text(request.url)}</td><td>${text(user.id)}</td><td>${text(entry.report.release)}</td></tr>`
  })}</tbody></table>`
}

function sparkline(counts: number[], width: number, height: number): Html {
  const max = Math.max(...counts)
  const step = width / counts.length
  const total = counts.reduce((sum, count) => sum + count, 0)
  const bars = counts.map((count, index) => {
    const barHeight = count === 0 ? 1 : Math.max(2, Math.round((count / max) * (height - 2)))
    return html`<rect x="${(index * step).toFixed(1)}" y="${height - barHeight}" width="${(step - 1).toFixed(1)}" height="${barHeight}" class="${count ? 'bar' : 'zero'}"/>`
  })
  return html`<svg class="spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${total} events in the last 24 hours"><title>${total} events in the last 24 hours</title>${bars}</svg>`
}

/** A list kept open on a screen reloads itself (a meta refresh: the pages run no script). */
function layout(title: string, body: Html, context: PageContext, refreshSeconds?: number): string {
  const open = context.store.listIssues({ status: 'open', limit: 0 }).total
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${refreshSeconds ? html`<meta http-equiv="refresh" content="${refreshSeconds}">` : ''}<title>${title} · errorweave</title><link rel="stylesheet" href="/assets/dashboard.css"></head>
<body><header class="top"><a class="brand" href="/">errorweave</a><span class="muted">${open} open issue${open === 1 ? '' : 's'} · ${(context.store.storedBytes / 1048576).toFixed(1)} MiB stored</span></header>
<main>${body}</main></body></html>`.value
}

function firstLine(value: string): string {
  const line = value.split('\n')[0]
  return line.length > 200 ? `${line.slice(0, 199)}…` : line
}

function display(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function iso(time: number): string {
  return new Date(time).toISOString().replace('T', ' ').slice(0, 19)
}

function ago(time: number, now: number): Html {
  const seconds = Math.max(0, Math.round((now - time) / 1000))
  const phrase =
    seconds < 60 ? `${seconds}s ago` : seconds < 3600 ? `${Math.floor(seconds / 60)}m ago` : seconds < 86400 ? `${Math.floor(seconds / 3600)}h ago` : `${Math.floor(seconds / 86400)}d ago`
  return html`<time datetime="${new Date(time).toISOString()}" title="${iso(time)} UTC">${phrase}</time>`
}
