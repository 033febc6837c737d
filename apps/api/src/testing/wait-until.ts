/**
 * Resolves once `condition` holds, checking on every turn of the event loop. A test's own
 * timeout bounds it; it measures nothing.
 *
 * @param condition - what to wait for
 */
export async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
