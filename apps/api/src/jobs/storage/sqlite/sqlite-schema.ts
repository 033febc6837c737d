import type { Database } from 'better-sqlite3';

/**
 * The schema, one migration per version: `PRAGMA user_version` says which ones a file has, and
 * opening a file applies the ones it lacks, each in a transaction. Migrations are only ever
 * appended.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE jobs (
     id TEXT PRIMARY KEY,
     owner_id TEXT NOT NULL,
     outcome TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expected_completion_at INTEGER NOT NULL,
     status TEXT NOT NULL,
     completed_at INTEGER,
     error_code TEXT,
     error_message TEXT,
     event_id INTEGER NOT NULL
   );
   CREATE INDEX jobs_by_owner ON jobs (owner_id, event_id);
   CREATE INDEX jobs_by_status_and_due_time ON jobs (status, expected_completion_at);
   -- The highest event id of the deleted jobs: ids are never issued twice, even after the jobs
   -- that carried the highest ones expired.
   CREATE TABLE deleted_event_ids (id INTEGER PRIMARY KEY CHECK (id = 1), highest INTEGER NOT NULL);
   INSERT INTO deleted_event_ids (id, highest) VALUES (1, 0);`,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings a database to {@link SCHEMA_VERSION}.
 *
 * @param db - an open database
 * @returns the version the file had before
 * @throws Error when the file was written by a newer build, whose schema this one cannot read
 */
export function migrate(db: Database): number {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > SCHEMA_VERSION) {
    throw new Error(`The database has schema version ${found}; this server reads versions up to ${SCHEMA_VERSION}. Use a newer server or another SQLITE_PATH.`);
  }
  for (let version = found; version < SCHEMA_VERSION; version += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return found;
}
