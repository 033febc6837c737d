import Database, { type Database as Connection, type Statement } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JobOutcome, JobStatus } from '../../dto/job-status.js';
import type { JobRecord } from '../../job-record.js';
import type { JobStore } from '../job-store.js';
import { migrate } from './sqlite-schema.js';

interface JobRow {
  id: string;
  owner_id: string;
  outcome: JobOutcome;
  created_at: number;
  expected_completion_at: number;
  status: JobStatus;
  completed_at: number | null;
  error_code: string | null;
  error_message: string | null;
  event_id: number;
}

function toRow(record: JobRecord): JobRow {
  return {
    id: record.id,
    owner_id: record.ownerId,
    outcome: record.outcome,
    created_at: record.createdAt,
    expected_completion_at: record.expectedCompletionAt,
    status: record.status,
    completed_at: record.completedAt,
    error_code: record.error?.code ?? null,
    error_message: record.error?.message ?? null,
    event_id: record.eventId,
  };
}

function toRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    ownerId: row.owner_id,
    outcome: row.outcome,
    createdAt: row.created_at,
    expectedCompletionAt: row.expected_completion_at,
    status: row.status,
    completedAt: row.completed_at,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    eventId: row.event_id,
  };
}

/** A new job waiting for the next group commit, with the promise its creator awaits. */
interface QueuedInsert {
  readonly record: JobRecord;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * The durable {@link JobStore}: one SQLite file (better-sqlite3), in WAL mode with
 * `synchronous=NORMAL`: a committed write survives the process being killed; a power loss may
 * lose the last ones. The file is locked for this process alone, so a second server on the same
 * file fails at start-up instead of running the same jobs twice.
 *
 * New jobs are committed in groups: the inserts of one turn of the event loop go into one
 * transaction, written before the turn's I/O callbacks of the next, and each insert's promise
 * settles once its job is committed, so a job is on disk before its creator answers 201. One
 * transaction for many jobs writes their shared index pages once, which halves the cost of a
 * create under load. Every other method first commits what is queued, so reads see every job.
 *
 * Only status changes are written (creation, end, deletion): progress is computed from the plan.
 * Counts (pending jobs per owner, jobs in total) are read from the file once at start-up and
 * kept in memory, so quotas cost no query.
 */
export class SqliteJobStore implements JobStore {
  private readonly pendingByOwner = new Map<string, number>();
  private queued: QueuedInsert[] = [];
  private readonly insertAll: (rows: readonly JobRow[]) => void;
  private total = 0;
  private highestEventId = 0;
  private readonly deleteAndKeepEventId: (id: string) => { owner_id: string; status: JobStatus; event_id: number } | undefined;
  private readonly statements: {
    insert: Statement<[JobRow]>;
    get: Statement<[string], JobRow>;
    update: Statement<[JobRow]>;
    delete: Statement<[string], { owner_id: string; status: JobStatus; event_id: number }>;
    keepDeletedEventId: Statement<[number]>;
    byOwner: Statement<[string, number, number], JobRow>;
    all: Statement<[number, number], JobRow & { rowid: number }>;
  };

