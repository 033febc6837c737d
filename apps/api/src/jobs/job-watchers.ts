/**
 * Who is waiting for which pending job to change status (long-polls). A waiter on several jobs
 * is woken by the first that changes; disposing of a wait removes every trace of it.
 */
export class JobWatchers {
  private readonly byJob = new Map<string, Set<() => void>>();

  /**
   * Waits for any of `jobIds` to change status.
   *
   * @param jobIds - the pending jobs to watch
   * @param wake - called once, on the first change
   * @returns a disposer that stops the wait; call it whether or not `wake` ran
   */
  watch(jobIds: readonly string[], wake: () => void): () => void {
    const listener = (): void => {
      dispose();
      wake();
    };
    const dispose = (): void => {
      for (const id of jobIds) {
        const listeners = this.byJob.get(id);
        listeners?.delete(listener);
        if (listeners?.size === 0) this.byJob.delete(id);
      }
    };
    for (const id of jobIds) {
      let listeners = this.byJob.get(id);
      if (listeners === undefined) this.byJob.set(id, (listeners = new Set()));
      listeners.add(listener);
    }
    return dispose;
  }

  /**
   * Wakes everyone waiting for a job.
   *
   * @param jobId - the job whose status changed
   */
  notify(jobId: string): void {
    for (const listener of [...(this.byJob.get(jobId) ?? [])]) listener();
  }

  /** Number of jobs with at least one waiter, for tests and diagnostics. */
  get watchedJobCount(): number {
    return this.byJob.size;
  }
}
