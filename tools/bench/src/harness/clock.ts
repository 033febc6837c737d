/**
 * Wall-clock milliseconds with sub-millisecond resolution, comparable with the server's
 * `Date.now()`-based timestamps on the same machine.
 *
 * @returns milliseconds since the epoch
 */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Resolves after `ms`, or at once when `signal` aborts.
 *
 * @param ms - delay
 * @param signal - ends the wait early
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
