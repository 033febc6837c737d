import type { JobRecord } from '../job-record.js';
import { InMemoryJobStore } from './in-memory-job-store.js';

const record = (id: string, ownerId: string, overrides: Partial<JobRecord> = {}): JobRecord => ({
  id,
  ownerId,
  outcome: 'completed',
  createdAt: 0,
  expectedCompletionAt: 1000,
  status: 'pending',
  progress: 0,
  updatedAt: 0,
  completedAt: null,
  error: null,
  ...overrides,
});

describe('InMemoryJobStore', () => {
  it('reads back what it stored and counts it', () => {
    const store = new InMemoryJobStore();
    const job = record('a', 'alice');
    store.insert(job);
    expect(store.get('a')).toEqual(job);
    expect(store.get('b')).toBeUndefined();
    expect(store.size()).toBe(1);
  });

  it('refuses to store the same id twice', () => {
    const store = new InMemoryJobStore();
    store.insert(record('a', 'alice'));
    expect(() => store.insert(record('a', 'bob'))).toThrow(/already stored/);
    expect(store.listByOwner('bob')).toEqual([]);
  });

  it('lists each owner’s jobs oldest first, and only theirs', () => {
    const store = new InMemoryJobStore();
    for (const [id, owner] of [['a', 'alice'], ['b', 'bob'], ['c', 'alice']] as const) store.insert(record(id, owner));
    expect(store.listByOwner('alice').map((job) => job.id)).toEqual(['a', 'c']);
    expect(store.listByOwner('bob').map((job) => job.id)).toEqual(['b']);
    expect(store.listByOwner('carol')).toEqual([]);
  });

  it('replaces a stored job with its new state', () => {
    const store = new InMemoryJobStore();
    store.insert(record('a', 'alice'));
    store.update(record('a', 'alice', { status: 'completed', progress: 100 }));
    expect(store.get('a')).toMatchObject({ status: 'completed', progress: 100 });
    expect(store.listByOwner('alice')).toEqual([store.get('a')]);
  });

  it('keeps a deleted job deleted, even when a late update arrives', () => {
    const store = new InMemoryJobStore();
    store.insert(record('a', 'alice'));
    store.delete('a');
    store.update(record('a', 'alice', { progress: 50 }));
    store.delete('missing');
    expect(store.get('a')).toBeUndefined();
    expect(store.size()).toBe(0);
  });

  it('drops an owner’s index entry with its last job', () => {
    const store = new InMemoryJobStore();
    store.insert(record('a', 'alice'));
    store.insert(record('b', 'alice'));
    store.delete('a');
    expect(store.ownerCount).toBe(1);
    store.delete('b');
    expect(store.ownerCount).toBe(0);
  });
});
