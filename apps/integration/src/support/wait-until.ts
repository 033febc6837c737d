import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Re-checks a condition every `intervalMs` until it holds: for state that lives in another
 * process or a browser, which sends no event the test could await.
 *
 * @param condition - the state to reach
 * @param timeoutMs - bound on the wait
 * @param what - what is awaited, for the error message
 * @param intervalMs - time between checks @default 20
 * @throws Error naming `what` when the condition does not hold in time
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await sleep(intervalMs);
  }
}
