/** Handle of a timer started through a {@link Clock}. */
export interface TimerHandle {
  /** Stops the timer; calling it after the timer fired or was cancelled does nothing. */
  cancel(): void;
}

/**
 * The time source and timers of the job simulation, injected so that tests can drive time by
 * hand instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /**
   * Runs `callback` once after `delayMs`.
   *
   * @param callback - the work to run
   * @param delayMs - delay in milliseconds, at least 0
   * @returns a handle that cancels the timer
   */
  setTimer(callback: () => void, delayMs: number): TimerHandle;
}

/** Dependency-injection token for the {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/** The wall clock and Node timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    return { cancel: () => clearTimeout(timer) };
  },
};
