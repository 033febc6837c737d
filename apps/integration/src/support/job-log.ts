/** What the API logs about a job at `LOG_LEVEL=debug`: its creation, and its end (written once, by the instance whose update won). */
export type JobLogMessage = 'job created' | 'job finished';

/**
 * The ids of the jobs that a server's log lines report `message` for, in the order written: on
 * which instance of several a job was created or ended. Lines that are not JSON are skipped.
 *
 * @param lines - the lines one instance wrote (started with `LOG_LEVEL=debug`)
 * @param message - which line to look for
 * @returns job ids, one per matching line (an id twice if it was logged twice)
 * @example
 * jobIdsLogged(stack.lines[0] ?? [], 'job created'); // ['6f1c…', …]
 */
export function jobIdsLogged(lines: readonly string[], message: JobLogMessage): string[] {
  const ids: string[] = [];
  for (const line of lines) {
    if (!line.includes(message)) continue;
    try {
      const entry = JSON.parse(line) as { message?: unknown; jobId?: unknown };
      if (entry.message === message && typeof entry.jobId === 'string') ids.push(entry.jobId);
    } catch {
      // Not a log line of the server's logger (a stack trace, a runtime warning).
    }
  }
  return ids;
}
