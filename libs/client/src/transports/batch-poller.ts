import { MAX_BATCH_JOB_IDS, type Job } from '@heygen-mock/contracts';
import { backoff } from '../backoff.js';
import type { HeyGenError } from '../errors/heygen-error.js';
import { isRetryable } from '../errors/is-retryable.js';
import type { Transport } from '../mode.js';
import { chunks, type JobTransport, type TransportContext } from './transport.js';

/** Jobs due this close together share one request. */
const COALESCE_MS = 50;

/**
 * Long-polls held at once, each for up to {@link MAX_BATCH_JOB_IDS} jobs, so that 10,000 watched
 * jobs are all held at any time. Plain reads go one at a time.
 */
const LONG_POLLS = 10;

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
 * The engine under both polling transports: `POST /status/batch` for the jobs that are due, at
 * most {@link MAX_BATCH_JOB_IDS} ids per request. Plain reads go one request at a time: the
 * next is planned when the current one has answered. Held requests (`waitMs`) go out together,
 * up to {@link LONG_POLLS}; when one answers, its jobs that are still pending go out again at
 * once while the others stay held. A newly watched job cuts short the smallest held request
 * with room, so that its jobs go out again with the new one; with no room, it waits for the
 * next answer. Network errors, timeouts, 5xx and 429 delay a request's jobs with backoff (at
 * least `Retry-After`); any other 4xx fails them fast, and ids the server does not know fail
 * with {@link JobNotFoundError}.
 *
 * @param waitMs - how long the server may hold each request; 0 for plain reads
 * @param next - the transport's scheduling policy
 * @internal
 */
export function createBatchPoller(ctx: TransportContext, kind: Transport, waitMs: number, next: DuePolicy): JobTransport {
  const { api, options, registry } = ctx;
  const { clock } = options;
  const limit = waitMs ? LONG_POLLS : 1;
  const due = new Map<string, [due: number, tries: number]>();
  /** Requests in flight and the jobs each one reads. */
  const requests = new Map<AbortController, string[]>();
  /** Jobs some request in flight reads. */
  const busy = new Set<string>();
  /** The held request cut short for new jobs; until it has ended nothing else goes out. */
  let cut: AbortController | undefined;
  let timer: unknown;
  /** When the planned requests go out; Infinity when none are planned. */
  let planned = Infinity;
  let errors = 0;
  let closed = false;

  /** Plans requests for `at` unless none could go out or some are planned sooner. O(1). */
  const schedule = (at: number): void => {
    if (closed || requests.size >= limit || at >= planned) return;
    clock.clearTimeout(timer);
    planned = at;
    timer = clock.setTimeout(send, at - clock.now());
  };

  /**
   * Sends the jobs due within `slack` that no request reads, in as many requests as may be in
   * flight, and plans the others for the earliest of them.
   */
  const send = (slack = COALESCE_MS): void => {
    clock.clearTimeout(timer);
    planned = Infinity;
    if (cut) return;
    const horizon = clock.now() + slack;
    const room = (limit - requests.size) * MAX_BATCH_JOB_IDS;
    const ready: string[] = [];
    // A loop rather than Math.min(...times): a spread of 10^5 arguments overflows the stack.
    let first = Infinity;
    for (const [id, [at]] of due) {
      if (busy.has(id)) continue;
      if (at <= horizon && ready.length < room) ready.push(id);
      else first = Math.min(first, at);
    }
    chunks(ready).forEach(read);
    schedule(first);
  };

  const read = async (ids: string[]): Promise<void> => {
    const controller = new AbortController();
    requests.set(controller, ids);
    ids.forEach((id) => busy.add(id));
    try {
      const response = await api.batch(ids, waitMs, controller.signal);
      const jobs = new Map(response.jobs.map((job) => [job.id, job]));
      errors = 0;
      for (const id of ids) {
        const entry = due.get(id);
        // To the back of the line: jobs that waited for a free request go before these.
        if (entry && due.delete(id)) due.set(id, next(jobs.get(id), clock.now(), entry[1]));
      }
      ctx.applyBatch(response);
    } catch (error) {
      // Cut short, or closed: not a failure.
      if (!controller.signal.aborted) {
        const e = error as HeyGenError;
        if (!isRetryable(e)) registry.fail(ids, e);
        ctx.report(e);
        const delay = Math.max(backoff(errors++, options.pollInterval, options.pollMaxInterval), e.retryAfterMs ?? 0);
        for (const id of ids) {
          const entry = due.get(id);
          if (entry) entry[0] = clock.now() + delay;
        }
      }
    } finally {
      requests.delete(controller);
      ids.forEach((id) => busy.delete(id));
      if (cut == controller) cut = undefined;
      // Jobs already due (held ones, or ones that waited for this request) go out now, the
      // others when they are due.
      send(0);
    }
  };

  return {
    kind,
    watch(id) {
      if (closed) return;
      const [job, at] = registry.known.get(id) ?? [];
      const entry = next(job, at ?? 0, 0);
      due.set(id, entry);
      if (waitMs && !cut && !busy.has(id)) {
        // No held request covers the new job: cut the smallest one with room short, so that its
        // jobs go out again with the new one (and with any other job watched meanwhile).
        let size = MAX_BATCH_JOB_IDS;
        for (const [controller, ids] of requests) {
          if (ids.length < size) [cut, size] = [controller, ids.length];
        }
        cut?.abort();
      }
      schedule(entry[0]);
    },
    unwatch(id) {
      due.delete(id);
      if (!due.size) requests.forEach((_, controller) => controller.abort());
    },
    close() {
      closed = true;
      due.clear();
      clock.clearTimeout(timer);
      requests.forEach((_, controller) => controller.abort());
    },
  };
}
