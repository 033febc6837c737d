/**
 * Counts the jobs a watcher gave up on and keeps the first few distinct reasons, so that a
 * report says why a transport failed instead of only that jobs were missed.
 */
export class FailureLog {
  /** Jobs given up on. */
  count = 0;
  private readonly reasons = new Set<string>();

  /**
   * Records one job's failure.
   *
   * @param error - why the watcher gave up on it
   */
  add(error: Error): void {
    this.count++;
    if (this.reasons.size < 3) this.reasons.add(`${error.name}: ${error.message}`);
  }

  /** Distinct reasons, at most three. */
  get messages(): string[] {
    return [...this.reasons];
  }
}
