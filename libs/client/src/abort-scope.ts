import type { Clock } from './clock.js';

/**
 * An abort controller for one operation: it follows the caller's `signal` (with its reason) and,
 * after `ms`, aborts with the error `timeout` builds. Aborting it, which the owner does once the
 * operation has settled, also releases its timer and its listener on `signal`. Shared by
 * requests and waits so that both clean up the same way.
 *
 * @param ms - no deadline when `undefined`
 * @internal
 */
export function abortScope(clock: Clock, signal: AbortSignal | undefined, ms: number | undefined, timeout: () => Error): AbortController {
  const controller = new AbortController();
  const timer = ms != null && clock.setTimeout(() => controller.abort(timeout()), ms);
  controller.signal.addEventListener('abort', () => clock.clearTimeout(timer));
  signal?.addEventListener('abort', () => controller.abort(signal.reason), { signal: controller.signal });
  if (signal?.aborted) controller.abort(signal.reason);
  return controller;
}
