/** Response header with the polling hint in milliseconds. */
export const POLL_AFTER_MS_HEADER = 'Poll-After-Ms';

/**
 * Headers that tell a poller when to ask next: `Poll-After-Ms` and, rounded up to whole
 * seconds as RFC 9110 requires, `Retry-After`.
 *
 * @param pollAfterMs - the hint, or `null` when nothing is pending
 * @returns the headers to set; none without a hint
 */
export function pollHintHeaders(pollAfterMs: number | null): Record<string, string> {
  if (pollAfterMs === null) return {};
  return { [POLL_AFTER_MS_HEADER]: String(pollAfterMs), 'Retry-After': String(Math.ceil(pollAfterMs / 1000)) };
}

/**
 * The smallest hint among jobs, which is when the first of them is worth asking about again.
 *
 * @param jobs - jobs with their hints
 * @returns the smallest hint, or `null` when none is pending
 */
export function smallestPollHint(jobs: ReadonlyArray<{ readonly pollAfterMs: number | null }>): number | null {
  let smallest: number | null = null;
  for (const { pollAfterMs } of jobs) {
    if (pollAfterMs !== null && (smallest === null || pollAfterMs < smallest)) smallest = pollAfterMs;
  }
  return smallest;
}
