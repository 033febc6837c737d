import { MAX_BATCH_JOB_IDS, type BatchStatusResponse } from '@heygen-mock/contracts';
import type { Api } from '../api.js';
import type { ClientStats } from '../stats.js';
import type { HeyGenError } from '../errors/heygen-error.js';
import type { JobRegistry } from '../job-registry.js';
import type { Transport } from '../mode.js';
import type { ResolvedOptions } from '../options.js';

/**
 * What a transport may use and whom it reports to. Transports only fetch, schedule and hand
 * off; the client decides what an update or a failure means.
 *
 * @internal
 */
export interface TransportContext {
  readonly api: Api;
  readonly options: ResolvedOptions;
  /** Counters the transports keep up to date. */
  readonly stats: { -readonly [K in keyof ClientStats]: ClientStats[K] };
  /** Watched jobs and their last known states; every update goes through its `deliver`. */
  readonly registry: JobRegistry;
  /** Hands over a batch answer: its jobs, and its unknown ids as {@link JobNotFoundError}. */
  applyBatch(response: BatchStatusResponse): void;
  /** A problem the transport is recovering from by itself. */
  report(error: HeyGenError): void;
}

/**
 * One way of learning about job status. The client tells it which jobs to watch; it reports
 * through its {@link TransportContext}.
 *
 * @internal
 */
export interface JobTransport {
  readonly kind: Transport;
  /** Starts watching a job (its last known state is in the context). */
  watch(id: string): void;
  /** Stops watching a job. */
  unwatch(id: string): void;
  /** Releases every timer, request and connection. Final. */
  close(): void;
}

/** Splits ids into batches the server accepts (at most {@link MAX_BATCH_JOB_IDS} ids each). @internal */
export function chunks(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_BATCH_JOB_IDS) out.push(ids.slice(i, i + MAX_BATCH_JOB_IDS));
  return out;
}
