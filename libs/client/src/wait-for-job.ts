import type { Job } from '@heygen-mock/contracts';
import { abortScope } from './abort-scope.js';
import type { Clock } from './clock.js';
import { JobFailedError } from './errors/job-failed-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import type { JobRegistry } from './job-registry.js';
import { watchJob } from './watch-job.js';

/** Options of {@link HeyGenAPI.waitForJob}. */
export interface WaitOptions {
  /** Rejects with {@link AbortError} (its `cause` is the signal's reason) when aborted. */
  signal?: AbortSignal;
  /** Rejects with {@link TimeoutError} after this many milliseconds. */
  timeoutMs?: number;
  /** Receives each pending state (progress) before the final one. */
  onProgress?: (job: Job) => void;
}

/**
 * Resolves with the completed job; rejects with {@link JobFailedError} when the job failed and
 * with the transport's error when the job cannot be watched. Built on {@link watchJob}, so
 * whatever it registers is removed when it settles, whichever way.
 *
 * @internal
 */
export async function waitForJob(registry: JobRegistry, clock: Clock, id: string, options: WaitOptions = {}): Promise<Job> {
  const { signal, timeoutMs, onProgress } = options;
  const controller = abortScope(clock, signal, timeoutMs, () => new TimeoutError(`Job ${id} not done in ${timeoutMs} ms`, { jobId: id }));
  try {
    let last: Job | undefined;
    for await (last of watchJob(registry, id, controller.signal)) {
      if (last.status == 'pending') onProgress?.(last);
    }
    if (last?.status != 'completed') throw new JobFailedError(last as Job);
    return last;
  } finally {
    controller.abort();
  }
}
