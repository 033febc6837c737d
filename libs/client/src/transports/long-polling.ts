import { createBatchPoller } from './batch-poller.js';
import type { JobTransport, TransportContext } from './transport.js';

/**
 * Long-polling: every watched job is always due, and each batch read carries `waitMs`, so the
 * server holds it until a listed job changes status; the next read goes out as soon as the
 * answer arrives. Each request is an ordinary exchange from a proxy's point of view, so this
 * works on networks that cut streams. A newly watched job cuts the held read short so that the
 * next one includes it. Beyond 1000 jobs the requests are held side by side, up to 10 of them
 * (see {@link createBatchPoller}).
 *
 * @internal
 */
export function createLongPollingTransport(ctx: TransportContext): JobTransport {
  return createBatchPoller(ctx, 'LONG_POLL', ctx.options.longPollWaitMs, () => [0, 0]);
}
