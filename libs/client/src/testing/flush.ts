/**
 * Lets pending promise callbacks, stream reads and fetch bodies settle without moving the fake
 * clock (setImmediate stays real under the fake timers the unit tests install).
 */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Jest fake timers that leave the microtask and I/O queues real. */
export function useFakeTime(): void {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'], now: Date.parse('2026-11-29T07:00:00Z') });
}
