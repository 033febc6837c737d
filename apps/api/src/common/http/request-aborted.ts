import type { ServerResponse } from 'node:http';

/**
 * An `AbortSignal` that fires when the client goes away before the response is complete, so
 * that a held request (long-poll) stops waiting and releases what it holds. Made only for the
 * requests that wait, not for every read.
 *
 * @param res - the Node response of the request
 * @returns the signal
 */
export function abortedSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  // `close` on the response fires both after a normal finish and on a dropped connection.
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
