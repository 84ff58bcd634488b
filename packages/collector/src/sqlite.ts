import { closeSync, mkdirSync, openSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

/** The part of SQLite the collector uses; `node:sqlite` and better-sqlite3 both have exactly this shape. */
export type SqlValue = string | number | null
export type Row = Record<string, SqlValue>
export interface Statement {
  run(...params: SqlValue[]): { changes: number | bigint }
  get(...params: SqlValue[]): Row | undefined
  all(...params: SqlValue[]): Row[]
}
export interface Database {
  exec(sql: string): void
  prepare(sql: string): Statement
  close(): void
}

const require = createRequire(import.meta.url)

/**
 * `node:sqlite` where Node has it (22.13+, 24), else better-sqlite3: CI runs Node 20 and
 * then Node 24 on the same node_modules, where a native module built for 20 does not
 * load, so the built-in one must come first.
 */
export function openDatabase(file: string): { db: Database; engine: string } {
  if (file !== ':memory:') {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    // Reports hold user ids, client addresses and request data: the file is the owner's
    // alone (SQLite gives its -wal and -shm files the same mode).
    closeSync(openSync(file, 'a', 0o600))
  }
  const builtin = loadBuiltin()
  if (builtin) return { db: new builtin.DatabaseSync(file) as Database, engine: 'node:sqlite' }
  let BetterSqlite: new (file: string) => Database
  try {
    BetterSqlite = require('better-sqlite3')
  } catch (error) {
    throw new Error(`no SQLite: this Node (${process.version}) has no node:sqlite and better-sqlite3 did not load (${(error as Error).message.split('\n')[0]}); use Node 22.13+ or reinstall @errorweave/collector`)
  }
  return { db: new BetterSqlite(file), engine: 'better-sqlite3' }
}

function loadBuiltin(): { DatabaseSync: new (file: string) => unknown } | undefined {
  try {
    return require('node:sqlite')
  } catch {
    return undefined
  }
}

/** Runs `work` in one write transaction: all of it is stored or none. */
export function transaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    db.exec('ROLLBACK')
    throw error
  }
}
