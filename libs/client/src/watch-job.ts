import type { Job } from '@heygen-mock/contracts';
import { AbortError } from './errors/abort-error.js';
import { isHeyGenError } from './errors/heygen-error.js';
import type { JobListener, JobRegistry } from './job-registry.js';

/**
 * Yields each new state of a job and returns after the terminal one (`completed` or `error`
 * alike: a failed job is a status, not an exception here). Throws when the job cannot be watched
 * or the signal aborts. Leaving the loop early removes the watch.
 *
 * @internal
 */
export async function* watchJob(registry: JobRegistry, id: string, signal?: AbortSignal): AsyncGenerator<Job, void> {
  const queue: Job[] = [];
  let failure: unknown;
  let wake = (): void => undefined;
  const listener: JobListener = {
    job: (job) => {
      queue.push(job);
      wake();
    },
    fail: (error) => {
      failure = error;
      wake();
    },
  };
  // A reason of this package (a timeout, a dispose) is passed on as it is; any other one is
  // wrapped so that the caller gets a typed error.
  const abort = (): void => {
    const reason: unknown = signal?.reason;
    listener.fail(isHeyGenError(reason) ? reason : new AbortError('Aborted', { jobId: id, cause: reason }));
  };
  if (signal?.aborted) abort();
  signal?.addEventListener('abort', abort);
  registry.add(id, listener);
  try {
    for (;;) {
      const job = queue.shift();
      if (job) {
        yield job;
        if (job.status != 'pending') return;
      } else if (failure) {
        throw failure;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    signal?.removeEventListener('abort', abort);
    registry.remove(id, listener);
  }
}
