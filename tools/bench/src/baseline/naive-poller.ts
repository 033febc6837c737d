import type { Job } from '@heygen-mock/contracts';
import { setMaxListeners } from 'node:events';
import { sleep } from '../harness/clock.js';

/** Options of {@link NaivePoller}. */
export interface NaivePollerOptions {
  /** Base URL of the API. */
  readonly url: string;
  /** The caller key the jobs were created with. */
  readonly apiKey: string;
  /** Pause between two reads of one job, ms. @default 1000 */
  readonly intervalMs?: number;
  /**
   * Where in its first interval each job's first read falls, as a share in [0, 1).
   * @default () => 0, at once
   */
  readonly phase?: () => number;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Time source and pause, replaceable in tests. @default `Date.now` and timers */
  readonly clock?: PollerClock;
}

/** What the poller needs of time. */
export interface PollerClock {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/**
 * The baseline every ratio is against: the strategy of the original seed client, which reads
 * `GET /status/:id` for each job once per second until the job is no longer pending. It keeps
 * no shared state between jobs, ignores the server's hints and never batches.
 *
 * The seed started a job's reads when it created the job, so where the reads fall relative to
 * the completion depends on the duration modulo one second: as good as random for real jobs,
 * but the same for every job when a bench gives them all a whole-second duration. `phase`
 * restores the real-world spread by starting each job's reads at a random point of its first
 * second.
 */
export class NaivePoller {
  /** Status reads sent so far. */
  statusRequests = 0;
  /** Reads that failed (network error or non-2xx), retried at the next interval. */
  errors = 0;
  private readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly intervalMs: number;
  private readonly fetch: typeof fetch;
  private readonly phase: () => number;
  private readonly clock: PollerClock;
  private readonly life = new AbortController();

  /** @param options - where to poll, as whom, how often */
  constructor(options: NaivePollerOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.headers = { Authorization: `Bearer ${options.apiKey}` };
    this.intervalMs = options.intervalMs ?? 1000;
    if (!(this.intervalMs > 0)) throw new TypeError('Expected `intervalMs` to be a positive number.');
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.phase = options.phase ?? (() => 0);
    this.clock = options.clock ?? { now: Date.now, sleep };
    // Every request and pause of every job listens to this one signal, by design.
    setMaxListeners(0, this.life.signal);
  }

  /**
   * Polls one job until it is completed or failed, then calls `onDone` once.
   *
   * @param id - the job id
   * @param onDone - receives the finished job
   */
  watch(id: string, onDone: (job: Job) => void): void {
    void this.poll(id, onDone);
  }

  /** Stops every poll loop and cancels requests in flight. */
  dispose(): void {
    this.life.abort();
  }

  private async poll(id: string, onDone: (job: Job) => void): Promise<void> {
    const signal = this.life.signal;
    // A fixed rate, one read per interval measured from the start of the previous one, so that
    // a slow answer does not stretch the interval; an interval missed while waiting for an
    // answer is skipped, not made up in a burst.
    const { now, sleep: pause } = this.clock;
    let next = now() + this.phase() * this.intervalMs;
    await pause(Math.max(0, next - now()), signal);
    while (!signal.aborted) {
      next = Math.max(next, now()) + this.intervalMs;
      try {
        this.statusRequests++;
        const response = await this.fetch(`${this.url}/status/${id}`, { headers: this.headers, signal });
        const job = (await response.json()) as Job;
        if (response.ok && job.status !== 'pending') return onDone(job);
        if (!response.ok) this.errors++;
      } catch {
        if (signal.aborted) return;
        this.errors++;
      }
      await pause(Math.max(0, next - now()), signal);
    }
  }
}
