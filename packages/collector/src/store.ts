import { migrate } from './schema.js'
import { openDatabase, transaction, type Database, type Row, type SqlValue, type Statement } from './sqlite.js'
import { errorType, fingerprintOf, functionName, location, text, usersOf, type Report } from './report.js'

export const STATUSES = ['open', 'resolved', 'ignored'] as const
export type IssueStatus = (typeof STATUSES)[number]
/** The issue fields the list can be filtered by, each one column of `issues`. */
export const FACETS = ['service', 'environment', 'release', 'severity', 'category'] as const
export type Facet = (typeof FACETS)[number]

export interface Issue {
  id: number
  fingerprint: string
  errorType: string
  message: string
  function: string
  location: string
  service: string
  environment: string
  release: string
  severity: string
  category: string
  mechanism: string
  status: IssueStatus
  /** It was resolved and came back. */
  regressed: boolean
  firstSeen: number
  lastSeen: number
  occurrences: number
  users: number
}

export type IssueFilters = Partial<Record<Facet | 'status' | 'q', string>> & { sort?: 'last' | 'count'; limit?: number; offset?: number }

export interface StoredReport {
  id: number
  issueId: number
  receivedAt: number
  occurrences: number
  report: Report
}

export interface Incoming {
  report: Report
  /** The report's JSON as received: what is stored. */
  body: string
  now: number
  idempotencyKey?: string
}

export type Ingested = { duplicate: true } | { duplicate: false; reportId: number; issue: Issue; event?: 'new' | 'regression' }

export interface StoreOptions {
  /** A database file, or ':memory:'. */
  file: string
  /** Reports older than this go, and issues not seen since. */
  retentionDays: number
  /** The stored reports' bytes are kept under this: the oldest go first. */
  maxBytes: number
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
const ISSUE_COLUMNS = `id, fingerprint, error_type AS errorType, message, function, location, service, environment, release, severity, category,
  mechanism, status, regressed, first_seen AS firstSeen, last_seen AS lastSeen, occurrences, users + unnamed_users AS users`

/** Reports and the issues they group into, in one SQLite file. */
export class Store {
  readonly engine: string
  private readonly db: Database
  private bytes: number
  /** Compiled once: compiling a statement costs more than running it. */
  private readonly statements = new Map<string, Statement>()

  constructor(private readonly options: StoreOptions) {
    const { db, engine } = openDatabase(options.file)
    this.db = db
    this.engine = engine
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000')
    migrate(db)
    this.bytes = Number(db.prepare('SELECT COALESCE(SUM(bytes), 0) AS bytes FROM reports').get()!.bytes)
  }

  /** Stores one checked report (`body` is its JSON) received at `now`; a repeated Idempotency-Key stores nothing. */
  ingest(report: Report, body: string, now: number, idempotencyKey?: string): Ingested {
    return this.ingestMany([{ report, body, now, idempotencyKey }])[0]
  }

  /**
   * Stores reports in one transaction: a commit costs more than the rest of a report's
   * work together (9.1 of 10.6 s in a profile of 20,000 one-report transactions).
   */
  ingestMany(items: Incoming[]): Ingested[] {
    const results = transaction(this.db, () => items.map((item) => this.store(item)))
    if (this.bytes > this.options.maxBytes) this.pruneToSize()
    return results
  }

