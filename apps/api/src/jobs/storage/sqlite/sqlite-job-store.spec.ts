import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
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

  it('keeps what it stored across a reopen of the file, counts included', () => {
    const first = SqliteJobStore.open(file.path);
    first.insert(recordFixture('a', 'alice', { eventId: 5 }));
    first.insert(recordFixture('b', 'alice', { eventId: 6 }));
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

  it('never lets event ids go back after the jobs that carried the highest ones were deleted', () => {
    const first = SqliteJobStore.open(file.path);
    first.insert(recordFixture('a', 'alice', { eventId: 5 }));
    first.insert(recordFixture('b', 'alice', { eventId: 12 }));
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
