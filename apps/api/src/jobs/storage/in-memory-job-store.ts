import { Injectable } from '@nestjs/common';
import type { JobRecord } from '../job-record.js';
import type { JobStore } from './job-store.js';

/**
 * The default {@link JobStore}: jobs in a map, plus an index by owner so that a caller's jobs are
 * listed without scanning everyone's. Answers synchronously; jobs last as long as the process.
 */
@Injectable()
export class InMemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  /** Job ids per owner; a Set keeps insertion order, which is creation order. */
  private readonly byOwner = new Map<string, Set<string>>();

  /** @inheritDoc */
  insert(record: JobRecord): void {
    if (this.jobs.has(record.id)) throw new Error(`Job ${record.id} is already stored.`);
    this.jobs.set(record.id, record);
    let owned = this.byOwner.get(record.ownerId);
    if (owned === undefined) this.byOwner.set(record.ownerId, (owned = new Set()));
    owned.add(record.id);
  }

  /** @inheritDoc */
  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  /** @inheritDoc */
  update(record: JobRecord): void {
    // A late progress tick must not bring back a job that retention already removed.
    if (this.jobs.has(record.id)) this.jobs.set(record.id, record);
  }

  /** @inheritDoc */
  delete(id: string): void {
    const record = this.jobs.get(id);
    if (record === undefined) return;
    this.jobs.delete(id);
    const owned = this.byOwner.get(record.ownerId);
    owned?.delete(id);
    if (owned?.size === 0) this.byOwner.delete(record.ownerId);
  }

  /** @inheritDoc */
  listByOwner(ownerId: string): JobRecord[] {
    return [...(this.byOwner.get(ownerId) ?? [])].flatMap((id) => this.jobs.get(id) ?? []);
  }

  /** @inheritDoc */
  size(): number {
    return this.jobs.size;
  }

  /** Number of owners with at least one job, for tests: an owner without jobs leaves no trace. */
  get ownerCount(): number {
    return this.byOwner.size;
  }
}
