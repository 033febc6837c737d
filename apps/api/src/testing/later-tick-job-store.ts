import type { JobRecord } from '../jobs/job-record.js';
import { InMemoryJobStore } from '../jobs/storage/in-memory-job-store.js';
import type { JobStore } from '../jobs/storage/job-store.js';

/**
 * A {@link JobStore} that answers like a remote one: each operation takes effect and answers on a
 * later turn of the event loop, in call order. Backed by the in-memory store.
 */
export class LaterTickJobStore implements JobStore {
  private readonly inner = new InMemoryJobStore();
  private answered = 0;

  /** Number of operations answered so far, to show that the store was in use. */
  get answers(): number {
    return this.answered;
  }

  /** @inheritDoc */
  insert(record: JobRecord): Promise<void> {
    return this.later(() => this.inner.insert(record));
  }

  /** @inheritDoc */
  get(id: string): Promise<JobRecord | undefined> {
    return this.later(() => this.inner.get(id));
  }

  /** @inheritDoc */
  update(record: JobRecord): Promise<boolean> {
    return this.later(() => this.inner.update(record));
  }

  /** @inheritDoc */
  delete(id: string): Promise<void> {
    return this.later(() => this.inner.delete(id));
  }

  /** @inheritDoc */
  pagesByOwner(ownerId: string, pageSize: number): AsyncIterable<readonly JobRecord[]> {
    return this.laterPages(this.inner.pagesByOwner(ownerId, pageSize));
  }

  /** @inheritDoc */
  pages(pageSize: number): AsyncIterable<readonly JobRecord[]> {
    return this.laterPages(this.inner.pages(pageSize));
  }

  /** @inheritDoc */
  lastEventId(): Promise<number> {
    return this.later(() => this.inner.lastEventId());
  }

  /** @inheritDoc */
  countPending(ownerId: string): Promise<number> {
    return this.later(() => this.inner.countPending(ownerId));
  }

  /** @inheritDoc */
  size(): Promise<number> {
    return this.later(() => this.inner.size());
  }

  private async *laterPages(source: AsyncIterable<readonly JobRecord[]>): AsyncIterable<readonly JobRecord[]> {
    const pages = source[Symbol.asyncIterator]();
    for (;;) {
      const page = await (await this.later(() => pages.next()));
      if (page.done === true) return;
      yield page.value;
    }
  }

  private later<T>(operation: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      setImmediate(() => {
        try {
          resolve(operation());
          this.answered += 1;
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
  }
}
