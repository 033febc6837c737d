import { HeyGenAPI, type HeyGenAPIOptions } from '@heygen-mock/client';
import type { Job } from '@heygen-mock/contracts';
import { NaivePoller } from '../baseline/naive-poller.js';
import type { Strategy } from '../report/result-types.js';
import { seededRandom } from '../stats/seeded-random.js';

/** Seed of the naive baseline's first-read phases: the same phases in every run. */
const PHASE_SEED = 1000;

/** Something that watches jobs until they finish: the client under test or the naive baseline. */
export interface JobWatcher {
  /**
   * Starts watching a job.
   *
   * @param id - the job
   * @param onFinished - called with the finished (completed or failed) job
   * @param onFailed - called when the watcher gives up on the job (never after `dispose`)
   */
  watch(id: string, onFinished: (job: Job) => void, onFailed: (error: Error) => void): void;
  /** Status requests made so far: reads, long-polls, batch reads and stream opens. */
  statusRequests(): number;
  dispose(): void;
}

/** Where and how a {@link JobWatcher} watches. */
export interface WatcherOptions {
  readonly url: string;
  readonly apiKey: string;
  /** The naive baseline's interval, ms. @default 1000 */
  readonly naiveIntervalMs?: number;
  /** Client options that pace requests (the cost scenario scales them). @default the client's */
  readonly clientOptions?: Partial<HeyGenAPIOptions>;
}

/**
 * Creates the watcher of a strategy: the naive baseline, or a client fixed to one transport
 * with fallback off, so that a case measures the transport it names and never a switch to
 * another.
 *
 * @param strategy - what to watch with
 * @param options - server, key and pacing
 * @returns the watcher
 */
export async function createJobWatcher(strategy: Strategy, options: WatcherOptions): Promise<JobWatcher> {
  const { url, apiKey } = options;
  if (strategy === 'NAIVE') {
    // It retries every failure at the next interval, so it never gives up on a job.
    const phase = seededRandom(PHASE_SEED);
    const poller = new NaivePoller({ url, apiKey, intervalMs: options.naiveIntervalMs ?? 1000, phase });
    return {
      watch: (id, onFinished) => poller.watch(id, onFinished),
      statusRequests: () => poller.statusRequests,
      dispose: () => poller.dispose(),
    };
  }
  const client = new HeyGenAPI({ ...options.clientOptions, url, apiKey, mode: strategy, fallback: false });
  let statusRequests = 0;
  let disposed = false;
  client.on('request', ({ kind }) => {
    if (kind !== 'create') statusRequests++;
  });
  return {
    watch: (id, onFinished, onFailed) => {
      client.listen(
        id,
        (job) => {
          if (job.status !== 'pending') onFinished(job);
        },
        // Disposing fails every job still watched; that is the end of the case, not a failure.
        (error) => {
          if (!disposed) onFailed(error);
        },
      );
    },
    statusRequests: () => statusRequests,
    dispose: () => {
      disposed = true;
      client.dispose();
    },
  };
}
