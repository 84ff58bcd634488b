import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { openDatabase } from '../../packages/collector/src/sqlite.js'
import { Store } from '../../packages/collector/src/store.js'

const HOUR = 3_600_000
const NOW = Date.UTC(2026, 10, 24, 10, 0, 0)
const file = () => path.join(mkdtempSync(path.join(tmpdir(), 'errorweave-store-')), 'errorweave.db')
const open = (db: string, options: Partial<{ retentionDays: number; maxBytes: number }> = {}) => new Store({ file: db, retentionDays: 30, maxBytes: 64 * 1024 * 1024, ...options })

function report(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { class: 'OrderService', method: 'place', line: 45, column: 5, file: 'src/order.ts', message: "TypeError: Cannot read properties of undefined (reading 'id')", severity: 'ERROR', futureCalls: ['audit()'], fingerprint: 'fp-order', count: 1, service: 'api', environment: 'production', release: '1.2.0', category: 'permanent', ...overrides }
}
const ingest = (store: Store, value: Record<string, unknown>, now = NOW, key?: string) => store.ingest(value, JSON.stringify(value), now, key)

test('reports, issues, users and Idempotency-Keys survive closing and reopening the file', () => {
  const db = file()
  const first = open(db)
  expect(ingest(first, report({ user: { id: 'u1' } }), NOW, 'key-1')).toMatchObject({ duplicate: false, event: 'new', issue: { id: 1, occurrences: 1 } })
  ingest(first, report({ fingerprint: 'fp-other', message: 'Error: other' }))
  first.close()
  const second = open(db)
  expect(ingest(second, report(), NOW + 1000, 'key-1')).toStrictEqual({ duplicate: true })
  expect(second.listIssues({}).total).toBe(2)
  expect(second.issue(1)).toMatchObject({ fingerprint: 'fp-order', occurrences: 1, users: 1, status: 'open' })
  expect(second.reports({ limit: 10 })).toStrictEqual([report({ user: { id: 'u1' } }), report({ fingerprint: 'fp-other', message: 'Error: other' })])
  second.close()
})

test('a new database file, and its write-ahead log, can be read by its owner only', () => {
  const db = file()
  const store = open(db)
  ingest(store, report())
  for (const name of [db, `${db}-wal`]) expect((statSync(name).mode & 0o777).toString(8)).toBe('600')
  store.close()
})

test('one issue per fingerprint: occurrences from count, distinct users from user and affectedUsers, first and last seen, hourly trend', () => {
  const store = open(file())
  ingest(store, report({ count: 3, user: { id: 'u1' }, affectedUsers: { count: 2, sample: ['u1', 'u2'] } }), NOW - 2 * HOUR)
  ingest(store, report({ count: 4, user: { id: 'u2' }, affectedUsers: { count: 5, sample: ['u2', 'u3'] } }), NOW)
  ingest(store, report({ fingerprint: 'fp-checkout', service: 'web', severity: 'WARN', message: 'Error: card declined', category: 'business' }), NOW - HOUR)
  const issue = store.listIssues({ service: 'api' }).issues
  expect(issue).toHaveLength(1)
  // u1, u2, u3 named; the second report counted 5 users and named 2: 3 more without names.
  expect(issue[0]).toMatchObject({ occurrences: 7, users: 6, firstSeen: NOW - 2 * HOUR, lastSeen: NOW })
  expect(store.trends([issue[0].id], NOW).get(issue[0].id)!.slice(-3)).toStrictEqual([3, 0, 4])
  expect(store.listIssues({ sort: 'count' }).issues.map((item) => item.fingerprint)).toStrictEqual(['fp-order', 'fp-checkout'])
  expect(store.listIssues({}).issues.map((item) => item.fingerprint)).toStrictEqual(['fp-order', 'fp-checkout'])
  expect(store.listIssues({ q: 'card' }).issues.map((item) => item.fingerprint)).toStrictEqual(['fp-checkout'])
  expect(store.listIssues({ q: '100%_' }).total).toBe(0)
  expect(store.listIssues({ severity: 'WARN', category: 'business', environment: 'production', release: '1.2.0' }).total).toBe(1)
  expect(store.facets()).toStrictEqual({ service: ['api', 'web'], environment: ['production'], release: ['1.2.0'], severity: ['ERROR', 'WARN'], category: ['business', 'permanent'] })
  store.close()
})

