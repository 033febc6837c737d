import type { Job } from '@heygen-mock/contracts';
import fc from 'fast-check';
import { createJobRegistry, type JobListener } from './job-registry.js';
import { makeJob } from './testing/job.js';

const JOBS = 3;

/**
 * A job's true history, oldest first: pending states whose progress grows, then its terminal
 * state. Timestamps come from a handful of values in no particular order, so equal timestamps
 * are common and a later state may carry an earlier one (servers whose clocks disagree).
 */
const history = fc
  .record({
    progress: fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 5 }),
    end: fc.constantFrom<Job['status']>('completed', 'error'),
    stamps: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }),
  })
  .map(({ progress, end, stamps }) => {
    const created = makeJob();
    const at = (i: number): string => new Date(Date.parse(created.updatedAt) + (stamps[i] ?? 0)).toISOString();
    const pending = [...progress].sort((a, b) => a - b).map((p, i): Job => ({ ...created, progress: p, updatedAt: at(i) }));
    const last = pending[pending.length - 1]!;
    const terminal: Job = {
      ...last,
      status: end,
      progress: end == 'completed' ? 100 : last.progress,
      updatedAt: at(pending.length),
      completedAt: at(pending.length),
      error: end == 'error' ? { code: 'simulated-failure', message: 'The simulated job failed.' } : null,
      pollAfterMs: null,
    };
    return [...pending, terminal];
  });

/**
 * What happens to the registry: a state of a job arrives from one of the client's sources (the
 * create response, a stream event, a batch read, a replay after a reconnect), or a listener
 * starts watching a job. States are picked from anywhere in the history, so they come
 * duplicated and out of order.
 */
const step = fc.oneof(
  fc.record({ kind: fc.constantFrom('create', 'stream', 'batch', 'replay'), job: fc.nat(JOBS - 1), state: fc.nat(5) }),
  fc.record({ kind: fc.constant('listen'), job: fc.nat(JOBS - 1) }),
);

/** A run: the histories, the steps, and where each job's terminal state surely arrives. */
const run = fc.record({
  histories: fc.array(history, { minLength: JOBS, maxLength: JOBS }),
  steps: fc.array(step, { maxLength: 40 }),
  terminalAt: fc.array(fc.nat(40), { minLength: JOBS, maxLength: JOBS }),
});

/** Positions in the history of the states a listener received, in the order received. */
function recorder(history: readonly Job[]): JobListener & { seen: number[] } {
  const seen: number[] = [];
  return { seen, job: (job) => void seen.push(history.indexOf(job)), fail: () => undefined };
}

describe('createJobRegistry, under any interleaving of its sources', () => {
  it('gives every listener the terminal state exactly once and never a state older than one it had', async () => {
    await fc.assert(
      fc.asyncProperty(run, async ({ histories, steps, terminalAt }) => {
        const updates = histories.map(() => [] as number[]);
        const registry = createJobRegistry({
          watch: () => undefined,
          unwatch: () => undefined,
          update: (job) => histories.forEach((h, i) => h.includes(job) && updates[i]!.push(h.indexOf(job))),
          error: (error) => {
            throw error;
          },
          now: () => 1000,
        });
        const listeners = histories.map(() => [] as ReturnType<typeof recorder>[]);
        const all = [...steps];
        terminalAt.forEach((at, job) => all.splice(at, 0, { kind: 'stream', job, state: Infinity }));

        for (const s of all) {
          const h = histories[s.job]!;
          if (s.kind == 'listen') {
            const listener = recorder(h);
            listeners[s.job]!.push(listener);
            registry.add(h[0]!.id, listener);
          } else {
            const job = h[Math.min(s.state, h.length - 1)]!;
            // A create response counts as of when its request left; the others as of arrival.
            registry.deliver(job, s.kind == 'create' ? 900 : undefined);
          }
        }
        // Listeners of a job known to be finished are answered in a microtask.
        await Promise.resolve();

        histories.forEach((h, job) => {
          const terminal = h.length - 1;
          for (const seen of [updates[job]!, ...listeners[job]!.map((l) => l.seen)]) {
            expect(seen.filter((i) => i == terminal)).toHaveLength(1);
            expect(seen[seen.length - 1]).toBe(terminal);
            // Strictly increasing: no repeat, nothing older than what came before.
            seen.slice(1).forEach((i, k) => expect(i).toBeGreaterThan(seen[k]!));
          }
        });
      }),
      { numRuns: 500 },
    );
  });
});
