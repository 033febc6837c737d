import { type Clock, systemClock } from '../time/clock.js';

/**
 * Settles like `promise`, or rejects with `timeoutError()` once `ms` have passed, whichever
 * comes first; the timer goes either way.
 *
 * @param promise - the work
 * @param ms - how long it may take
 * @param timeoutError - the error when it takes longer
 * @param clock - the timers @default the system clock
 * @returns what `promise` resolves to
 */
export async function within<T>(promise: Promise<T>, ms: number, timeoutError: () => Error, clock: Clock = systemClock): Promise<T> {
  let timer: ReturnType<Clock['setTimer']> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = clock.setTimer(() => reject(timeoutError()), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    timer?.cancel();
  }
}
