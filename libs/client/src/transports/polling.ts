import { backoff } from '../backoff.js';
import { createBatchPoller } from './batch-poller.js';
import type { JobTransport, TransportContext } from './transport.js';

/** Polled a little after the hinted time so the server has surely finished the job. */
const HINT_SLACK_MS = 20;

/**
 * Adaptive polling. A job is due when the server said to ask again (`pollAfterMs`; the create
 * response already carries it, so the first read usually finds the job finished); without a
 * hint, capped exponential backoff from `pollInterval` with equal jitter. Every due job
 * is read in one batch round (see {@link createBatchPoller}).
 *
 * @internal
 */
export function createPollingTransport(ctx: TransportContext): JobTransport {
  const { pollInterval, pollMaxInterval } = ctx.options;
  return createBatchPoller(ctx, 'POLL', 0, (job, at, tries) => {
    const hint = job?.status == 'pending' ? job.pollAfterMs : null;
    return hint == null
      ? [at + backoff(tries, pollInterval, pollMaxInterval), tries + 1]
      : [at + hint + HINT_SLACK_MS, 0];
  });
}
