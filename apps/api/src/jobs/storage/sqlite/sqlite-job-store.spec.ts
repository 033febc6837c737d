import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeJobStoreContract, recordFixture } from '../../../testing/job-store-contract.js';
import { SqliteJobStore } from './sqlite-job-store.js';

function tempFile(): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'heygen-sqlite-'));
  return { path: join(dir, 'nested', 'jobs.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describeJobStoreContract('sqlite', async () => {
  const file = tempFile();
  const store = SqliteJobStore.open(file.path);
  return {
    store,
    close: async () => {
      store.close();
      file.remove();
    },
  };
});

describe('SqliteJobStore', () => {
  let file: ReturnType<typeof tempFile>;
  beforeEach(() => (file = tempFile()));
  afterEach(() => file.remove());

  it('keeps what it stored across a reopen of the file, counts included', async () => {
    const first = SqliteJobStore.open(file.path);
    await first.insert(recordFixture('a', 'alice', { eventId: 5 }));
    await first.insert(recordFixture('b', 'alice', { eventId: 6 }));
    first.update(recordFixture('b', 'alice', { status: 'error', completedAt: 1500, eventId: 9, error: { code: 'simulated-failure', message: 'The simulated job failed.' } }));
    first.close();

    const again = SqliteJobStore.open(file.path);
    try {
      expect(again.get('b')).toMatchObject({ status: 'error', eventId: 9, error: { code: 'simulated-failure' } });
      expect(again.size()).toBe(2);
      expect(again.countPending('alice')).toBe(1);
      expect(again.lastEventId()).toBe(9);
    } finally {
      again.close();
    }
  });

  it('never lets event ids go back after the jobs that carried the highest ones were deleted', async () => {
    const first = SqliteJobStore.open(file.path);
    await first.insert(recordFixture('a', 'alice', { eventId: 5 }));
    await first.insert(recordFixture('b', 'alice', { eventId: 12 }));
    first.delete('b');
    first.close();

    const again = SqliteJobStore.open(file.path);
    try {
      expect(again.size()).toBe(1);
      expect(again.lastEventId()).toBe(12);
    } finally {
      again.close();
    }
  });

  it('commits the new jobs of one turn of the event loop together: far fewer pages written than one by one', async () => {
    const jobs = Array.from({ length: 200 }, (_, i) => recordFixture(`job-${String(i).padStart(3, '0')}`, 'alice', { eventId: i + 1 }));
    const grouped = SqliteJobStore.open(file.path);
    await Promise.all(jobs.map((job) => grouped.insert(job)));
    const groupedWal = statSync(`${file.path}-wal`).size;
    grouped.close();

    const other = tempFile();
    try {
      const single = SqliteJobStore.open(other.path);
      for (const job of jobs) await single.insert(job);
      const singleWal = statSync(`${other.path}-wal`).size;
      single.close();
      expect(groupedWal * 5).toBeLessThan(singleWal);
    } finally {
      other.remove();
    }
  });

  it('counts a queued job at once, reads it before its group is committed, and keeps it across a reopen', async () => {
    const store = SqliteJobStore.open(file.path);
    const committed = store.insert(recordFixture('a', 'alice', { eventId: 3 }));
    expect(store.size()).toBe(1);
    expect(store.countPending('alice')).toBe(1);
    expect(store.lastEventId()).toBe(3);
    expect(store.get('a')).toMatchObject({ id: 'a', ownerId: 'alice' });
    await committed;
    const second = store.insert(recordFixture('b', 'alice', { eventId: 4 }));
    // Closing commits what is queued.
    store.close();
    await second;
    const again = SqliteJobStore.open(file.path);
    try {
      expect(again.size()).toBe(2);
    } finally {
      again.close();
    }
  });

  it('fails only the job whose id is taken when the group it was queued with is committed', async () => {
    const store = SqliteJobStore.open(file.path);
    try {
      await store.insert(recordFixture('a', 'alice'));
      const results = await Promise.allSettled([
        store.insert(recordFixture('b', 'alice')),
        store.insert(recordFixture('a', 'bob')),
        store.insert(recordFixture('c', 'bob')),
        store.insert(recordFixture('c', 'carol')),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/Job a is already stored/);
      expect(store.size()).toBe(3);
      expect(store.countPending('bob')).toBe(1);
      expect(store.countPending('carol')).toBe(0);
      expect(store.get('c')?.ownerId).toBe('bob');
    } finally {
      store.close();
    }
  });

  it('refuses a file written by a newer schema rather than misread it', () => {
    const store = SqliteJobStore.open(file.path);
    store.close();
    const db = new Database(file.path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => SqliteJobStore.open(file.path)).toThrow(/schema version 99/);
  });

  it('refuses a second store on a file that one already holds', () => {
    const holder = SqliteJobStore.open(file.path);
    try {
      expect(() => SqliteJobStore.open(file.path)).toThrow(/in use by another process/);
    } finally {
      holder.close();
    }
    SqliteJobStore.open(file.path).close();
  });
});
