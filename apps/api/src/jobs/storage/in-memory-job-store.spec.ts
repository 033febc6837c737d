import { describeJobStoreContract, recordFixture } from '../../testing/job-store-contract.js';
import { InMemoryJobStore } from './in-memory-job-store.js';

describeJobStoreContract('memory', async () => ({ store: new InMemoryJobStore(), close: async () => undefined }));

describe('InMemoryJobStore', () => {
  it('drops an owner’s index entry with its last job', () => {
    const store = new InMemoryJobStore();
    store.insert(recordFixture('a', 'alice'));
    store.insert(recordFixture('b', 'alice'));
    store.delete('a');
    expect(store.ownerCount).toBe(1);
    store.delete('b');
    expect(store.ownerCount).toBe(0);
  });
});