  private store({ report, body, now, idempotencyKey }: Incoming): Ingested {
    if (idempotencyKey && this.sql('INSERT OR IGNORE INTO idempotency_keys VALUES (?, ?)').run(idempotencyKey, now).changes === 0) return { duplicate: true }
    const occurrences = typeof report.count === 'number' ? report.count : 1
    const fingerprint = fingerprintOf(report)
    const fields = [errorType(report), text(report.message).slice(0, 2000), functionName(report), location(report)]
    const facets = FACETS.map((facet) => text(report[facet]).slice(0, 200))
    const known = this.sql('SELECT id, status FROM issues WHERE fingerprint = ?').get(fingerprint)
    let event: 'new' | 'regression' | undefined
    let issueId: number
    if (!known) {
      event = 'new'
      issueId = Number(this.sql(`INSERT INTO issues (fingerprint, error_type, message, function, location, ${FACETS.join(', ')}, mechanism, first_seen, last_seen, occurrences)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`).get(fingerprint, ...fields, ...facets, text(report.mechanism), now, now, occurrences)!.id)
    } else {
      issueId = Number(known.id)
      if (known.status === 'resolved') event = 'regression'
      this.sql(`UPDATE issues SET error_type = ?, message = ?, function = ?, location = ?, ${FACETS.map((facet) => `${facet} = ?`).join(', ')}, mechanism = ?,
        last_seen = MAX(last_seen, ?), occurrences = occurrences + ?, status = CASE status WHEN 'resolved' THEN 'open' ELSE status END,
        regressed = CASE status WHEN 'resolved' THEN 1 ELSE regressed END WHERE id = ?`).run(...fields, ...facets, text(report.mechanism), now, occurrences, issueId)
    }
    const users = usersOf(report)
    let added = 0
    for (const id of users.ids) added += Number(this.sql('INSERT OR IGNORE INTO issue_users VALUES (?, ?)').run(issueId, id.slice(0, 200)).changes)
    this.sql('INSERT INTO issue_hours VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET occurrences = occurrences + excluded.occurrences').run(issueId, Math.floor(now / HOUR), occurrences)
    const bytes = Buffer.byteLength(body)
    const reportId = Number(this.sql('INSERT INTO reports (issue_id, received_at, occurrences, bytes, body) VALUES (?, ?, ?, ?, ?) RETURNING id').get(issueId, now, occurrences, bytes, body)!.id)
    this.bytes += bytes
    const issue = this.sql(`UPDATE issues SET users = users + ?, unnamed_users = unnamed_users + ? WHERE id = ? RETURNING ${ISSUE_COLUMNS}`).get(added, users.unnamed, issueId)!
    return { duplicate: false, reportId, issue: toIssue(issue), event }
  }

