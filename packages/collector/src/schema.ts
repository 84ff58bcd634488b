import { transaction, type Database } from './sqlite.js'

/**
 * Every schema change ever released, in order; a database file records how many it has
 * (`PRAGMA user_version`) and gets the rest when it is opened. Never edit a released one.
 */
const MIGRATIONS = [
  `CREATE TABLE issues (
     id INTEGER PRIMARY KEY,
     fingerprint TEXT NOT NULL UNIQUE,
     error_type TEXT NOT NULL,
     message TEXT NOT NULL,
     function TEXT NOT NULL,
     location TEXT NOT NULL,
     service TEXT NOT NULL,
     environment TEXT NOT NULL,
     release TEXT NOT NULL,
     severity TEXT NOT NULL,
     category TEXT NOT NULL,
     mechanism TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'open',
     regressed INTEGER NOT NULL DEFAULT 0,
     first_seen INTEGER NOT NULL,
     last_seen INTEGER NOT NULL,
     occurrences INTEGER NOT NULL DEFAULT 0,
     users INTEGER NOT NULL DEFAULT 0,
     unnamed_users INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX issues_by_last_seen ON issues (last_seen);
   CREATE INDEX issues_by_occurrences ON issues (occurrences);
   CREATE TABLE reports (
     id INTEGER PRIMARY KEY,
     issue_id INTEGER NOT NULL,
     received_at INTEGER NOT NULL,
     occurrences INTEGER NOT NULL,
     bytes INTEGER NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX reports_by_issue ON reports (issue_id, received_at);
   CREATE INDEX reports_by_time ON reports (received_at);
   CREATE TABLE issue_users (issue_id INTEGER NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (issue_id, user_id)) WITHOUT ROWID;
   CREATE TABLE issue_hours (issue_id INTEGER NOT NULL, hour INTEGER NOT NULL, occurrences INTEGER NOT NULL, PRIMARY KEY (issue_id, hour)) WITHOUT ROWID;
   CREATE TABLE idempotency_keys (key TEXT PRIMARY KEY, received_at INTEGER NOT NULL) WITHOUT ROWID;
   CREATE INDEX idempotency_keys_by_time ON idempotency_keys (received_at);
   CREATE TABLE alerts_sent (rule TEXT NOT NULL, issue_id INTEGER NOT NULL, sent_at INTEGER NOT NULL, PRIMARY KEY (rule, issue_id)) WITHOUT ROWID;`,
]

export const SCHEMA_VERSION = MIGRATIONS.length

/** Brings a database file up to this release's schema; refuses one written by a newer release. */
export function migrate(db: Database): void {
  const version = Number(db.prepare('PRAGMA user_version').get()!.user_version)
  if (version > SCHEMA_VERSION) throw new Error(`the database has schema version ${version}, newer than this collector's ${SCHEMA_VERSION}: upgrade @errorweave/collector`)
  for (let next = version; next < SCHEMA_VERSION; next++) {
    transaction(db, () => {
      db.exec(MIGRATIONS[next])
      db.exec(`PRAGMA user_version = ${next + 1}`)
    })
  }
}
