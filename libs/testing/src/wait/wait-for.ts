import { setTimeout as sleep } from 'node:timers/promises';

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** What is awaited, for the error message. @default 'a condition' */
  readonly what?: string;
  /** Bound on the wait, ms. @default 10000 */
  readonly timeoutMs?: number;
  /** Time between checks, ms. @default 20 */
  readonly intervalMs?: number;
}

/**
 * Re-checks `condition` until it returns a truthy value, for state that sends no event a test
 * could await: a counter of the proxy, a page in a browser, a server that is not up yet. A
 * condition that throws counts as "not yet"; its last error becomes the `cause` of the timeout.
 * The bound only turns a hang into a failure with a message; no test result depends on it.
 *
 * @param condition - the state to reach; may be async
 * @param options - what is awaited, bound and interval
 * @returns the first truthy value the condition returned
 * @throws Error naming `what` when the condition does not hold in time
 * @example
 * await waitFor(() => proxy.stats.openStreams === 1, { what: 'the event stream to open' });
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitForOptions = {}): Promise<T> {
  const { what = 'a condition', timeoutMs = 10_000, intervalMs = 20 } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`, lastError === undefined ? undefined : { cause: lastError });
    }
    await sleep(intervalMs);
  }
}
