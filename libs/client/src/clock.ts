/**
 * Time as the client sees it. Injectable so tests drive backoff, heartbeats and timeouts
 * without real sleeps.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Schedules `callback` after `ms`; returns a handle for {@link Clock.clearTimeout}. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a pending callback; ignores handles that already ran. */
  clearTimeout(handle: unknown): void;
}

/**
 * The platform clock. Globals are looked up on every call so that fake timers installed after
 * the client was built still apply.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
