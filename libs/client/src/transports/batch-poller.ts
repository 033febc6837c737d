import type { Job } from '@heygen-mock/contracts';
import { backoff } from '../backoff.js';
import type { HeyGenError } from '../errors/heygen-error.js';
import { isRetryable } from '../errors/is-retryable.js';
import type { Transport } from '../mode.js';
import { chunks, type JobTransport, type TransportContext } from './transport.js';

/** Jobs due this close together share one request. */
const COALESCE_MS = 50;

/**
 * When a job is next due, in clock milliseconds, and its count of reads without a hint.
 *
 * @param job - its state from the last read (`undefined`: unknown or missing from the answer)
 * @param at - when that state was received (0 when unknown, so the job is due at once)
 * @param tries - reads without a hint so far
 * @internal
 */
export type DuePolicy = (job: Job | undefined, at: number, tries: number) => [due: number, tries: number];

/**
 * The engine under both polling transports: rounds of `POST /status/batch` for the jobs that are
 * due, at most 1000 ids per request, requests one after another, and one round at a time: the
 * next round is planned only when the current one has ended. A held request (`waitMs`) is cut
 * short when a job is added so that the next round includes it. Network errors, timeouts, 5xx
 * and 429 delay the round's jobs with backoff (at least `Retry-After`); any other 4xx fails
 * them fast, and ids the server does not know fail with {@link JobNotFoundError}.
 *
 * @param waitMs - how long the server may hold each request; 0 for plain reads
 * @param next - the transport's scheduling policy
 * @internal
 */
export function createBatchPoller(ctx: TransportContext, kind: Transport, waitMs: number, next: DuePolicy): JobTransport {
  const { api, options, registry } = ctx;
  const { clock } = options;
  const due = new Map<string, [due: number, tries: number]>();
  let controller: AbortController | undefined;
  let timer: unknown;
  /** When the planned round starts; Infinity when none is planned. */
  let planned = Infinity;
  let errors = 0;
  let closed = false;

  /** Plans the next round for `at` unless a round is under way or one is planned sooner. O(1). */
  const schedule = (at: number): void => {
    if (controller || at >= planned) return;
    clock.clearTimeout(timer);
    planned = at;
    timer = clock.setTimeout(round, at - clock.now());
  };

  /** Plans the next round for the earliest due job. */
  const plan = (): void => {
    clock.clearTimeout(timer);
    planned = Infinity;
    // A loop rather than Math.min(...times): a spread of 10^5 arguments overflows the stack.
    let first = Infinity;
    for (const [at] of due.values()) first = Math.min(first, at);
    schedule(first);
  };

  const round = async (): Promise<void> => {
    planned = Infinity;
    const horizon = clock.now() + COALESCE_MS;
    const current = (controller = new AbortController());
    for (const ids of chunks([...due].filter(([, [at]]) => at <= horizon).map(([id]) => id))) {
      try {
        const response = await api.batch(ids, waitMs, current.signal);
        const jobs = new Map(response.jobs.map((job) => [job.id, job]));
        errors = 0;
        for (const id of ids) {
          const entry = due.get(id);
          if (entry) due.set(id, next(jobs.get(id), clock.now(), entry[1]));
        }
        ctx.applyBatch(response);
      } catch (error) {
        if (current.signal.aborted) break;
        const e = error as HeyGenError;
        if (!isRetryable(e)) registry.fail(ids, e);
        ctx.report(e);
        const delay = Math.max(backoff(errors++, options.pollInterval, options.pollMaxInterval), e.retryAfterMs ?? 0);
        for (const id of ids) {
          const entry = due.get(id);
          if (entry) entry[0] = clock.now() + delay;
        }
      }
    }
    controller = undefined;
    // After close() nothing is due, so nothing is planned.
    plan();
  };

  return {
    kind,
    watch(id) {
      if (closed) return;
      const [job, at] = registry.known.get(id) ?? [];
      const entry = next(job, at ?? 0, 0);
      due.set(id, entry);
      // A held request does not cover the new job: end it, the next round includes it.
      if (waitMs) controller?.abort();
      schedule(entry[0]);
    },
    unwatch(id) {
      due.delete(id);
      if (!due.size) controller?.abort();
    },
    close() {
      closed = true;
      due.clear();
      clock.clearTimeout(timer);
      controller?.abort();
    },
  };
}