  listIssues(filters: IssueFilters): { total: number; issues: Issue[] } {
    const where: string[] = []
    const params: SqlValue[] = []
    for (const name of [...FACETS, 'status'] as const) {
      if (filters[name]) {
        where.push(`${name} = ?`)
        params.push(filters[name]!)
      }
    }
    if (filters.q) {
      const columns = ['message', 'function', 'location', 'error_type']
      where.push(`(${columns.map((column) => `${column} LIKE ? ESCAPE '\\'`).join(' OR ')})`)
      params.push(...columns.map(() => `%${filters.q!.replace(/[\\%_]/g, '\\$&')}%`))
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const order = filters.sort === 'count' ? 'occurrences DESC, last_seen DESC' : 'last_seen DESC, id DESC'
    const total = Number(this.sql(`SELECT COUNT(*) AS total FROM issues ${clause}`).get(...params)!.total)
    const rows = this.sql(`SELECT ${ISSUE_COLUMNS} FROM issues ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, filters.limit ?? 50, filters.offset ?? 0)
    return { total, issues: rows.map(toIssue) }
  }

  /** The values each facet has, for the list's filters. */
  facets(): Record<Facet, string[]> {
    const values = (facet: Facet) => this.sql(`SELECT DISTINCT ${facet} AS value FROM issues WHERE ${facet} != '' ORDER BY 1 LIMIT 200`).all().map((row) => String(row.value))
    return Object.fromEntries(FACETS.map((facet) => [facet, values(facet)])) as Record<Facet, string[]>
  }

  issue(id: number): Issue | undefined {
    const row = this.sql(`SELECT ${ISSUE_COLUMNS} FROM issues WHERE id = ?`).get(id)
    return row && toIssue(row)
  }

  /** Occurrences per hour over the 24 hours up to `now`, oldest first, for each issue. */
  trends(ids: number[], now: number): Map<number, number[]> {
    const trends = new Map(ids.map((id) => [id, new Array<number>(24).fill(0)]))
    if (ids.length === 0) return trends
    const first = Math.floor(now / HOUR) - 23
    const rows = this.sql(`SELECT issue_id, hour, occurrences FROM issue_hours WHERE hour >= ? AND issue_id IN (${ids.map(() => '?').join(', ')})`).all(first, ...ids)
    for (const row of rows) {
      const slot = Number(row.hour) - first
      if (slot < 24) trends.get(Number(row.issue_id))![slot] = Number(row.occurrences)
    }
    return trends
  }

  /** Up to `limit` user ids the issue affected. */
  usersOf(id: number, limit: number): string[] {
    return this.sql('SELECT user_id FROM issue_users WHERE issue_id = ? LIMIT ?').all(id, limit).map((row) => String(row.user_id))
  }

  /** An issue's reports, newest first. */
  reportsOf(issueId: number, limit: number): StoredReport[] {
    return this.sql('SELECT * FROM reports WHERE issue_id = ? ORDER BY id DESC LIMIT ?').all(issueId, limit).map(toStoredReport)
  }

  report(id: number): StoredReport | undefined {
    const row = this.sql('SELECT * FROM reports WHERE id = ?').get(id)
    return row && toStoredReport(row)
  }

  /** The newest `limit` reports (of one fingerprint when given), oldest first. */
  reports(options: { fingerprint?: string; limit: number }): Report[] {
    const rows = options.fingerprint
      ? this.sql('SELECT r.body FROM reports r JOIN issues i ON i.id = r.issue_id WHERE i.fingerprint = ? ORDER BY r.id DESC LIMIT ?').all(options.fingerprint, options.limit)
      : this.sql('SELECT body FROM reports ORDER BY id DESC LIMIT ?').all(options.limit)
    return rows.reverse().map((row) => JSON.parse(String(row.body)) as Report)
  }

  setStatus(id: number, status: IssueStatus): Issue | undefined {
    this.sql('UPDATE issues SET status = ? WHERE id = ?').run(status, id)
    return this.issue(id)
  }

  occurrencesSince(issueId: number, since: number): number {
    return Number(this.sql('SELECT COALESCE(SUM(occurrences), 0) AS n FROM reports WHERE issue_id = ? AND received_at >= ?').get(issueId, since)!.n)
  }

  /** True once per cool-down for a rule and an issue (kept in the file: a restart does not send it again). */
  claimAlert(rule: string, issueId: number, now: number, cooldownMs: number): boolean {
    const claimed = this.db
      .prepare('INSERT INTO alerts_sent VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET sent_at = excluded.sent_at WHERE sent_at <= ?')
      .run(rule, issueId, now, now - cooldownMs)
    return Number(claimed.changes) > 0
  }

  get storedBytes(): number {
    return this.bytes
  }

  /** Drops what is older than the retention period, then the oldest reports while over the size bound. */
  prune(now: number): void {
    const cutoff = now - this.options.retentionDays * DAY
    transaction(this.db, () => {
      this.bytes -= Number(this.sql('SELECT COALESCE(SUM(bytes), 0) AS bytes FROM reports WHERE received_at < ?').get(cutoff)!.bytes)
      this.sql('DELETE FROM reports WHERE received_at < ?').run(cutoff)
      const stale = 'SELECT id FROM issues WHERE last_seen < ?'
      for (const table of ['issue_users', 'issue_hours', 'alerts_sent']) this.sql(`DELETE FROM ${table} WHERE issue_id IN (${stale})`).run(cutoff)
      this.sql('DELETE FROM issues WHERE last_seen < ?').run(cutoff)
      this.sql('DELETE FROM issue_hours WHERE hour < ?').run(Math.floor(now / HOUR) - 48)
      this.sql('DELETE FROM idempotency_keys WHERE received_at < ?').run(cutoff)
    })
    if (this.bytes > this.options.maxBytes) this.pruneToSize()
  }

  /** Deletes the oldest reports until 90% of the size bound is left (at most 5,000 looked at per step); their Idempotency-Keys go with them. */
  private pruneToSize(): void {
    transaction(this.db, () => {
      while (this.bytes > this.options.maxBytes * 0.9) {
        const excess = this.bytes - this.options.maxBytes * 0.9
        const batch = this.db
          .prepare(`SELECT MAX(id) AS last, SUM(bytes) AS bytes FROM (SELECT id, bytes, SUM(bytes) OVER (ORDER BY id) AS running FROM (SELECT id, bytes FROM reports ORDER BY id LIMIT 5000))
            WHERE running - bytes < ?`)
          .get(excess)!
        if (batch.last === null) break
        this.sql('DELETE FROM reports WHERE id <= ?').run(batch.last)
        this.bytes -= Number(batch.bytes)
      }
      this.sql('DELETE FROM idempotency_keys WHERE received_at < (SELECT COALESCE(MIN(received_at), 0) FROM reports)').run()
    })
  }

  private sql(text: string): Statement {
    let statement = this.statements.get(text)
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)))
    return statement
  }

  close(): void {
    this.db.close()
  }
}

function toIssue(row: Row): Issue {
  return { ...(row as unknown as Issue), regressed: row.regressed === 1, users: Number(row.users) }
}

function toStoredReport(row: Row): StoredReport {
  return { id: Number(row.id), issueId: Number(row.issue_id), receivedAt: Number(row.received_at), occurrences: Number(row.occurrences), report: JSON.parse(String(row.body)) }
}
