import type { Job } from '@heygen-mock/contracts';
import { NaivePoller, type PollerClock } from './naive-poller.js';

/** Virtual time: a pause moves it forward at once, so the tests take no real time. */
function virtualClock(): PollerClock & { time: number } {
  const clock = {
    time: 0,
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.time += ms;
    },
  };
  return clock;
}

/**
 * A fetch that answers `pending` until the `doneAt`-th read of a job, recording each read's
 * virtual time; an answer takes `answerMs` of virtual time.
 */
function fakeFetch(clock: { time: number }, doneAt: number, answerMs = 0) {
  const reads: { url: string; auth: string | null; at: number }[] = [];
  const fetchFn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    reads.push({ url: String(input), auth: new Headers(init?.headers).get('authorization'), at: clock.time });
    clock.time += answerMs;
    const done = reads.filter((r) => r.url === String(input)).length >= doneAt;
    return new Response(JSON.stringify({ id: 'x', status: done ? 'completed' : 'pending', completedAt: done ? '2026-01-01T00:00:00.000Z' : null }));
  };
  return { reads, fetchFn };
}

function watchOnce(poller: NaivePoller, id: string): Promise<Job> {
  return new Promise((resolve) => poller.watch(id, resolve));
}

describe('NaivePoller', () => {
  it('reads GET /status/:id once per interval until the job is no longer pending, then reports it', async () => {
    const clock = virtualClock();
    const { reads, fetchFn } = fakeFetch(clock, 3);
    const poller = new NaivePoller({ url: 'http://api.test/', apiKey: 'key-0123456789abcdef', fetch: fetchFn, clock });
    const done = await watchOnce(poller, 'job-1');
    expect(done.status).toBe('completed');
    expect(reads.map((r) => [r.url, r.at])).toEqual([
      ['http://api.test/status/job-1', 0],
      ['http://api.test/status/job-1', 1000],
      ['http://api.test/status/job-1', 2000],
    ]);
    expect(reads[0]?.auth).toBe('Bearer key-0123456789abcdef');
    expect(poller.statusRequests).toBe(3);
  });

  it('keeps a fixed rate when answers are slow and skips intervals an answer overran', async () => {
    const clock = virtualClock();
    const slow = fakeFetch(clock, 3, 300);
    await watchOnce(new NaivePoller({ url: 'http://api.test', apiKey: 'k', fetch: slow.fetchFn, clock }), 'a');
    expect(slow.reads.map((r) => r.at)).toEqual([0, 1000, 2000]);
    const clock2 = virtualClock();
    const stuck = fakeFetch(clock2, 3, 2500);
    await watchOnce(new NaivePoller({ url: 'http://api.test', apiKey: 'k', fetch: stuck.fetchFn, clock: clock2 }), 'b');
    expect(stuck.reads.map((r) => r.at)).toEqual([0, 2500, 5000]);
  });

  it('starts each job at its phase of the first interval', async () => {
    const clock = virtualClock();
    const { reads, fetchFn } = fakeFetch(clock, 2);
    await watchOnce(new NaivePoller({ url: 'http://api.test', apiKey: 'k', phase: () => 0.25, fetch: fetchFn, clock }), 'c');
    expect(reads.map((r) => r.at)).toEqual([250, 1250]);
  });

  it('stops reading once disposed', async () => {
    const { reads, fetchFn } = fakeFetch({ time: 0 }, Infinity);
    const poller = new NaivePoller({ url: 'http://api.test', apiKey: 'k', intervalMs: 5, fetch: fetchFn });
    poller.watch('d', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 30));
    poller.dispose();
    const seen = reads.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen).toBeGreaterThan(0);
    expect(reads.length).toBe(seen);
  });

  it('rejects an interval that is not positive', () => {
    expect(() => new NaivePoller({ url: 'http://api.test', apiKey: 'k', intervalMs: 0 })).toThrow(/`intervalMs`/);
  });
});
