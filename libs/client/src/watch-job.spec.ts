import { DisposedError } from './errors/disposed-error.js';
import { HeyGenAPI } from './heygen-api.js';
import { fakeServer } from './testing/fake-server.js';
import { flush, useFakeTime } from './testing/flush.js';
import { makeJob } from './testing/job.js';

const url = 'http://api.test';

describe('watch', () => {
  beforeEach(useFakeTime);
  afterEach(() => jest.useRealTimers());

  it.each(['POLL', 'LONG_POLL', 'SSE'] as const)(
    'rejects with DisposedError when first pulled after dispose(), and starts no request (%s)',
    async (mode) => {
      const server = fakeServer();
      const client = new HeyGenAPI({ url, mode, fetch: server.fetch });
      const iterator = client.watch(makeJob().id);
      client.dispose();
      let outcome: unknown = 'still pending';
      iterator.next().then(
        (result) => (outcome = result),
        (error: unknown) => (outcome = error),
      );
      await flush();
      expect(outcome).toBeInstanceOf(DisposedError);
      // End the clock's future, then count: a disposed client plans nothing.
      await jest.advanceTimersByTimeAsync(120_000);
      expect(server.fetch.requests).toEqual([]);
      expect(jest.getTimerCount()).toBe(0);
    },
  );
});
