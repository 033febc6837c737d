import { Injectable } from '@nestjs/common';
import type { JobRecord } from '../job-record.js';
import type { JobStore } from './job-store.js';

interface OwnerJobs {
  /** Job ids; a Set keeps insertion order, and a job is moved to the end when it changes, so this is `eventId` order. */
  readonly ids: Set<string>;
  pending: number;
}

/**
 * The default {@link JobStore}: jobs in a map, plus an index by owner with a count of pending
 * jobs, so that a caller's jobs are listed without scanning everyone's and quotas cost O(1).
 * Answers synchronously; jobs last as long as the process.
 */
@Injectable()
export class InMemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly owners = new Map<string, OwnerJobs>();
  private highestEventId = 0;

  /** @inheritDoc */
  insert(record: JobRecord): void {
    if (this.jobs.has(record.id)) throw new Error(`Job ${record.id} is already stored.`);
    this.jobs.set(record.id, record);
    let owner = this.owners.get(record.ownerId);
    if (owner === undefined) this.owners.set(record.ownerId, (owner = { ids: new Set(), pending: 0 }));
    owner.ids.add(record.id);
    if (record.status === 'pending') owner.pending += 1;
    this.highestEventId = Math.max(this.highestEventId, record.eventId);
  }

  /** @inheritDoc */
  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  /** @inheritDoc */
  update(record: JobRecord): boolean {
    const stored = this.jobs.get(record.id);
    // A late update must not bring back a job that retention already removed, nor change an end.
    if (stored?.status !== 'pending') return false;
    this.jobs.set(record.id, record);
    this.highestEventId = Math.max(this.highestEventId, record.eventId);
    const owner = this.owners.get(record.ownerId);
    if (owner === undefined) return true;
    owner.pending -= Number(record.status !== 'pending');
    if (record.eventId !== stored.eventId) {
      owner.ids.delete(record.id);
      owner.ids.add(record.id);
    }
    return true;
  }

  /** @inheritDoc */
  delete(id: string): void {
    const record = this.jobs.get(id);
    if (record === undefined) return;
    this.jobs.delete(id);
    const owner = this.owners.get(record.ownerId);
    if (owner === undefined) return;
    owner.ids.delete(id);
    if (record.status === 'pending') owner.pending -= 1;
    if (owner.ids.size === 0) this.owners.delete(record.ownerId);
  }

  /** @inheritDoc */
  async *pagesByOwner(ownerId: string, pageSize: number): AsyncIterable<readonly JobRecord[]> {
    const owner = this.owners.get(ownerId);
    if (owner === undefined) return;
    let page: JobRecord[] = [];
    // A live iterator: jobs deleted meanwhile are skipped, jobs added meanwhile come at the end.
    for (const id of owner.ids) {
      const record = this.jobs.get(id);
      if (record !== undefined) page.push(record);
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  /** @inheritDoc */
  async *pages(pageSize: number): AsyncIterable<readonly JobRecord[]> {
    let page: JobRecord[] = [];
    for (const record of this.jobs.values()) {
      page.push(record);
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  /** @inheritDoc */
  lastEventId(): number {
    return this.highestEventId;
  }

  /** @inheritDoc */
  countPending(ownerId: string): number {
    return this.owners.get(ownerId)?.pending ?? 0;
  }

  /** @inheritDoc */
  size(): number {
    return this.jobs.size;
  }

  /** Number of owners with at least one job, for tests: an owner without jobs leaves no trace. */
  get ownerCount(): number {
    return this.owners.size;
  }
}
