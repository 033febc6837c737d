import type { JobRecord } from '../jobs/job-record.js';
import type { JobStore } from '../jobs/storage/job-store.js';

/** A store under test and how to let it go. */
export interface StoreUnderTest {
  readonly store: JobStore;
  close(): Promise<void>;
}

/**
 * A job record for store tests: pending unless told otherwise.
 *
 * @param id - the job id
 * @param ownerId - its owner
 * @param overrides - fields to change
 * @returns the record
 */
export function recordFixture(id: string, ownerId: string, overrides: Partial<JobRecord> = {}): JobRecord {
  return { id, ownerId, outcome: 'completed', createdAt: 1000, expectedCompletionAt: 2000, status: 'pending', completedAt: null, error: null, eventId: 1, ...overrides };
}

async function collect(pages: AsyncIterable<readonly JobRecord[]>): Promise<JobRecord[][]> {
  const all: JobRecord[][] = [];
  for await (const page of pages) all.push([...page]);
  return all;
}

/**
 * The behaviour every {@link JobStore} driver must have, as one Jest suite: each driver's spec
 * calls it with a way to make a fresh, empty store.
 *
 * @param name - the driver, for the suite's title
 * @param open - makes an empty store
 */
export function describeJobStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`JobStore contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: JobStore;

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(() => subject.close());

    it('reads back what it stored and counts it', async () => {
      const job = recordFixture('a', 'alice');
      await store.insert(job);
      expect(await store.get('a')).toEqual(job);
      expect(await store.get('b')).toBeUndefined();
      expect(await store.size()).toBe(1);
    });

    it('refuses to store the same id twice', async () => {
      await store.insert(recordFixture('a', 'alice'));
      await expect(Promise.resolve().then(() => store.insert(recordFixture('a', 'bob')))).rejects.toThrow(/already stored/);
      expect(await collect(store.pagesByOwner('bob', 10))).toEqual([]);
    });

    it('pages each owner’s jobs in the order of their last status change, and only theirs', async () => {
      const jobs = [['a', 'alice'], ['b', 'bob'], ['c', 'alice'], ['d', 'alice']] as const;
      for (const [index, [id, owner]] of jobs.entries()) await store.insert(recordFixture(id, owner, { eventId: 10 + index }));
      const pages = await collect(store.pagesByOwner('alice', 2));
      expect(pages.map((page) => page.map((job) => job.id))).toEqual([['a', 'c'], ['d']]);
      await store.update(recordFixture('a', 'alice', { status: 'completed', completedAt: 2000, eventId: 20 }));
      expect((await collect(store.pagesByOwner('alice', 10))).flat().map((job) => job.id)).toEqual(['c', 'd', 'a']);
      expect((await collect(store.pagesByOwner('bob', 2))).flat().map((job) => job.id)).toEqual(['b']);
      expect(await collect(store.pagesByOwner('carol', 2))).toEqual([]);
    });

    it('pages every job, and knows the highest event id stored', async () => {
      expect(await store.lastEventId()).toBe(0);
      for (const [index, [id, owner]] of ([['a', 'alice'], ['b', 'bob'], ['c', 'alice']] as const).entries()) {
        await store.insert(recordFixture(id, owner, { eventId: 100 - index }));
      }
      expect((await collect(store.pages(2))).flat().map((job) => job.id).sort()).toEqual(['a', 'b', 'c']);
      expect(await store.lastEventId()).toBe(100);
      await store.update(recordFixture('c', 'alice', { status: 'error', completedAt: 1500, eventId: 150 }));
      expect(await store.lastEventId()).toBe(150);
    });

    it('replaces a stored job with its new state and counts pending jobs per owner', async () => {
      await store.insert(recordFixture('a', 'alice'));
      await store.insert(recordFixture('b', 'alice'));
      await store.insert(recordFixture('c', 'bob'));
      expect(await store.countPending('alice')).toBe(2);
      const done = recordFixture('a', 'alice', { status: 'completed', completedAt: 2000 });
      expect(await store.update(done)).toBe(true);
      expect(await store.get('a')).toEqual(done);
      expect(await store.countPending('alice')).toBe(1);
      expect(await store.countPending('bob')).toBe(1);
      expect(await store.countPending('carol')).toBe(0);
    });

    it('keeps a deleted job deleted, even when a late update arrives, and uncounts it', async () => {
      await store.insert(recordFixture('a', 'alice'));
      await store.delete('a');
      expect(await store.update(recordFixture('a', 'alice', { status: 'error', completedAt: 2000 }))).toBe(false);
      await store.delete('missing');
      expect(await store.get('a')).toBeUndefined();
      expect(await store.size()).toBe(0);
      expect(await store.countPending('alice')).toBe(0);
      expect(await collect(store.pagesByOwner('alice', 10))).toEqual([]);
    });

    it('keeps a job’s end: a second update of an ended job changes nothing', async () => {
      await store.insert(recordFixture('a', 'alice', { eventId: 1 }));
      await store.insert(recordFixture('b', 'alice', { eventId: 2 }));
      const first = recordFixture('a', 'alice', { status: 'completed', completedAt: 2000, eventId: 3 });
      expect(await store.update(first)).toBe(true);
      expect(await store.update(recordFixture('a', 'alice', { status: 'completed', completedAt: 2001, eventId: 4 }))).toBe(false);
      expect(await store.get('a')).toEqual(first);
      expect(await store.countPending('alice')).toBe(1);
      expect(await store.lastEventId()).toBe(3);
      expect((await collect(store.pagesByOwner('alice', 10))).flat().map((job) => job.eventId)).toEqual([2, 3]);
    });

    it('keeps a job’s error and times as they were stored', async () => {
      const failed = recordFixture('a', 'alice', { outcome: 'error', status: 'error', completedAt: 1500, error: { code: 'simulated-failure', message: 'The simulated job failed.' } });
      await store.insert(failed);
      expect(await store.get('a')).toEqual(failed);
    });
  });
}