test('a report without a fingerprint is grouped by type, location and message with numbers left out', () => {
  const store = open(file())
  const first = ingest(store, report({ fingerprint: undefined, message: 'Error: order 42 not found' }))
  const second = ingest(store, report({ fingerprint: undefined, message: 'Error: order 77 not found' }))
  const elsewhere = ingest(store, report({ fingerprint: undefined, message: 'Error: order 77 not found', line: 99 }))
  expect(first.duplicate || second.duplicate || elsewhere.duplicate).toBe(false)
  if (first.duplicate || second.duplicate || elsewhere.duplicate) return
  expect(second.issue.id).toBe(first.issue.id)
  expect(elsewhere.issue.id).not.toBe(first.issue.id)
  store.close()
})

test('a resolved issue that comes back is a regression and open again; an ignored one stays ignored', () => {
  const store = open(file())
  const { issue } = ingest(store, report()) as { issue: { id: number } }
  store.setStatus(issue.id, 'resolved')
  expect(store.listIssues({ status: 'resolved' }).total).toBe(1)
  expect(ingest(store, report(), NOW + 1000)).toMatchObject({ event: 'regression', issue: { status: 'open', regressed: true, occurrences: 2 } })
  expect(ingest(store, report(), NOW + 2000)).toMatchObject({ event: undefined, issue: { status: 'open', regressed: true } })
  store.setStatus(issue.id, 'ignored')
  expect(ingest(store, report(), NOW + 3000)).toMatchObject({ event: undefined, issue: { status: 'ignored', occurrences: 4 } })
  store.close()
})

test('retention: reports older than the period go, and issues not seen since; the size bound drops the oldest reports first', () => {
  const db = file()
  const store = open(db, { retentionDays: 7 })
  ingest(store, report({ fingerprint: 'old' }), NOW - 8 * 24 * HOUR, 'old-key')
  ingest(store, report({ fingerprint: 'recent' }), NOW - 24 * HOUR)
  store.prune(NOW)
  expect(store.listIssues({}).issues.map((issue) => issue.fingerprint)).toStrictEqual(['recent'])
  expect(store.reports({ limit: 10 })).toHaveLength(1)
  expect(ingest(store, report({ fingerprint: 'old' }), NOW, 'old-key')).toMatchObject({ duplicate: false, event: 'new' })
  store.close()

  const padding = 'x'.repeat(10_000)
  const small = open(file(), { maxBytes: 100_000 })
  for (let index = 0; index < 30; index++) ingest(small, report({ comment: padding, line: index }), NOW + index)
  expect(small.storedBytes).toBeLessThanOrEqual(100_000)
  const kept = small.reports({ limit: 100 })
  expect(kept.length).toBeGreaterThan(5)
  expect(kept.at(-1)!.line).toBe(29)
  expect(kept[0].line).toBe(30 - kept.length)
  expect(small.issue(1)!.occurrences).toBe(30)
  small.close()
})

test('node:sqlite where this Node has it, better-sqlite3 before', () => {
  const [major, minor] = process.versions.node.split('.').map(Number)
  expect(open(file()).engine).toBe(major > 22 || (major === 22 && minor >= 13) ? 'node:sqlite' : 'better-sqlite3')
})

test('the schema is migrated from the first release on; a file from a newer release is refused', () => {
  const db = file()
  open(db).close()
  const { db: raw } = openDatabase(db)
  expect(raw.prepare('PRAGMA user_version').get()).toMatchObject({ user_version: 1 })
  raw.exec('PRAGMA user_version = 99')
  raw.close()
  expect(() => open(db)).toThrow('the database has schema version 99, newer than this collector\'s 1: upgrade @errorweave/collector')
})
