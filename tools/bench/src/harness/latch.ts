/**
 * Waits for a number of events, with a deadline: a scenario waits for its jobs' notifications
 * this way, so that a lost notification costs a bounded wait and shows up as "missed".
 */
export class Latch {
  private remaining: number;
  private release: (() => void) | undefined;
  private readonly done: Promise<void>;

  /** @param count - events to wait for */
  constructor(count: number) {
    this.remaining = count;
    this.done = new Promise((resolve) => (this.release = resolve));
    if (count <= 0) this.release?.();
  }

  /** Events still awaited. */
  get pending(): number {
    return this.remaining;
  }

  /** Records one event. */
  countDown(): void {
    if (this.remaining > 0 && --this.remaining === 0) this.release?.();
  }

  /**
   * Waits until every event has happened or the time is up.
   *
   * @param timeoutMs - the longest wait
   * @returns whether every event happened
   */
  async wait(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([this.done.then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Runs `task` for every item with at most `limit` in flight, in order of the items.
 *
 * @param items - the work
 * @param limit - largest number of concurrent tasks
 * @param task - called once per item; a rejection stops the run and is rethrown
 */
export async function forEachLimit<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