  private constructor(private readonly db: Connection) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO jobs (id, owner_id, outcome, created_at, expected_completion_at, status, completed_at, error_code, error_message, event_id)
         VALUES (@id, @owner_id, @outcome, @created_at, @expected_completion_at, @status, @completed_at, @error_code, @error_message, @event_id)`,
      ),
      get: db.prepare('SELECT * FROM jobs WHERE id = ?'),
      update: db.prepare(
        `UPDATE jobs SET status = @status, completed_at = @completed_at, error_code = @error_code, error_message = @error_message, event_id = @event_id
         WHERE id = @id AND status = 'pending'`,
      ),
      delete: db.prepare('DELETE FROM jobs WHERE id = ? RETURNING owner_id, status, event_id'),
      keepDeletedEventId: db.prepare('UPDATE deleted_event_ids SET highest = max(highest, ?)'),
      byOwner: db.prepare('SELECT * FROM jobs WHERE owner_id = ? AND event_id > ? ORDER BY event_id LIMIT ?'),
      all: db.prepare('SELECT rowid, * FROM jobs WHERE rowid > ? ORDER BY rowid LIMIT ?'),
    };
    for (const { owner_id: owner, pending } of db.prepare<[], { owner_id: string; pending: number }>(
      `SELECT owner_id, count(*) AS pending FROM jobs WHERE status = 'pending' GROUP BY owner_id`,
    ).all()) {
      this.pendingByOwner.set(owner, pending);
    }
    const totals = db
      .prepare<[], { total: number; highest: number }>(
        'SELECT count(*) AS total, max(coalesce(max(event_id), 0), (SELECT highest FROM deleted_event_ids)) AS highest FROM jobs',
      )
      .get();
    this.total = totals?.total ?? 0;
    this.highestEventId = totals?.highest ?? 0;
    this.insertAll = db.transaction((rows: readonly JobRow[]) => {
      for (const row of rows) this.statements.insert.run(row);
    });
    this.deleteAndKeepEventId = db.transaction((id: string) => {
      const deleted = this.statements.delete.get(id);
      if (deleted !== undefined) this.statements.keepDeletedEventId.run(deleted.event_id);
      return deleted;
    });
  }

  /**
   * Opens (creating when needed) the database file and brings its schema up to date.
   *
   * @param path - the file; its folder is created when missing. `:memory:` for a throwaway one.
   * @returns the store
   * @throws Error when another process holds the file, or its schema is newer than this build's
   */
  static open(path: string): SqliteJobStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { timeout: 1000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Held until close: a second server on the same file fails here, at start-up.
      db.pragma('locking_mode = EXCLUSIVE');
      migrate(db);
      db.exec('BEGIN IMMEDIATE; COMMIT');
      return new SqliteJobStore(db);
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new Error(`The database ${path} is in use by another process (another server on the same SQLITE_PATH?).`, { cause: error });
      }
      throw error;
    }
  }

  /**
   * Queues a new job for the group commit of this turn of the event loop; counts it at once, so
   * that quotas see it.
   *
   * @param record - a job whose id is not stored yet
   * @returns settles once the job is committed; rejects when its id is already stored, or the
   *   write failed, and then the job is not counted
   */
  insert(record: JobRecord): Promise<void> {
    const committed = new Promise<void>((resolve, reject) => {
      if (this.queued.push({ record, resolve, reject }) === 1) setImmediate(() => this.commitQueued());
    });
    this.countInserted(record, 1);
    return committed;
  }

  /** @inheritDoc */
  get(id: string): JobRecord | undefined {
    this.commitQueued();
    const row = this.statements.get.get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  /** @inheritDoc */
  update(record: JobRecord): boolean {
    this.commitQueued();
    // Only a pending job changes: a late update must not bring back a job that retention already
    // removed, nor change an end.
    if (this.statements.update.run(toRow(record)).changes === 0) return false;
    this.countPendingDelta(record.ownerId, -Number(record.status !== 'pending'));
    this.highestEventId = Math.max(this.highestEventId, record.eventId);
    return true;
  }

  /** @inheritDoc */
  delete(id: string): void {
    this.commitQueued();
    const deleted = this.deleteAndKeepEventId(id);
    if (deleted === undefined) return;
    this.total -= 1;
    if (deleted.status === 'pending') this.countPendingDelta(deleted.owner_id, -1);
  }

  /** @inheritDoc */
  async *pagesByOwner(ownerId: string, pageSize: number): AsyncIterable<readonly JobRecord[]> {
    let after = 0;
    for (;;) {
      this.commitQueued();
      const rows = this.statements.byOwner.all(ownerId, after, pageSize);
      if (rows.length > 0) yield rows.map(toRecord);
      if (rows.length < pageSize) return;
      after = rows.at(-1)?.event_id ?? after;
    }
  }

  /** @inheritDoc */
  async *pages(pageSize: number): AsyncIterable<readonly JobRecord[]> {
    let after = 0;
    for (;;) {
      this.commitQueued();
      const rows = this.statements.all.all(after, pageSize);
      if (rows.length > 0) yield rows.map(toRecord);
      if (rows.length < pageSize) return;
      after = rows.at(-1)?.rowid ?? after;
    }
  }

  /** @inheritDoc */
  lastEventId(): number {
    return this.highestEventId;
  }

  /** @inheritDoc */
  countPending(ownerId: string): number {
    return this.pendingByOwner.get(ownerId) ?? 0;
  }

  /** @inheritDoc */
  size(): number {
    return this.total;
  }

  /** Commits what is queued and closes the file; the store cannot be used afterwards. */
  close(): void {
    if (!this.db.open) return;
    this.commitQueued();
    this.db.close();
  }

  /** Closes the file when the application shuts down. */
  onApplicationShutdown(): void {
    this.close();
  }

  /**
   * Writes the queued jobs in one transaction and settles their promises. When it fails (an id
   * already stored, a full disk), each job is tried alone, so that one bad job fails only its
   * own creation.
   */
  private commitQueued(): void {
    if (this.queued.length === 0) return;
    const queued = this.queued;
    this.queued = [];
    try {
      this.insertAll(queued.map(({ record }) => toRow(record)));
      for (const { resolve } of queued) resolve();
      return;
    } catch {
      // Rolled back as a whole: one at a time, below.
    }
    for (const { record, resolve, reject } of queued) {
      try {
        this.statements.insert.run(toRow(record));
        resolve();
      } catch (error) {
        this.countInserted(record, -1);
        reject(
          (error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
            ? new Error(`Job ${record.id} is already stored.`, { cause: error })
            : (error as Error),
        );
      }
    }
  }

  /** Counts a job in (`1`) or, when its insert failed, out again (`-1`). */
  private countInserted(record: JobRecord, sign: 1 | -1): void {
    this.total += sign;
    if (record.status === 'pending') this.countPendingDelta(record.ownerId, sign);
    if (sign === 1) this.highestEventId = Math.max(this.highestEventId, record.eventId);
  }

  private countPendingDelta(ownerId: string, delta: number): void {
    if (delta === 0) return;
    const count = (this.pendingByOwner.get(ownerId) ?? 0) + delta;
    if (count > 0) this.pendingByOwner.set(ownerId, count);
    else this.pendingByOwner.delete(ownerId);
  }
}
